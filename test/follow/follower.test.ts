// The follower inside one server (startServer({ follow })), driven by a
// scripted FollowSource: what it applies, refuses and persists, and what
// /v1/status and /metrics say about it, step by step.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import type { Snapshot } from '../../src/generated/types.js';
import type { FollowedDocument, FollowSource, FollowWatchHandlers, HeldDocument } from '../../src/io/follow-source.js';
import { baseSnapshot } from '../plan/fixtures.js';
import { call, tempDir, testServer, TOKEN, type TestServer } from '../server/helpers.js';
import { nth, sleep, waitFor } from './helpers.js';

/** A source whose live document, failures and announcements the test sets. */
class ScriptedSource implements FollowSource {
  readonly kind = 'redis' as const;
  readonly description = 'redis://***@store.internal:6379/0?key=fleet';
  doc: FollowedDocument | null = null;
  failure: Error | null = null;
  fetches = 0;
  closed = false;
  private handlers: FollowWatchHandlers | undefined;

  async fetchLive(): Promise<FollowedDocument | null> {
    this.fetches++;
    if (this.failure) throw this.failure;
    return this.doc;
  }
  watch(handlers: FollowWatchHandlers): () => Promise<void> {
    this.handlers = handlers;
    queueMicrotask(() => handlers.onConnected());
    return async () => void (this.handlers = undefined);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  /** The source's live document becomes `doc`; announced unless told otherwise. */
  set(doc: FollowedDocument | null, announce = true): void {
    this.doc = doc;
    if (announce && doc) this.handlers?.onChange(doc.version);
  }
  feedDown(err: Error): void {
    this.handlers?.onError(err);
  }
  feedUp(): void {
    this.handlers?.onConnected();
  }
}

/** A source that can also tell its live version alone (as Redis can with one HGET). */
class VersionedSource extends ScriptedSource {
  versionChecks = 0;
  async fetchLiveVersion(): Promise<string | null> {
    this.versionChecks++;
    if (this.failure) throw this.failure;
    return this.doc?.version ?? null;
  }
}

/** A source that keeps patches (as Redis does): given what the replica holds, it answers with `patched` when one is set for that version. */
class PatchingSource extends ScriptedSource {
  /** The patch kept: from one version to another, rebuilding `document`. */
  patched: { from: string; to: string; document: string } | null = null;
  readonly held: Array<{ version: string; bytes: string } | undefined> = [];
  override async fetchLive(_signal?: AbortSignal, held?: HeldDocument): Promise<FollowedDocument | null> {
    this.held.push(held && { version: held.version, bytes: Buffer.from(held.bytes).toString() });
    const doc = await super.fetchLive();
    if (doc && held && this.patched?.from === held.version && this.patched.to === doc.version) return { version: doc.version, document: this.patched.document, patched: true };
    return doc;
  }
}

const plain = (s: Snapshot): FollowedDocument => ({ version: s.version, document: JSON.stringify(s) });
const base = baseSnapshot();

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function replica(source: ScriptedSource, opts: Parameters<typeof testServer>[0] = {}): Promise<TestServer> {
  const server = await testServer({ verifyIn: 'inline', follow: { source, checkIntervalMs: 200, backoffMs: 20, timeoutMs: 1000 }, ...opts });
  cleanups.push(() => server.close());
  return server;
}

const follow = async (s: TestServer): Promise<any> => (await call(s.url, 'GET', '/v1/status')).json().follow;
const metric = async (s: TestServer, name: string): Promise<number> => Number(new RegExp(`^${name}\\{kind="redis"\\} (\\S+)$`, 'm').exec((await call(s.url, 'GET', '/metrics')).text)?.[1]);

describe('a follower', () => {
  it('applies the source document, persists it in the state dir, and says it is up to date', async () => {
    const dir = await tempDir();
    cleanups.push(dir.remove);
    const source = new ScriptedSource();
    const v1 = nth(base, 1);
    source.set(plain(v1));
    const s = await replica(source, { stateDir: dir.dir });
    await waitFor('v1', async () => (await follow(s)).version === v1.version);
    expect(await follow(s)).toMatchObject({ source: source.description, kind: 'redis', upToDate: true, version: v1.version, sourceVersion: v1.version, lagSeconds: 0, connected: true, lastError: null });
    expect((await follow(s)).lastAppliedAt).toEqual(expect.any(String));
    expect(await metric(s, 'modelctl_follow_up_to_date')).toBe(1);
    expect(await metric(s, 'modelctl_follow_lag_seconds')).toBe(0);
    expect(await metric(s, 'modelctl_follow_applied_total')).toBe(1);
    // Kept as last-known-good, byte for byte.
    const history = (await call(s.url, 'GET', `/v1/history?version=${v1.version}`)).text;
    expect(history).toBe(JSON.stringify(v1));

    const v2 = nth(base, 2);
    source.set(plain(v2));
    await waitFor('v2', async () => (await follow(s)).version === v2.version);
    expect(s.logs.filter((l) => l.msg === 'follow: applied').map((l) => l['version'])).toEqual([v1.version, v2.version]);
  });

  it('refuses a document that is not the version the source claims, keeps serving, and logs it once', async () => {
    const source = new ScriptedSource();
    const v1 = nth(base, 1);
    const v2 = nth(base, 2);
    source.set(plain(v1));
    const s = await replica(source);
    await waitFor('v1', async () => (await follow(s)).upToDate);
    source.set({ version: v2.version, document: JSON.stringify(v1) });
    await waitFor('the refusal', async () => (await follow(s)).lastError !== null);
    const f = await follow(s);
    expect(f).toMatchObject({ upToDate: false, version: v1.version, sourceVersion: v2.version });
    expect(f.lastError.message).toBe(`refused the document the source calls ${v2.version}: its content is ${v1.version}`);
    // Several timed checks later: still refused, not verified or logged again.
    await sleep(700);
    expect(s.logs.filter((l) => l.msg === 'follow: document refused')).toHaveLength(1);
    expect(await metric(s, 'modelctl_follow_refused_total')).toBe(1);
    expect((await call(s.url, 'GET', '/v1/snapshot', { headers: { 'if-none-match': `"${v1.version}"` } })).status).toBe(304);
    expect(await metric(s, 'modelctl_follow_lag_seconds')).toBeGreaterThan(0.5);
  });

  it('takes a document rebuilt from a patch like one read whole, and reads it whole when the patch did not give it', async () => {
    const keys = generateSigningKeys();
    const source = new PatchingSource();
    const signed = (s: Snapshot, serial: number) => JSON.stringify(signSnapshot(s, keys.privateKeyPem, { serial }));
    const [v1, v2, v3, v4] = [1, 2, 3, 4].map((i) => nth(base, i)) as [Snapshot, Snapshot, Snapshot, Snapshot];
    source.set({ version: v1.version, document: signed(v1, 1) });
    const s = await replica(source, { verifyKey: keys.publicKeyPem });
    await waitFor('v1', async () => (await follow(s)).version === v1.version);
    expect(source.held[0]).toBeUndefined(); // nothing held yet

    // A good patch: applied, and the source was told exactly what is served.
    source.patched = { from: v1.version, to: v2.version, document: signed(v2, 2) };
    source.set({ version: v2.version, document: signed(v2, 2) });
    await waitFor('v2', async () => (await follow(s)).version === v2.version);
    expect(source.held.at(-1)).toEqual({ version: v1.version, bytes: signed(v1, 1) });
    expect((await follow(s)).fetches).toMatchObject({ patch: 1, patchUnusable: 0 });

    // Patches that do not give the live document: another version's content, and the right content unsigned under the verify key.
    for (const [next, wrong, serial] of [
      [v3, signed(v1, 1), 3],
      [v4, JSON.stringify(v4), 4],
    ] as Array<[Snapshot, string, number]>) {
      source.patched = { from: (await follow(s)).version, to: next.version, document: wrong };
      source.set({ version: next.version, document: signed(next, serial) });
      await waitFor(`${serial}`, async () => (await follow(s)).version === next.version);
      // After the patch, the whole document, asked for without one.
      const last = source.held.map((h) => h?.version).lastIndexOf(source.patched.from);
      expect(source.held[last + 1]).toBeUndefined();
      expect(source.held.length).toBeGreaterThan(last + 1);
    }
    const f = await follow(s);
    // Counted when checked: v1, and the two read whole after their patches (not the timed checks, which found nothing new).
    expect(f.fetches).toEqual({ whole: 3, patch: 3, patchUnusable: 2 });
    expect(f).toMatchObject({ upToDate: true, lastError: null });
    expect(await metric(s, 'modelctl_follow_refused_total')).toBe(0);
    expect(s.logs.filter((l) => l.msg === 'follow: document refused')).toHaveLength(0);
    expect(s.logs.filter((l) => l.msg === 'follow: a patch did not give the live document; reading it whole')).toHaveLength(2);
    const metrics = (await call(s.url, 'GET', '/metrics')).text;
    expect(metrics).toContain('modelctl_follow_fetches_total{kind="redis",way="patch"} 3');
    expect(metrics).toContain('modelctl_follow_fetches_total{kind="redis",way="patch-unusable"} 2');

    // A bad patch of a document that is bad whole too: refused as the whole document; the timed checks
    // (every 200 ms) meet the same patch again and read the document again, but log neither again.
    const v5 = nth(base, 5);
    source.patched = { from: v4.version, to: v5.version, document: signed(v1, 1) };
    source.set({ version: v5.version, document: JSON.stringify(v5) });
    await waitFor('the refusal', async () => (await follow(s)).lastError !== null);
    expect((await follow(s)).lastError.message).toMatch(/it is not signed by the verify key$/);
    await sleep(700);
    expect((await follow(s)).version).toBe(v4.version);
    expect(await metric(s, 'modelctl_follow_refused_total')).toBe(1);
    expect((await follow(s)).fetches.patchUnusable).toBeGreaterThan(3);
    expect(s.logs.filter((l) => l.msg === 'follow: a patch did not give the live document; reading it whole' && l['claimed'] === v5.version)).toHaveLength(1);
    expect(s.logs.filter((l) => l.msg === 'follow: document refused')).toHaveLength(1);
  });

  it('refuses a document that is not a snapshot, with the schema errors logged', async () => {
    const source = new ScriptedSource();
    const v1 = nth(base, 1);
    source.set(plain(v1));
    const s = await replica(source);
    await waitFor('v1', async () => (await follow(s)).upToDate);
    const broken = structuredClone(v1) as any;
    delete broken.models;
    source.set({ version: 'sha256:' + 'a'.repeat(64), document: JSON.stringify(broken) });
    await waitFor('the refusal', async () => (await follow(s)).lastError !== null);
    expect((await follow(s)).lastError.message).toMatch(/it is not a valid snapshot$/);
    const logged = s.logs.find((l) => l.msg === 'follow: document refused')!;
    expect(logged).toMatchObject({ code: 'invalid', serving: v1.version });
    expect((logged['errors'] as string[]).join('\n')).toMatch(/models/);
  });

  it('keeps serving while the source is unreachable, with a growing lag, and catches up when it is back', async () => {
    const source = new ScriptedSource();
    const v1 = nth(base, 1);
    source.set(plain(v1));
    const s = await replica(source);
    await waitFor('v1', async () => (await follow(s)).upToDate);
    // The password in a URL inside an error is never shown.
    source.failure = new Error('connect to redis://admin:hunter2-secret@store.internal:6379 failed: ECONNREFUSED');
    source.feedDown(new Error('the connection to redis://admin:hunter2-secret@store.internal:6379 closed'));
    const fetchesAtFailure = source.fetches;
    await waitFor('not up to date', async () => (await follow(s)).upToDate === false);
    await sleep(500);
    const down = await follow(s);
    expect(down).toMatchObject({ upToDate: false, connected: false, version: v1.version });
    expect(down.lagSeconds).toBeGreaterThan(0.4);
    expect(down.lastError.message).toContain('redis://***@store.internal:6379');
    // Retried (backoff up to the 200 ms interval), not given up.
    expect(source.fetches - fetchesAtFailure).toBeGreaterThanOrEqual(2);
    expect((await call(s.url, 'POST', '/v1/resolve', { body: JSON.stringify({ entryPoint: 'cli', groups: ['eng'], model: 'claude-sonnet' }), token: null })).status).toBe(200);
    const text = s.logText() + JSON.stringify(down) + (await call(s.url, 'GET', '/metrics')).text;
    expect(text).not.toContain('hunter2-secret');
    // One line per distinct problem, not one per retry.
    expect(s.logs.filter((l) => l.msg === 'follow: not up to date').length).toBeLessThanOrEqual(2);

    const v2 = nth(base, 2);
    source.failure = null;
    source.set(plain(v2), false);
    source.feedUp();
    await waitFor('caught up', async () => (await follow(s)).upToDate);
    expect(await follow(s)).toMatchObject({ version: v2.version, lagSeconds: 0, lastError: null, connected: true });
  });

  it('counts itself behind while the change feed is down, even when reads work', async () => {
    const source = new ScriptedSource();
    source.set(plain(nth(base, 1)));
    const s = await replica(source);
    await waitFor('up to date', async () => (await follow(s)).upToDate);
    source.feedDown(new Error('subscription lost'));
    await sleep(450);
    expect(await follow(s)).toMatchObject({ upToDate: false, connected: false });
    expect((await follow(s)).lastError.message).toBe('the change feed failed: subscription lost');
    source.feedUp();
    await waitFor('up to date again', async () => (await follow(s)).upToDate);
  });

  it('applies a change nobody announced at the next timed check', async () => {
    const source = new ScriptedSource();
    source.set(plain(nth(base, 1)));
    const s = await replica(source);
    await waitFor('v1', async () => (await follow(s)).upToDate);
    const v2 = nth(base, 2);
    source.set(plain(v2), false);
    await waitFor('v2 by the timed check', async () => (await follow(s)).version === v2.version, 2000);
  });

  it('with a source that tells its version alone, the timed check reads the document only once the version moved', async () => {
    const source = new VersionedSource();
    source.set(plain(nth(base, 1)));
    const s = await replica(source);
    await waitFor('v1', async () => (await follow(s)).upToDate);
    const fetches = source.fetches;
    await waitFor('three timed checks', () => source.versionChecks >= 3, 5000);
    expect(source.fetches).toBe(fetches);
    expect((await follow(s)).upToDate).toBe(true);
    const v2 = nth(base, 2);
    source.set(plain(v2), false);
    await waitFor('v2 by the timed check', async () => (await follow(s)).version === v2.version, 2000);
    expect(source.fetches).toBe(fetches + 1);
  });

  it('takes other bytes of the version it serves (an envelope signed anew) as up to date, keeping its own', async () => {
    const source = new ScriptedSource();
    const v1 = nth(base, 1);
    source.set(plain(v1));
    const s = await replica(source);
    await waitFor('v1', async () => (await follow(s)).upToDate);
    source.set({ version: v1.version, document: JSON.stringify(signSnapshot(v1, generateSigningKeys().privateKeyPem, { serial: 3 })) });
    await sleep(500);
    expect(await follow(s)).toMatchObject({ upToDate: true, version: v1.version, lastError: null });
    expect((await call(s.url, 'GET', '/v1/snapshot')).text).toBe(JSON.stringify(v1));
    expect(s.logs.filter((l) => l.msg === 'follow: applied')).toHaveLength(1);
  });

  it('keeps its snapshot when the source holds none, and says so', async () => {
    const source = new ScriptedSource();
    source.set(plain(nth(base, 1)));
    const s = await replica(source);
    await waitFor('v1', async () => (await follow(s)).upToDate);
    source.set(null);
    await waitFor('the complaint', async () => (await follow(s)).lastError !== null);
    expect((await follow(s)).lastError.message).toBe('the source holds no snapshot; serving the last good one');
    expect((await call(s.url, 'GET', '/readyz')).status).toBe(200);
  });

  it('with nothing anywhere, is up to date and not ready', async () => {
    const source = new ScriptedSource();
    const s = await replica(source);
    await waitFor('a first check', async () => (await follow(s)).lastSyncAt !== null);
    expect(await follow(s)).toMatchObject({ upToDate: true, version: null, sourceVersion: null });
    expect((await call(s.url, 'GET', '/readyz')).status).toBe(503);
  });

  it('boots from its state dir before following, and serves while the source is down', async () => {
    const dir = await tempDir();
    cleanups.push(dir.remove);
    const v1 = nth(base, 1);
    const first = new ScriptedSource();
    first.set(plain(v1));
    const a = await replica(first, { stateDir: dir.dir });
    await waitFor('v1', async () => (await follow(a)).upToDate);
    await a.close();
    const down = new ScriptedSource();
    down.failure = new Error('ECONNREFUSED');
    const b = await replica(down, { stateDir: dir.dir });
    expect((await call(b.url, 'GET', '/readyz')).json()).toEqual({ ready: true, version: v1.version });
    expect((await follow(b)).upToDate).toBe(false);
    expect(first.closed).toBe(true);
  });

  it('a --snapshot seed serves while the source is down, and gives way to the source version on the first sync', async () => {
    const dir = await tempDir();
    cleanups.push(dir.remove);
    const seed = nth(base, 1);
    const file = join(dir.dir, 'seed.json');
    await writeFile(file, JSON.stringify(seed));
    const source = new ScriptedSource();
    source.failure = new Error('ECONNREFUSED');
    const s = await replica(source, { stateDir: join(dir.dir, 'state'), snapshotFile: file });
    expect((await call(s.url, 'GET', '/readyz')).json()).toEqual({ ready: true, version: seed.version });
    const v2 = nth(base, 2);
    source.failure = null;
    source.set(plain(v2));
    await waitFor('the source version', async () => (await follow(s)).version === v2.version);
    expect((await follow(s)).upToDate).toBe(true);
  });

  it('under a verify key follows a rollback at the source to an older serial, warns, and keeps the highest serial recorded', async () => {
    const dir = await tempDir();
    cleanups.push(dir.remove);
    const keys = generateSigningKeys();
    const source = new ScriptedSource();
    const v1 = nth(base, 1);
    const v2 = nth(base, 2);
    const signed = (s: Snapshot, serial: number): FollowedDocument => ({ version: s.version, document: JSON.stringify(signSnapshot(s, keys.privateKeyPem, { serial })) });
    source.set(signed(v1, 5));
    const s = await replica(source, { stateDir: dir.dir, verifyKey: keys.publicKeyPem });
    await waitFor('v1', async () => (await follow(s)).version === v1.version);
    source.set(signed(v2, 9));
    await waitFor('v2', async () => (await follow(s)).version === v2.version);
    source.set(signed(v1, 5));
    await waitFor('back to v1', async () => (await follow(s)).version === v1.version);
    expect(s.logs.find((l) => l.msg.startsWith('follow: the source made an older signed serial live'))).toMatchObject({ serial: 5, newestSerial: 9 });
    expect(JSON.parse(await readFile(join(dir.dir, 'newest-serial.json'), 'utf8'))).toEqual({ serial: 9 });
  });

  it('answers PUT and rollback with 405 before looking at the token, and is closed with the server', async () => {
    const source = new ScriptedSource();
    source.set(plain(nth(base, 1)));
    const s = await replica(source);
    await waitFor('v1', async () => (await follow(s)).upToDate);
    for (const token of [TOKEN, null, 'wrong-token-1234']) {
      const put = await call(s.url, 'PUT', '/v1/snapshot', { body: JSON.stringify(nth(base, 2)), headers: { 'if-none-match': '*' }, token });
      expect(put.status).toBe(405);
      expect(put.json()).toMatchObject({ error: { code: 'replica' }, source: source.description });
    }
    const rollback = await call(s.url, 'POST', '/v1/rollback', { body: '{"version":"x"}' });
    expect(rollback.status).toBe(405);
    expect(rollback.headers['allow']).toBe('');
    // History (a read) still works.
    expect((await call(s.url, 'GET', '/v1/history')).status).toBe(200);
    await s.close();
    expect(source.closed).toBe(true);
  });

  it('closes its source when the server cannot start', async () => {
    const taken = await testServer();
    cleanups.push(() => taken.close());
    const source = new ScriptedSource();
    await expect(testServer({ port: taken.port, follow: { source } })).rejects.toThrow(/EADDRINUSE/);
    expect(source.closed).toBe(true);
  });
});
