// serve --follow redis://: ten real replica processes, all under
// --verify-key, following a real redis-server (with a password) that the Redis
// target writes. One fleet runs the whole story in order: 20 applies, a
// missed announcement, Redis stopped and restarted under a steady resolve
// load, a replica killed and restarted while Redis is down, and tampered
// documents written straight into Redis.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTarget } from '../../src/apply/open-target.js';
import type { Target } from '../../src/apply/types.js';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import type { Snapshot } from '../../src/generated/types.js';
import { baseSnapshot } from '../plan/fixtures.js';
import { describeRedis, startRedis, type RedisServer } from '../support/redis-server.js';
import { ADMIN, call, converge, CREDENTIALS, nth, resolveLoop, RESOLVE, serve, serves, sleep, status, tempDir, waitFor, type ServerProcess } from './helpers.js';

const PASSWORD = 'redis-follow-pw-4e1f9a7c';
const KEY = 'fleet';
const FAST = ['--follow-interval', '1s', '--follow-backoff', '50ms', '--follow-timeout', '2s'];
const base = baseSnapshot();
/** Per test and hook: bounded, and generous for a shared 2-core machine (each step is well under a second when idle). */
const SLOW = 120_000;
const keys = generateSigningKeys();

describeRedis('replicas following Redis', () => {
  let redis: RedisServer;
  let root: string;
  let removeRoot: () => Promise<void>;
  let replicas: ServerProcess[];
  let target: Target;
  const cleanups: (() => Promise<unknown>)[] = [];
  let serial = 100;
  let live: string | null = null;
  const liveKey = `{${KEY}}:live`;
  const events = `{${KEY}}:events`;

  /** Half the replicas carry the password in the URL, half in REDIS_PASSWORD: neither may show. */
  const startReplica = (i: number, dir = join(root, `replica-${i}`)): Promise<ServerProcess> =>
    i % 2
      ? serve(dir, ['--follow', `redis://:${PASSWORD}@127.0.0.1:${redis.port}/0?key=${KEY}`, '--verify-key', join(root, 'pub.pem'), ...FAST])
      : serve(dir, ['--follow', `redis://127.0.0.1:${redis.port}/0?key=${KEY}`, '--verify-key', join(root, 'pub.pem'), ...FAST], { REDIS_PASSWORD: PASSWORD });

  const urls = () => replicas.map((r) => r.url);

  /** A plain ioredis client, to write into the store behind the target's back. */
  async function connectRaw(): Promise<Redis> {
    const raw = new Redis({ host: '127.0.0.1', port: redis.port, password: PASSWORD, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    raw.on('error', () => undefined);
    await raw.connect();
    return raw;
  }

  async function apply(s: Snapshot): Promise<void> {
    const written = await target.write(s, { ifMatch: live, signature: signSnapshot(s, keys.privateKeyPem, { serial: ++serial }).signature });
    expect(written.status).toBe('ok');
    live = s.version;
  }

  beforeAll(async () => {
    ({ dir: root, remove: removeRoot } = await tempDir());
    await writeFile(join(root, 'pub.pem'), keys.publicKeyPem);
    redis = await startRedis({ password: PASSWORD });
    replicas = await Promise.all(Array.from({ length: 10 }, (_, i) => startReplica(i)));
    target = openTarget(`redis://127.0.0.1:${redis.port}/0?key=${KEY}`, { cwd: root, env: { REDIS_PASSWORD: PASSWORD } });
  }, SLOW);

  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.stop()));
    for (const c of cleanups) await c();
    await target?.close();
    await redis?.close();
    await removeRoot?.();
  });

  it('converge on each of 20 successive applies', async () => {
    for (let i = 0; i < 20; i++) {
      await apply(nth(base, i));
      await converge(urls(), live!);
    }
    for (const [i, r] of replicas.entries()) {
      // The password's place is masked when the URL had one; from REDIS_PASSWORD, the URL shows none.
      const source = `redis://${i % 2 ? '***@' : ''}127.0.0.1:${redis.port}/0?key=${KEY}`;
      await waitFor('up to date', async () => (await status(r.url)).follow.upToDate === true);
      expect((await status(r.url)).follow).toMatchObject({ kind: 'redis', source, upToDate: true, version: live, lagSeconds: 0, lastError: null });
      // Every apply after the first replaced the version each replica held: each read the patch the apply left, not the document.
      expect((await status(r.url)).follow.fetches).toMatchObject({ patch: 19, patchUnusable: 0 });
    }
  }, SLOW);

  it('a change written without its announcement is caught by the timed version check', async () => {
    // As if the PUBLISH had been lost: the live hash moves, nobody is told.
    const next = nth(base, 50);
    const envelope = JSON.stringify(signSnapshot(next, keys.privateKeyPem, { serial: ++serial }));
    const raw = await connectRaw();
    await raw.hset(liveKey, { version: next.version, document: envelope });
    raw.disconnect();
    live = next.version;
    await converge(urls(), live, 5_000);
  }, SLOW);

  it('Redis stopped and restarted: zero resolve errors, behind while down, a killed replica boots from its state dir, all catch up', async () => {
    const before = live!;
    const load = resolveLoop(urls());
    await redis.stop();
    for (const r of replicas) {
      await waitFor('the replica to notice', async () => (await status(r.url)).follow.upToDate === false);
      const s = (await status(r.url)).follow;
      expect(s.lastError.message).toMatch(/Redis at redis:\/\/(\*\*\*@)?127\.0\.0\.1/);
      expect(s.version).toBe(before);
    }
    const metrics = (await call(replicas[0]!.url, 'GET', '/metrics')).text;
    expect(metrics).toMatch(/^modelctl_follow_up_to_date\{kind="redis"\} 0$/m);

    // A replica killed outright while Redis is down: it boots from its state dir and serves.
    const victim = replicas[9]!;
    await victim.kill();
    const reborn = await startReplica(9, victim.stateDir);
    expect(await serves(reborn.url, before)).toBe(true);
    const resolved = (await call(reborn.url, 'POST', '/v1/resolve', { body: RESOLVE })).json();
    expect(resolved).toMatchObject({ ok: true, pricing: { input: 3 + 50 } });
    expect((await status(reborn.url)).follow.upToDate).toBe(false);
    await sleep(300);
    const { ok, errors } = await load.stop();
    // The loop covered replicas[9] until it was killed: only the killed process may have failed it.
    expect(errors.filter((e) => !e.startsWith(victim.url))).toEqual([]);
    expect(ok).toBeGreaterThan(20);
    replicas[9] = reborn;

    // Back, with its data; an apply right away may land before a replica has subscribed again.
    const load2 = resolveLoop(urls());
    await redis.start();
    // A new apply, as a new `modelctl apply` run would be: the target's one-shot connection died with Redis.
    await target.close();
    target = openTarget(`redis://127.0.0.1:${redis.port}/0?key=${KEY}`, { cwd: root, env: { REDIS_PASSWORD: PASSWORD } });
    const next = nth(base, 60);
    await apply(next);
    await converge(urls(), next.version);
    for (const r of replicas) await waitFor('up to date again', async () => (await status(r.url)).follow.upToDate === true);
    const after = await load2.stop();
    expect(after.errors).toEqual([]);
  }, SLOW);

  it('tampered documents written straight into Redis are refused by every replica, which stay on the last good version', async () => {
    const good = live!;
    const signedGood = signSnapshot(nth(base, 70), keys.privateKeyPem, { serial: ++serial });
    // 1: a signed envelope whose price was changed afterwards, claimed version kept.
    const priced = structuredClone(signedGood);
    priced.snapshot.models['claude-sonnet']!.pricing.input = 0.01;
    // 2: a valid snapshot, correct version, not signed at all.
    const unsigned = nth(base, 71);
    // 3: signed, but by another key.
    const foreign = signSnapshot(nth(base, 72), generateSigningKeys().privateKeyPem, { serial: ++serial });
    // A client of its own, connected after the restart.
    const raw = await connectRaw();
    cleanups.push(async () => raw.disconnect());
    const cases = [
      { version: signedGood.snapshot.version, document: JSON.stringify(priced), words: /not a valid snapshot|not signed/ },
      { version: unsigned.version, document: JSON.stringify(unsigned), words: /not signed by the verify key/ },
      { version: foreign.snapshot.version, document: JSON.stringify(foreign), words: /not signed by the verify key/ },
      // 4: a good, signed document under another version's name.
      { version: unsigned.version, document: JSON.stringify(signedGood), words: /its content is/ },
    ];
    for (const [n, c] of cases.entries()) {
      await raw.hset(liveKey, { version: c.version, document: c.document });
      await raw.publish(events, c.version);
      for (const r of replicas) {
        await waitFor(`replica ${r.url} to refuse case ${n + 1}`, async () => (await status(r.url)).follow.lastError?.message.match(c.words) != null);
        const s = (await status(r.url)).follow;
        expect(s).toMatchObject({ upToDate: false, version: good });
        expect(await serves(r.url, good)).toBe(true);
        expect((await call(r.url, 'POST', '/v1/resolve', { body: RESOLVE })).json().pricing.input).toBe(3 + 60);
      }
    }
    for (const r of replicas) {
      expect(r.stderr()).toContain('"msg":"follow: document refused"');
      expect((await call(r.url, 'GET', '/metrics')).text).toMatch(/^modelctl_follow_refused_total\{kind="redis"\} [1-9]/m);
    }
    // The store put right (a signed apply over what is there): every replica follows again.
    const fixed = nth(base, 73);
    const written = await target.write(fixed, { ifMatch: unsigned.version, signature: signSnapshot(fixed, keys.privateKeyPem, { serial: ++serial }).signature });
    expect(written.status).toBe('ok');
    live = fixed.version;
    await converge(urls(), live);
  }, SLOW);

  it('PUT and rollback answer 405 pointing at Redis; no password, token or credential in any log, status or metrics', async () => {
    const r = replicas[1]!;
    const put = await call(r.url, 'PUT', '/v1/snapshot', { body: JSON.stringify(nth(base, 80)), headers: { 'if-match': `"${live}"` }, token: ADMIN });
    expect(put.status).toBe(405);
    expect(put.json().error.message).toContain(`redis://***@127.0.0.1:${redis.port}/0?key=${KEY}`);
    expect((await call(r.url, 'POST', '/v1/rollback', { body: JSON.stringify({ version: live }), token: ADMIN })).status).toBe(405);
    for (const x of replicas) {
      const out = x.stderr() + (await call(x.url, 'GET', '/v1/status')).text + (await call(x.url, 'GET', '/metrics')).text + put.text;
      for (const secret of [PASSWORD, ADMIN, CREDENTIALS.ANTHROPIC_API_KEY]) expect(out).not.toContain(secret);
    }
  }, SLOW);
});
