// The Redis FollowSource a replica uses: fetchLive hands over the live
// document untouched (or null), bounded when Redis is down or the caller
// aborts; watch announces each swap, reconnects after Redis restarts and says
// so (onConnected), reports trouble (onError), and never shows the password.
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { parseDocument } from '../../src/apply/document.js';
import { RedisTarget } from '../../src/apply/redis-target.js';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { openRedisFollowSource, type RedisFollowSource } from '../../src/redis/follow-source.js';
import { parseRedisSpec, RedisSpecError } from '../../src/redis/spec.js';
import type { FollowWatchHandlers } from '../../src/io/follow-source.js';
import { makePatch } from '../../src/snapshot-bytes/patch.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { describeRedis, startRedis, type RedisServer } from '../support/redis-server.js';
import { rawClient } from './helpers.js';

const PASS = 'follow-pass-4e1d9b77c2';

interface Recorder extends FollowWatchHandlers {
  changes: string[];
  connected: number;
  errors: string[];
}

function recorder(): Recorder {
  const r: Recorder = {
    changes: [],
    connected: 0,
    errors: [],
    onChange: (v) => void r.changes.push(v),
    onConnected: () => void r.connected++,
    onError: (e) => void r.errors.push(e.message),
  };
  return r;
}

describeRedis('the Redis follow source', () => {
  let redis: RedisServer;
  let raw: Redis;
  let key: string;
  let n = 0;
  const closers: (() => Promise<void>)[] = [];
  const v1 = baseSnapshot();
  const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 1));
  const url = (opts: { pass?: string } = {}) => `redis://:${opts.pass ?? PASS}@127.0.0.1:${redis.port}/0?key=${key}`;
  const source = (opts: Parameters<typeof openRedisFollowSource>[2] = {}, spec = url()): RedisFollowSource => {
    const s = openRedisFollowSource(spec, {}, { timeoutMs: 1000, backoffMs: 20, maxBackoffMs: 200, ...opts });
    closers.push(() => s.close());
    return s;
  };
  const target = () => {
    const t = new RedisTarget(parseRedisSpec(url(), { env: {} }));
    closers.push(() => t.close());
    return t;
  };
  const signal = () => AbortSignal.timeout(5000);

  beforeAll(async () => {
    redis = await startRedis({ password: PASS });
    raw = rawClient(redis.port, PASS);
  });
  afterAll(async () => {
    raw?.disconnect();
    await redis?.close();
  });
  beforeEach(async () => {
    key = `follow-${++n}`;
    if (!redis.running) await redis.start();
  });
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  it('describes itself without the password, and refuses a bad spec', () => {
    const s = source();
    expect(s.kind).toBe('redis');
    expect(s.description).toBe(`redis://***@127.0.0.1:${redis.port}/0?key=${key}`);
    expect(() => openRedisFollowSource(`redis://:${PASS}@h/0?key={x}`, {})).toThrow(RedisSpecError);
    expect(openRedisFollowSource('redis://h/0', {}, { tls: true }).description).toBe('rediss://h:6379/0?key=modelctl');
  });

  it('fetches nothing when nothing is live, then the live document exactly as stored (a signed envelope too)', async () => {
    const s = source();
    expect(await s.fetchLive(signal())).toBeNull();
    const keys = generateSigningKeys();
    const signed = signSnapshot(v1, keys.privateKeyPem, { serial: 7 });
    expect((await target().write(v1, { ifMatch: null, signature: signed.signature })).status).toBe('ok');
    const doc = await s.fetchLive(signal());
    expect(doc).toEqual({ version: v1.version, document: await raw.hgetBuffer(`{${key}}:live`, 'document') });
    const verified = await parseDocument(Buffer.from(doc!.document).toString(), keys.publicKeyPem);
    expect(verified).toMatchObject({ ok: true, verified: true, serial: 7 });
  });

  it('reads the live version alone for the timed check: null, then each applied version', async () => {
    const s = source();
    expect(await s.fetchLiveVersion(signal())).toBeNull();
    expect((await target().write(v1, { ifMatch: null })).status).toBe('ok');
    expect(await s.fetchLiveVersion(signal())).toBe(v1.version);
    expect((await target().write(v2, { ifMatch: v1.version })).status).toBe('ok');
    expect(await s.fetchLiveVersion(signal())).toBe(v2.version);
  });

  it('hands over a tampered document untouched (the follower checks it), and refuses what it cannot hand over', async () => {
    const s = source({ maxBytes: 200_000 });
    await target().write(v1, { ifMatch: null });
    const tampered = (await raw.hget(`{${key}}:live`, 'document'))!.replace('"input":', '"input":0.5,"x":');
    await raw.hset(`{${key}}:live`, 'document', tampered);
    const doc = await s.fetchLive(signal());
    expect(doc).toEqual({ version: v1.version, document: Buffer.from(tampered) });
    expect((await parseDocument(Buffer.from(doc!.document).toString())).ok).toBe(false);

    await raw.hset(`{${key}}:live`, 'document', 'x'.repeat(200_001));
    await expect(s.fetchLive(signal())).rejects.toThrow(`{${key}}:live at redis://***@127.0.0.1:${redis.port}/0?key=${key} holds a 200001-byte document, over this replica's limit of 200000 bytes`);
    await raw.hdel(`{${key}}:live`, 'document');
    await expect(s.fetchLive(signal())).rejects.toThrow('has no document field (changed by hand?)');
  });

  it('rebuilds the live document from a patch of the version held, and reads it whole when the patch is not of the bytes held', async () => {
    const s = source();
    const t = target();
    await t.write(v1, { ifMatch: null });
    await t.write(v2, { ifMatch: v1.version });
    const v1Bytes = (await raw.getBuffer(`{${key}}:doc:${v1.version}`))!;
    const v2Bytes = (await raw.hgetBuffer(`{${key}}:live`, 'document'))!;
    const patched = await s.fetchLive(signal(), { version: v1.version, bytes: v1Bytes });
    expect(patched).toEqual({ version: v2.version, document: v2Bytes, patched: true });
    // Held: another version, or the live one, or nothing: the document whole.
    for (const held of [{ version: 'sha256:' + '0'.repeat(64), bytes: v1Bytes }, { version: v2.version, bytes: v2Bytes }, undefined]) {
      expect(await s.fetchLive(signal(), held)).toEqual({ version: v2.version, document: v2Bytes });
    }
    // Other bytes under the version held (the patch does not fit them): whole.
    expect(await s.fetchLive(signal(), { version: v1.version, bytes: Buffer.concat([v1Bytes, Buffer.from(' ')]) })).toEqual({ version: v2.version, document: v2Bytes });
    // A patch changed by hand is handed over as rebuilt (the follower checks it and reads whole when it is not the live document).
    const forged = makePatch(v1Bytes, Buffer.from(v1Bytes.toString().replace('"input":', '"input":0.5,"x":')))!;
    await raw.hset(`{${key}}:live`, 'patch', forged);
    const rebuilt = await s.fetchLive(signal(), { version: v1.version, bytes: v1Bytes });
    expect(rebuilt?.patched).toBe(true);
    expect(Buffer.from(rebuilt!.document).equals(v2Bytes)).toBe(false);
    // A patch over the replica's limit is not sent: the document is (and its own limit applies).
    await raw.hset(`{${key}}:live`, 'patch', Buffer.alloc(300_000, 'x'));
    expect(await source({ maxBytes: 200_000 }).fetchLive(signal(), { version: v1.version, bytes: v1Bytes })).toEqual({ version: v2.version, document: v2Bytes });
  });

  it('announces each swap after a confirmed subscription, and drops messages that are not versions', async () => {
    const s = source();
    const r = recorder();
    s.watch(r);
    await expect.poll(() => r.connected).toBe(1);
    const t = target();
    await t.write(v1, { ifMatch: null });
    await raw.publish(`{${key}}:events`, 'not a version\u001b[31m');
    await t.write(v2, { ifMatch: v1.version });
    await t.rollback(v1.version, { ifMatch: v2.version });
    await expect.poll(() => r.changes.length).toBe(3);
    expect(r.changes).toEqual([v1.version, v2.version, v1.version]);
    expect(r.errors).toEqual([]);
  });

  it('with Redis down: onError, fetchLive rejects within its timeout; after a restart: onConnected again and announcements resume', { timeout: 60_000 }, async () => {
    const s = source({ timeoutMs: 500 });
    const r = recorder();
    s.watch(r);
    await expect.poll(() => r.connected).toBe(1);
    await target().write(v1, { ifMatch: null });
    expect((await s.fetchLive(signal()))?.version).toBe(v1.version);

    await redis.stop();
    await expect.poll(() => r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]).toContain(`Redis at redis://***@127.0.0.1:${redis.port}/0?key=${key}`);
    await expect(s.fetchLive(signal())).rejects.toThrow(`cannot reach Redis at redis://***@127.0.0.1:${redis.port}/0?key=${key}`);
    // A caller's abort wins over the (here long) connect wait.
    const patient = source({ timeoutMs: 30_000 });
    const aborting = new AbortController();
    const pending = patient.fetchLive(aborting.signal);
    aborting.abort();
    await expect(pending).rejects.toThrow('aborted');

    await redis.start();
    await expect.poll(() => r.connected, { timeout: 10_000 }).toBe(2);
    // The data survived the restart (the harness saves on stop), and the subscription is live again.
    expect((await s.fetchLive(signal()))?.version).toBe(v1.version);
    await target().write(v2, { ifMatch: v1.version });
    await expect.poll(() => r.changes).toEqual([v1.version, v2.version]);
    for (const e of r.errors) expect(e).not.toContain(PASS);
  });

  it('a wrong password: onError and fetchLive say the credentials were refused, never what they were', { timeout: 30_000 }, async () => {
    const wrong = 'wrong-follow-pass-0c9d8e';
    const s = source({ timeoutMs: 500 }, url({ pass: wrong }));
    const r = recorder();
    s.watch(r);
    await expect.poll(() => r.errors.length).toBeGreaterThan(0);
    expect(r.connected).toBe(0);
    expect(r.errors[0]).toContain('refused the credentials: wrong user name or password (WRONGPASS)');
    const failed = await s.fetchLive(signal()).then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    expect(failed).toContain('refused the credentials: wrong user name or password (WRONGPASS)');
    for (const text of [...r.errors, failed, s.description]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(PASS);
    }
  });

  it('stops announcing once stopped, and close ends every watch', async () => {
    const s = source();
    const r = recorder();
    const stop = s.watch(r);
    const other = recorder();
    s.watch(other);
    await expect.poll(() => r.connected + other.connected).toBe(2);
    await stop();
    await s.close();
    await target().write(v1, { ifMatch: null });
    // A sentinel subscriber proves the publish went out before we look.
    const sub = rawClient(redis.port, PASS);
    const heard: string[] = [];
    sub.on('message', (_c: string, m: string) => void heard.push(m));
    await sub.subscribe(`{${key}}:events`);
    await target().write(v2, { ifMatch: v1.version });
    await expect.poll(() => heard).toEqual([v2.version]);
    sub.disconnect();
    expect(r.changes).toEqual([]);
    expect(other.changes).toEqual([]);
  });
});
