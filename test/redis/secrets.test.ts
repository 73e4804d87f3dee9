// The Redis password (in the URL, percent-encoded or not, or in
// REDIS_PASSWORD) is used but never printed: not by plan, apply or rollback
// in any format, not when it is wrong, not when Redis is down, not in a usage
// error. Every run is a real CLI process, so whatever ioredis itself prints
// is checked too.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { catalog, replaceIn } from '../apply/cli-helpers.js';
import { tempDir } from '../server/helpers.js';
import { describeRedis, startRedis, type RedisServer } from '../support/redis-server.js';
import { spawnCli, type Spawned } from './helpers.js';

/** Needs percent-encoding in a URL: '@', ':', '/', '%'. */
const PASS = 'p@ss:w/rd%41-redis-7c3e9a';
const ENCODED = encodeURIComponent(PASS);
const WRONG = 'wrong-redis-pass-8a7b6c5d';
const API_SECRET = 'sk-ant-api03-redissecretstest00077';
const FORBIDDEN = [PASS, ENCODED, WRONG, 'p@ss:w', 'redis-7c3e9a', API_SECRET];

describeRedis('the Redis password is never printed', () => {
  let redis: RedisServer;
  let tmp: { dir: string; remove: () => Promise<void> };
  let v1: string;
  let v2: string;
  let n = 0;
  let key: string;
  const outputs: Spawned[] = [];
  const env = { ANTHROPIC_API_KEY: API_SECRET };
  const withPass = (pass = ENCODED) => `redis://:${pass}@127.0.0.1:${redis.port}/0?key=${key}`;
  const shown = () => `redis://***@127.0.0.1:${redis.port}/0?key=${key}`;
  const cli = async (argv: string[], extraEnv: Record<string, string> = {}) => {
    const r = await spawnCli(argv, { cwd: tmp.dir, env: { ...env, ...extraEnv } });
    outputs.push(r);
    return r;
  };

  beforeAll(async () => {
    redis = await startRedis({ password: PASS });
  });
  afterAll(async () => {
    await redis?.close();
  });
  beforeEach(async () => {
    key = `secrets-${++n}`;
    tmp = await tempDir();
    v1 = await catalog(tmp.dir, 'v1');
    v2 = await catalog(tmp.dir, 'v2', (root) => replaceIn(join(root, 'models/gpt-5.yaml'), 'order: 20', 'order: 25'));
  });
  afterEach(async () => {
    const text = outputs.splice(0).map((r) => r.stdout + '\n' + r.stderr).join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const s of FORBIDDEN) expect(text).not.toContain(s);
    await tmp.remove();
  });

  it('works with the password in the URL, and no output of plan, apply or rollback shows it (text, json, markdown)', { timeout: 180_000 }, async () => {
    const t = withPass();
    for (const format of ['text', 'json', 'markdown']) {
      const plan = await cli(['plan', v1, '--target', t, '--format', format]);
      expect(plan.code, plan.stderr).toBe(0);
    }
    const planned = await cli(['plan', v1, '--target', t, '--out', 'plan.json']);
    expect(planned.stderr).toContain(`--target ${shown()} --expect-version`);
    const applied = await cli(['apply', 'plan.json', '--target', t]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`Applied: ${shown()} is now at sha256:`);
    const json = await cli(['apply', v2, '--target', t, '--format', 'json', '--message', 'two']);
    expect(json.code, json.stderr).toBe(0);
    const outcome = JSON.parse(json.stdout);
    expect(outcome).toMatchObject({ status: 'applied', target: shown() });
    expect(outcome.undo).toContain(`--target ${shown()}`);
    for (const format of ['text', 'json']) expect((await cli(['rollback', '--list', '--target', t, '--format', format])).code).toBe(0);
    const back = await cli(['rollback', '--to', outcome.previous, '--target', t, '--format', 'json']);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ status: 'rolled-back', target: shown() });
    expect((await cli(['rollback', '--to', outcome.version, '--target', t, '--dry-run'])).code).toBe(0);
  });

  it('works with REDIS_PASSWORD, which is never shown either', { timeout: 60_000 }, async () => {
    const t = `redis://127.0.0.1:${redis.port}/0?key=${key}`;
    const applied = await cli(['apply', v1, '--target', t], { REDIS_PASSWORD: PASS });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`Applied: ${t} is now at`);
    // The URL's password wins over REDIS_PASSWORD.
    expect((await cli(['plan', v1, '--target', withPass(), '--detailed-exitcode'], { REDIS_PASSWORD: WRONG })).code).toBe(0);
    const wrong = await cli(['plan', v1, '--target', t], { REDIS_PASSWORD: WRONG });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain(`Redis at ${t} refused the credentials: wrong user name or password (WRONGPASS)`);
  });

  it('a wrong or missing password is refused (exit 3) in words that hold neither password', { timeout: 90_000 }, async () => {
    const bad = `redis://:${WRONG}@127.0.0.1:${redis.port}/0?key=${key}`;
    const results = await Promise.all([
      cli(['plan', v1, '--target', bad]),
      cli(['apply', v1, '--target', bad, '--format', 'json']),
      cli(['rollback', '--list', '--target', bad, '--format', 'json']),
      cli(['plan', v1, '--target', `redis://127.0.0.1:${redis.port}/0?key=${key}`]),
    ]);
    for (const r of results.slice(0, 3)) {
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`refused, nothing changed: Redis at ${shown()} refused the credentials: wrong user name or password (WRONGPASS).`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(results[3]!.code).toBe(3);
    expect(results[3]!.stderr).toContain('it requires a password and none was given (NOAUTH)');
  });

  it('with Redis down or the URL malformed, the error holds no password', { timeout: 90_000 }, async () => {
    const other = await startRedis();
    const port = other.port;
    await other.close();
    const results = await Promise.all([
      cli(['plan', v1, '--target', `redis://:${ENCODED}@127.0.0.1:${port}/0?key=${key}`]),
      cli(['apply', v1, '--target', `redis://user:${ENCODED}@127.0.0.1:${port}/0?key=${key}`, '--format', 'json']),
      cli(['plan', v1, '--target', `redis://:${ENCODED}@127.0.0.1:${redis.port}/0?key={bad}`]),
      cli(['plan', v1, '--target', `redis://:${ENCODED}@127.0.0.1:notaport/0?key=${key}`]),
      cli(['plan', v1, '--target', `redis://:${PASS}@127.0.0.1:${redis.port}/0`]),
      cli(['plan', v1, '--target', `redis://:${ENCODED}@127.0.0.1:${redis.port}/0?key=${key}&password=${ENCODED}`]),
    ]);
    expect(results.map((r) => r.code)).toEqual([1, 1, 64, 64, 64, 64]);
    expect(results[0]!.stderr).toContain(`cannot reach Redis at redis://***@127.0.0.1:${port}/0?key=${key} (3 attempts)`);
    expect(results[1]!.stdout).toBe('');
    expect(results[3]!.stderr).toContain('does not parse (not shown: it may hold a password)');
  });
});
