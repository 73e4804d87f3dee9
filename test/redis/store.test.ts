// What the Redis store holds, key by key: the live hash, the capped history
// and its kept documents (pruned together), one announcement per swap and
// none for a refused one, and a swap that cannot finish writes nothing.
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { RedisTarget } from '../../src/apply/redis-target.js';
import { parseRedisSpec } from '../../src/redis/spec.js';
import type { RedisStore } from '../../src/redis/store.js';
import { applyPatch } from '../../src/snapshot-bytes/patch.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { describeRedis, startRedis, type RedisServer } from '../support/redis-server.js';
import { rawClient } from './helpers.js';

describeRedis('the Redis store', () => {
  let redis: RedisServer;
  let raw: Redis;
  let key: string;
  let n = 0;
  const targets: RedisTarget[] = [];
  const open = (keep?: number) => {
    const t = new RedisTarget(parseRedisSpec(`${redis.url}/0?key=${key}`, { env: {} }), keep ? { keep } : {});
    targets.push(t);
    return t;
  };
  const snapshots = Array.from({ length: 6 }, (_, i) => edit(baseSnapshot(), (d) => void (d.models['gpt-5']!.pricing.input = 10 + i)));

  beforeAll(async () => {
    redis = await startRedis();
    raw = rawClient(redis.port);
  });
  afterAll(async () => {
    raw?.disconnect();
    await redis?.close();
  });
  beforeEach(() => {
    key = `store-${++n}`;
  });
  afterEach(async () => {
    for (const t of targets.splice(0)) await t.close();
  });

  it('keeps the live hash: version, the exact document bytes, appliedAt from the Redis clock, and the meta', async () => {
    const t = open();
    const before = Date.now();
    const s = snapshots[0]!;
    await t.write(s, { ifMatch: null, meta: { message: 'why\nnot', author: 'Jane' } });
    const live = await raw.hgetall(`{${key}}:live`);
    expect(Object.keys(live).sort()).toEqual(['appliedAt', 'document', 'meta', 'version']);
    expect(live['version']).toBe(s.version);
    expect(JSON.parse(live['document']!)).toEqual(s);
    expect(Number(live['appliedAt'])).toBeGreaterThanOrEqual(before - 5000);
    expect(JSON.parse(live['meta']!)).toEqual({ message: 'why not', author: 'Jane' });
    expect(await raw.get(`{${key}}:doc:${s.version}`)).toBe(live['document']);
    const [entry] = await raw.lrange(`{${key}}:history`, 0, -1);
    expect(JSON.parse(entry!)).toEqual({ version: s.version, appliedAt: live['appliedAt'], meta: { message: 'why not', author: 'Jane' } });
    // A later write without meta leaves none behind in the live hash (the patch from the version it replaced is the next test's).
    await t.write(snapshots[1]!, { ifMatch: s.version });
    expect(Object.keys(await raw.hgetall(`{${key}}:live`)).sort()).toEqual(['appliedAt', 'document', 'patch', 'patchBase', 'version']);
  });

  it('keeps a patch from the version replaced, only while that version is what it replaced', async () => {
    const live = () => raw.hgetallBuffer(`{${key}}:live`);
    const t = open();
    await t.write(snapshots[0]!, { ifMatch: null });
    expect(Object.keys(await live())).not.toContain('patch'); // nothing replaced
    await t.write(snapshots[1]!, { ifMatch: snapshots[0]!.version });
    const h = await live();
    expect(h['patchBase']!.toString()).toBe(snapshots[0]!.version);
    const base = await raw.getBuffer(`{${key}}:doc:${snapshots[0]!.version}`);
    expect(h['patch']!.length).toBeLessThan(h['document']!.length / 4);
    expect(applyPatch(base!, h['patch']!, 1 << 30)!.equals(h['document']!)).toBe(true);

    // Another process has not read the live bytes: its write keeps no patch, and drops the one before.
    const other = open();
    await other.write(snapshots[2]!, { ifMatch: snapshots[1]!.version });
    expect(Object.keys(await live()).sort()).toEqual(['appliedAt', 'document', 'version']);
    // Once it has read them, it patches from them.
    await other.read();
    await other.write(snapshots[3]!, { ifMatch: snapshots[2]!.version });
    expect((await live())['patchBase']!.toString()).toBe(snapshots[2]!.version);

    // A stale write changes nothing; a rollback keeps no patch.
    expect((await t.write(snapshots[4]!, { ifMatch: snapshots[1]!.version })).status).toBe('stale');
    expect((await live())['patchBase']!.toString()).toBe(snapshots[2]!.version);
    expect((await other.rollback(snapshots[2]!.version)).status).toBe('ok');
    expect(Object.keys(await live())).not.toContain('patch');

    // The script keeps a patch only when its base is the version it replaces, whatever the client says.
    const store = (await (other as unknown as { store(): Promise<RedisStore> }).store());
    const forged = await store.swap({ version: snapshots[5]!.version, document: JSON.stringify(snapshots[5]), check: { kind: 'any' }, patch: { base: snapshots[0]!.version, bytes: Buffer.from('x\n') } });
    expect(forged.status).toBe('ok');
    expect(Object.keys(await live())).not.toContain('patch');
  });

  it('caps the history at keep and prunes the documents no kept entry names', async () => {
    const t = open(3);
    let prev: string | null = null;
    for (const s of snapshots.slice(0, 5)) {
      expect((await t.write(s, { ifMatch: prev })).status).toBe('ok');
      prev = s.version;
    }
    const kept = snapshots.slice(2, 5).map((s) => s.version).reverse();
    expect((await t.history()).map((h) => h.version)).toEqual(kept);
    expect(await raw.llen(`{${key}}:history`)).toBe(3);
    const docs = (await raw.keys(`{${key}}:doc:*`)).map((k) => k.slice(`{${key}}:doc:`.length)).sort();
    expect(docs).toEqual([...kept].sort());
    expect(await t.readVersion(snapshots[0]!.version)).toBeNull();

    // Rolling back to the oldest kept version adds it again as the newest; its document stays while any entry names it.
    expect((await t.rollback(kept[2]!, { ifMatch: prev })).status).toBe('ok');
    expect((await t.history()).map((h) => h.version)).toEqual([kept[2], kept[0], kept[1]]);
    expect(await t.readVersion(kept[2]!)).toEqual(snapshots[2]);
    const docsAfter = (await raw.keys(`{${key}}:doc:*`)).length;
    expect(docsAfter).toBe(3);
  });

  it('publishes each new version on {key}:events after the swap, and nothing for a refused one', async () => {
    const sub = rawClient(redis.port);
    const heard: string[] = [];
    sub.on('message', (_channel: string, message: string) => void heard.push(message));
    await sub.subscribe(`{${key}}:events`);
    try {
      const t = open();
      const [a, b] = snapshots;
      await t.write(a!, { ifMatch: null });
      expect(await t.write(b!, { ifMatch: null })).toEqual({ status: 'stale', current: a!.version });
      await t.write(b!, { ifMatch: a!.version });
      await t.rollback(a!.version, { ifMatch: b!.version });
      // A ping after the last publish: once it returns, every earlier message has arrived.
      await raw.publish(`{${key}}:events`, 'end');
      await expect.poll(() => heard.at(-1)).toBe('end');
      expect(heard).toEqual([a!.version, b!.version, a!.version, 'end']);
    } finally {
      sub.disconnect();
    }
  });

  it('a swap that cannot finish (history not a list) writes nothing at all', async () => {
    const t = open();
    await raw.set(`{${key}}:history`, 'not a list');
    await expect(t.write(snapshots[0]!, { ifMatch: null })).rejects.toThrow(`{${key}}:history is not a list (changed by hand?); nothing was written`);
    expect(await raw.exists(`{${key}}:live`, `{${key}}:doc:${snapshots[0]!.version}`)).toBe(0);
  });

  it('reads a huge live document as damaged without loading it', async () => {
    const t = new RedisTarget(parseRedisSpec(`${redis.url}/0?key=${key}`, { env: {} }), { maxBytes: 1000 });
    targets.push(t);
    await raw.hset(`{${key}}:live`, 'version', snapshots[0]!.version, 'document', 'x'.repeat(5000));
    await expect(t.read()).rejects.toThrow(`{${key}}:live holds a document of 5000 bytes, over the limit of 1000 bytes`);
  });

  it('leaves out history entries changed by hand, and never reads a doc key outside its own names', async () => {
    const t = open();
    await t.write(snapshots[0]!, { ifMatch: null });
    await raw.lpush(`{${key}}:history`, 'not json', JSON.stringify({ version: '../x', appliedAt: '1' }), JSON.stringify({ version: snapshots[1]!.version, appliedAt: 'soon' }));
    expect((await t.history()).map((h) => h.version)).toEqual([snapshots[0]!.version]);
    await raw.set(`{${key}}:doc:../x`, JSON.stringify(snapshots[1]));
    expect(await t.readVersion('../x')).toBeNull();
  });
});
