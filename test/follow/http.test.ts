// serve --follow http://primary: real replica processes following a real
// primary over its long poll (GET /v1/snapshot?wait=, ETag), applied to with
// the HTTP target. Convergence is checked per replica with a conditional GET
// (304 = it serves that version), with a bounded wait.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTarget } from '../../src/apply/http-target.js';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { baseSnapshot } from '../plan/fixtures.js';
import { ADMIN, call, converge, CREDENTIALS, GATEWAY, nth, resolveLoop, RESOLVE, serve, serves, status, tempDir, waitFor, type ServerProcess } from './helpers.js';

const FAST = ['--follow-interval', '1s', '--follow-backoff', '50ms', '--follow-wait', '10s'];
const base = baseSnapshot();
/** Per test and hook: bounded, and generous for a shared 2-core machine (each step is well under a second when idle). */
const SLOW = 120_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function dir(): Promise<string> {
  const t = await tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

async function started(p: Promise<ServerProcess>): Promise<ServerProcess> {
  const s = await p;
  cleanups.push(() => s.stop());
  return s;
}

describe('10 replicas following a primary that requires a gateway token', () => {
  let primary: ServerProcess;
  let replicas: ServerProcess[];
  let target: HttpTarget;

  beforeAll(async () => {
    const root = await dir();
    primary = await started(serve(join(root, 'primary'), ['--require-gateway-token'], { MODELCTL_GATEWAY_TOKEN: GATEWAY }));
    // Half take the token from their own gateway list, half from MODELCTL_FOLLOW_TOKEN.
    const env = (i: number): Record<string, string> => (i % 2 ? { MODELCTL_GATEWAY_TOKEN: GATEWAY } : { MODELCTL_FOLLOW_TOKEN: GATEWAY });
    replicas = await Promise.all(Array.from({ length: 10 }, (_, i) => started(serve(join(root, `replica-${i}`), ['--follow', primary.url, ...FAST], env(i)))));
    target = new HttpTarget(primary.url, { token: ADMIN });
    cleanups.push(() => target.close());
  }, SLOW);

  it('converge on each of 20 successive applies', async () => {
    let live: string | null = null;
    for (let i = 0; i < 20; i++) {
      const next = nth(base, i);
      const written = await target.write(next, { ifMatch: live });
      expect(written.status).toBe('ok');
      live = next.version;
      await converge(
        replicas.map((r) => r.url),
        live,
      );
    }
    for (const r of replicas) {
      const s = await status(r.url);
      expect(s.version).toBe(live);
      expect(s.follow).toMatchObject({ source: primary.url, kind: 'http', upToDate: true, version: live, sourceVersion: live, lagSeconds: 0, lastError: null, connected: true });
      // Every apply after the first came as a patch from the version held (226 to the long poll), not the document.
      expect(s.follow.fetches).toEqual({ whole: 1, patch: 19, patchUnusable: 0 });
      const resolved = (await call(r.url, 'POST', '/v1/resolve', { body: RESOLVE })).json();
      expect(resolved.pricing).toMatchObject({ input: 3 + 19 });
      expect((await call(r.url, 'GET', '/metrics')).text).toMatch(/^modelctl_follow_up_to_date\{kind="http"\} 1$/m);
    }
  }, SLOW);

  it('a replica refuses PUT and rollback with 405 naming its source, whatever the token', async () => {
    const r = replicas[0]!;
    const before = (await status(r.url)).version;
    const put = await call(r.url, 'PUT', '/v1/snapshot', { body: JSON.stringify(nth(base, 99)), headers: { 'if-match': `"${before}"` }, token: ADMIN });
    expect(put.status).toBe(405);
    expect(put.headers['allow']).toBe('GET, HEAD');
    expect(put.json().error.code).toBe('replica');
    expect(put.json().error.message).toContain(`following ${primary.url}`);
    const rollback = await call(r.url, 'POST', '/v1/rollback', { body: JSON.stringify({ version: before }), token: ADMIN });
    expect(rollback.status).toBe(405);
    expect(rollback.json().source).toBe(primary.url);
    // Without a token too: the answer is about what the server is, not who asks.
    expect((await call(r.url, 'PUT', '/v1/snapshot', { body: '{}' })).status).toBe(405);
    // apply --target <replica> is refused (read-only: exit 3) with the pointer, and nothing changed.
    const viaTarget = new HttpTarget(r.url, { token: ADMIN, attempts: 1 });
    expect(await viaTarget.write(nth(base, 98), { ifMatch: before })).toMatchObject({ status: 'refused', reason: 'read-only', message: expect.stringMatching(/read-only replica following/) });
    await viaTarget.close();
    expect((await status(r.url)).version).toBe(before);
  }, SLOW);

  it('no token or credential value in any replica log, status or metrics', async () => {
    for (const r of replicas) {
      const out = r.stderr() + (await call(r.url, 'GET', '/v1/status')).text + (await call(r.url, 'GET', '/metrics')).text;
      for (const secret of [ADMIN, GATEWAY, CREDENTIALS.ANTHROPIC_API_KEY]) expect(out).not.toContain(secret);
    }
  }, SLOW);

  // On the fleet's primary: each of these replicas fails a few authentications, well within the
  // primary's budget of 10 a minute per address (every process here is 127.0.0.1).
  it('a replica moves on to the next token of its list after a 401 (a rotation), and prints neither', async () => {
    const r = await started(serve(join(await dir(), 'r'), ['--follow', primary.url, ...FAST], { MODELCTL_GATEWAY_TOKEN: `not-the-primarys-token-77,${GATEWAY}` }));
    await converge([r.url], (await target.read()).version!);
    const out = r.stderr() + (await call(r.url, 'GET', '/v1/status')).text;
    expect(out).not.toContain('not-the-primarys-token-77');
    expect(out).not.toContain(GATEWAY);
  }, SLOW);

  it('a replica without a token the primary takes says so in /v1/status, serves nothing, and logs no token', async () => {
    const root = await dir();
    const none = await started(serve(join(root, 'none'), ['--follow', primary.url, ...FAST]));
    const wrong = await started(serve(join(root, 'wrong'), ['--follow', primary.url, ...FAST], { MODELCTL_FOLLOW_TOKEN: 'wrong-follow-token-1234' }));
    await waitFor('the replicas to report the 401', async () => (await status(none.url)).follow.lastError !== null && (await status(wrong.url)).follow.lastError !== null);
    const a = (await status(none.url)).follow;
    expect(a.upToDate).toBe(false);
    expect(a.lastError.message).toMatch(/requires a gateway token for reads/);
    const b = await call(wrong.url, 'GET', '/v1/status');
    expect(b.json().follow.lastError.message).toMatch(/refused this replica's token/);
    expect((await call(none.url, 'GET', '/readyz')).status).toBe(503);
    expect(b.text + wrong.stderr()).not.toContain('wrong-follow-token-1234');
  }, SLOW);
});

describe('the primary goes down and comes back', () => {
  it('replicas keep answering with zero errors, say they are behind, and catch up', async () => {
    const root = await dir();
    let primary = await started(serve(join(root, 'primary'), []));
    const port = primary.port;
    const replicas = await Promise.all([0, 1].map((i) => started(serve(join(root, `r${i}`), ['--follow', primary.url, ...FAST]))));
    const urls = replicas.map((r) => r.url);
    const target = new HttpTarget(primary.url, { token: ADMIN, attempts: 8, backoffMs: 50 });
    cleanups.push(() => target.close());
    const v1 = nth(base, 1);
    expect((await target.write(v1, { ifMatch: null })).status).toBe('ok');
    await converge(urls, v1.version);

    // Against the replica that stays up, and the reborn one once it is back (not the one killed).
    const loadUrls = [urls[0]!];
    const load = resolveLoop(loadUrls);
    await primary.kill();
    for (const url of urls) {
      await waitFor('the replica to notice', async () => (await status(url)).follow.upToDate === false);
      const s = (await status(url)).follow;
      expect(s.lastError.message).toMatch(/ECONN(REFUSED|RESET)|socket|closed/i);
      expect(s.version).toBe(v1.version);
      const metrics = (await call(url, 'GET', '/metrics')).text;
      expect(metrics).toMatch(/^modelctl_follow_up_to_date\{kind="http"\} 0$/m);
      expect(Number(/^modelctl_follow_lag_seconds\{kind="http"\} (\S+)$/m.exec(metrics)![1])).toBeGreaterThan(0);
    }

    // While the primary is down, a replica killed outright boots from its state dir and serves.
    await replicas[1]!.kill();
    const reborn = await started(serve(replicas[1]!.stateDir, ['--follow', primary.url, ...FAST]));
    urls[1] = reborn.url;
    loadUrls.push(reborn.url);
    expect(await serves(reborn.url, v1.version)).toBe(true);
    expect((await call(reborn.url, 'POST', '/v1/resolve', { body: RESOLVE })).json().ok).toBe(true);
    expect((await status(reborn.url)).follow.upToDate).toBe(false);

    // Back on the same port, with its state; a new apply reaches both.
    primary = await started(serve(primary.stateDir, [], {}, port));
    const v2 = nth(base, 2);
    expect((await target.write(v2, { ifMatch: v1.version })).status).toBe('ok');
    await converge(urls, v2.version);
    for (const url of urls) {
      await waitFor('up to date again', async () => (await status(url)).follow.upToDate === true);
      expect((await status(url)).follow).toMatchObject({ upToDate: true, lagSeconds: 0, lastError: null });
    }
    const { ok, errors } = await load.stop();
    expect(errors).toEqual([]);
    expect(ok).toBeGreaterThan(20);
  }, SLOW);
});

describe('--verify-key on replicas of a primary without one', () => {
  it('an unsigned (or wrongly signed) snapshot is refused by every replica, which stays on the last signed one', async () => {
    const root = await dir();
    const keys = generateSigningKeys();
    const other = generateSigningKeys();
    await writeFile(join(root, 'pub.pem'), keys.publicKeyPem);
    const primary = await started(serve(join(root, 'primary'), []));
    const replicas = await Promise.all([0, 1].map((i) => started(serve(join(root, `r${i}`), ['--follow', primary.url, '--verify-key', join(root, 'pub.pem'), ...FAST]))));
    const urls = replicas.map((r) => r.url);
    const target = new HttpTarget(primary.url, { token: ADMIN });
    cleanups.push(() => target.close());

    const v1 = nth(base, 1);
    expect((await target.write(v1, { ifMatch: null, signature: signSnapshot(v1, keys.privateKeyPem, { serial: 10 }).signature })).status).toBe('ok');
    await converge(urls, v1.version);

    for (const [i, signature] of [
      [2, undefined],
      [3, signSnapshot(nth(base, 3), other.privateKeyPem, { serial: 11 }).signature],
    ] as const) {
      const bad = nth(base, i);
      const live = (await target.read()).version;
      expect((await target.write(bad, { ifMatch: live, ...(signature ? { signature } : {}) })).status).toBe('ok');
      for (const url of urls) {
        await waitFor('the refusal', async () => (await status(url)).follow.lastError?.message.includes(bad.version) === true);
        const s = (await status(url)).follow;
        expect(s).toMatchObject({ upToDate: false, version: v1.version, sourceVersion: bad.version });
        expect(s.lastError.message).toMatch(/not signed by the verify key/);
        expect(await serves(url, v1.version)).toBe(true);
      }
    }
    for (const r of replicas) expect(r.stderr()).toContain('"msg":"follow: document refused"');
    expect((await call(urls[0]!, 'GET', '/metrics')).text).toMatch(/^modelctl_follow_refused_total\{kind="http"\} 2$/m);

    // A properly signed one is taken again; then a rollback at the source to an older serial is followed (and logged).
    const v4 = nth(base, 4);
    expect((await target.write(v4, { ifMatch: (await target.read()).version, signature: signSnapshot(v4, keys.privateKeyPem, { serial: 12 }).signature })).status).toBe('ok');
    await converge(urls, v4.version);
    expect((await target.rollback(v1.version)).status).toBe('ok');
    await converge(urls, v1.version);
    await waitFor('the rollback warning', () => replicas.every((r) => r.stderr().includes('older signed serial live')));
    for (const url of urls) expect((await status(url)).follow.upToDate).toBe(true);
  }, SLOW);
});
