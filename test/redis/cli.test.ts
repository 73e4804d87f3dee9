// plan / apply / rollback with --target redis://…: the same words and exit
// codes as file: and http, real CLI processes racing on one key, a document
// tampered with straight in Redis, and Redis down.
import { rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { RedisTarget } from '../../src/apply/redis-target.js';
import { parseRedisSpec } from '../../src/redis/spec.js';
import { catalog, replaceIn, run } from '../apply/cli-helpers.js';
import { tempDir } from '../server/helpers.js';
import { describeRedis, startRedis, type RedisServer } from '../support/redis-server.js';
import { rawClient, spawnCli } from './helpers.js';

const SECRET = 'sk-ant-api03-redisclisecret000042';
const env = { ANTHROPIC_API_KEY: SECRET };

describeRedis('plan, apply and rollback with a redis:// target', () => {
  let redis: RedisServer;
  let raw: Redis;
  let tmp: { dir: string; remove: () => Promise<void> };
  let v1: string;
  let v2: string;
  let key: string;
  let n = 0;
  const target = () => `${redis.url}/0?key=${key}`;
  const cli = (...argv: string[]) => run(argv, { cwd: tmp.dir, env });
  const version = async (dir: string) => {
    const r = await cli('plan', dir, '--target', target(), '--format', 'json');
    return JSON.parse(r.stdout).desired.version as string;
  };

  beforeAll(async () => {
    redis = await startRedis();
    raw = rawClient(redis.port);
  });
  afterAll(async () => {
    raw?.disconnect();
    await redis?.close();
  });
  beforeEach(async () => {
    key = `cli-${++n}`;
    tmp = await tempDir();
    v1 = await catalog(tmp.dir, 'v1');
    v2 = await catalog(tmp.dir, 'v2', (root) => replaceIn(join(root, 'models/gpt-5.yaml'), 'order: 20', 'order: 25'));
  });
  afterEach(async () => {
    await tmp.remove();
  });

  it('plans, applies, plans no changes, lists the history and rolls back, naming the target with its key', async () => {
    const plan = await cli('plan', v1, '--target', target(), '--out', 'plan.json');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('Plan: 6 to create, 0 to update, 0 to delete.');
    expect(plan.stderr).toContain(`--target ${target()} --expect-version sha256:`);

    const apply = await cli('apply', 'plan.json', '--target', target(), '--message', 'first');
    expect(apply.code).toBe(0);
    const first = await version(v1);
    expect(apply.stdout).toContain(`Applied: ${target()} is now at ${first}`);
    expect(await raw.hget(`{${key}}:live`, 'version')).toBe(first);

    const again = await cli('plan', v1, '--target', target(), '--detailed-exitcode');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^No changes\./);

    const second = await cli('apply', v2, '--target', target());
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`To roll back: modelctl rollback --to ${first} --target ${target()}`);
    const v2version = await version(v2);

    const list = await cli('rollback', '--list', '--target', target());
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^\\* ${v2version}  \\S+Z  \\(live\\)\\n  ${first}  \\S+Z\\n    .*"first"`, 'm'));

    const back = await cli('rollback', '--to', first.slice(0, 16), '--target', target());
    expect(back.code).toBe(0);
    expect(back.stdout).toContain(`Rolled back: ${target()} is now at ${first} (was ${v2version}).`);
    expect(await raw.hget(`{${key}}:live`, 'version')).toBe(first);
    const json = JSON.parse((await cli('rollback', '--list', '--target', target(), '--format', 'json')).stdout);
    expect(json.target).toBe(target());
    expect(json.versions.map((v: { version: string; live: boolean }) => [v.version, v.live])).toEqual([
      [first, true],
      [v2version, false],
      [first, false],
    ]);
    expect(json.versions[2].message).toBe('first');
  });

  it('stores a signed envelope (with its serial beside it) when apply signs', async () => {
    expect((await cli('keygen', '--out', 'k')).code).toBe(0);
    const applied = await cli('apply', v1, '--target', target(), '--sign-key', 'k.key', '--serial', '42');
    expect(applied.code).toBe(0);
    const live = await raw.hgetall(`{${key}}:live`);
    expect(live['serial']).toBe('42');
    const doc = JSON.parse(live['document']!);
    expect(Object.keys(doc).sort()).toEqual(['signature', 'snapshot']);
    expect(doc.signature.serial).toBe(42);
    expect(doc.snapshot.version).toBe(live['version']);
    // plan reads the envelope back like any other live state.
    expect((await cli('plan', v1, '--target', target(), '--detailed-exitcode')).code).toBe(0);
  });

  it('of N CLI processes applying plans from the same base, exactly one wins and the rest exit 3; nothing is lost', async () => {
    expect((await cli('apply', v1, '--target', target())).code).toBe(0);
    const base = await version(v1);
    const N = 6;
    const plans: string[] = [];
    for (let i = 0; i < N; i++) {
      const dir = await catalog(tmp.dir, `c${i}`, (root) => replaceIn(join(root, 'models/gpt-5.yaml'), 'order: 20', `order: ${30 + i}`));
      expect((await cli('plan', dir, '--target', target(), '--out', `p${i}.json`)).code).toBe(0);
      plans.push(`p${i}.json`);
      await rm(dir, { recursive: true });
    }
    const results = await Promise.all(plans.map((p) => spawnCli(['apply', p, '--target', target()], { cwd: tmp.dir, env })));
    expect(results.map((r) => r.code).sort()).toEqual([0, 3, 3, 3, 3, 3]);
    const winner = results.find((r) => r.code === 0)!;
    const won = /is now at (sha256:[0-9a-f]{64})/.exec(winner.stdout)![1]!;
    for (const r of results.filter((r) => r.code === 3)) {
      expect(r.stderr).toContain('refused, nothing changed: the live snapshot moved since the plan.');
      expect(r.stderr).toContain(`planned against: ${base}`);
      expect(r.stderr).toContain(`live now:        ${won}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    // The winner is live, both versions are kept and readable, and exactly one swap was recorded per success.
    const t = new RedisTarget(parseRedisSpec(target(), { env: {} }));
    try {
      expect((await t.read()).version).toBe(won);
      expect((await t.history()).map((h) => [h.version, h.live])).toEqual([
        [won, true],
        [base, false],
      ]);
      expect((await t.readVersion(base))?.version).toBe(base);
      expect((await t.readVersion(won))?.version).toBe(won);
    } finally {
      await t.close();
    }
  });

  it('refuses a live document tampered with in Redis (plan and apply, exit 1), and rollback --to repairs it', async () => {
    expect((await cli('apply', v1, '--target', target())).code).toBe(0);
    const good = await version(v1);
    // Edited in place, version left alone: the content no longer hashes to it.
    const doc = JSON.parse((await raw.hget(`{${key}}:live`, 'document'))!);
    doc.models['gpt-5'].pricing.input = 0.01;
    await raw.hset(`{${key}}:live`, 'document', JSON.stringify(doc));

    for (const argv of [
      ['plan', v2, '--target', target()],
      ['apply', v2, '--target', target()],
    ]) {
      const r = await cli(...argv);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${target()} is damaged: {${key}}:live holds a document that does not load:`);
      expect(r.stderr).toMatch(/version/);
      expect(r.stderr).toContain(`modelctl rollback --to VERSION --target ${target()}`);
    }
    expect(JSON.parse((await raw.hget(`{${key}}:live`, 'document'))!).models['gpt-5'].pricing.input).toBe(0.01);

    const repaired = await cli('rollback', '--to', good, '--target', target());
    expect(repaired.code).toBe(0);
    expect(repaired.stderr).toContain('the live state is damaged');
    expect(repaired.stdout).toContain(`Rolled back: ${target()} is now at ${good} (was a damaged state).`);
    expect((await cli('plan', v1, '--target', target(), '--detailed-exitcode')).code).toBe(0);
  });

  it('refuses a live hash whose version field says another version, and a kept document tampered with', async () => {
    expect((await cli('apply', v1, '--target', target())).code).toBe(0);
    expect((await cli('apply', v2, '--target', target())).code).toBe(0);
    const [first, second] = [await version(v1), await version(v2)];
    await raw.hset(`{${key}}:live`, 'version', first);
    const plan = await cli('plan', v1, '--target', target());
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`{${key}}:live says version ${first} but holds ${second} (changed by hand?)`);
    await raw.hset(`{${key}}:live`, 'version', second);

    const kept = JSON.parse((await raw.get(`{${key}}:doc:${first}`))!);
    kept.models['gpt-5'].order = 99;
    await raw.set(`{${key}}:doc:${first}`, JSON.stringify(kept));
    const back = await cli('rollback', '--to', first, '--target', target());
    expect(back.code).toBe(1);
    expect(back.stderr).toContain(`kept version ${first} is damaged:`);
    expect(await raw.hget(`{${key}}:live`, 'version')).toBe(second);
  });

  it('with Redis down, plan, apply and rollback fail clearly (exit 1, no stack trace) instead of hanging', { timeout: 60_000 }, async () => {
    const down = await startRedis();
    const port = down.port;
    await down.close();
    const spec = `redis://127.0.0.1:${port}/0?key=${key}`;
    for (const argv of [
      ['plan', 'v1', '--target', spec],
      ['apply', 'v1', '--target', spec],
      ['rollback', '--list', '--target', spec],
    ]) {
      const r = await spawnCli(argv, { cwd: tmp.dir, env });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`modelctl ${argv[0]}: cannot reach Redis at ${spec} (3 attempts): connect ECONNREFUSED 127.0.0.1:${port}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('a Redis that accepts connections but never answers fails after one handshake timeout, clearly', { timeout: 60_000 }, async () => {
    const sockets = new Set<Socket>();
    const mute = createServer((s) => void sockets.add(s));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const port = (mute.address() as AddressInfo).port;
    try {
      const spec = `redis://127.0.0.1:${port}/0?key=${key}`;
      const r = await spawnCli(['plan', 'v1', '--target', spec], { cwd: tmp.dir, env });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`modelctl plan: cannot reach Redis at ${spec} (1 attempt): no answer within 3000 ms (if that port speaks TLS, use rediss:// or --redis-tls)`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => mute.close(resolve));
    }
  });

  it('treats a bad Redis URL as a usage error (exit 64)', async () => {
    for (const spec of [
      `${redis.url}/0?key=has{braces}`,
      `${redis.url}/0?key=a&key=b`,
      `${redis.url}/0?keys=x`,
      `${redis.url}/zero?key=x`,
      `${redis.url}/0?key=x#frag`,
      'redis://',
      'redis://127.0.0.1:99999/0',
    ]) {
      const r = await cli('plan', v1, '--target', spec);
      expect(r.code, spec).toBe(64);
      expect(r.stderr, spec).toMatch(/^modelctl plan: --target: the Redis URL[ ']/);
    }
    expect((await cli('plan', v1, '--target', `file:${join(tmp.dir, 'live.json')}`, '--redis-tls')).code).toBe(64);
  });
});
