// The least-privilege ACL users the README gives work: the CI user applies,
// lists and rolls back; the replica user fetches and subscribes, and its
// apply is refused (exit 3, nothing changed). A user outside the key is
// refused in words that name the problem.
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openRedisFollowSource } from '../../src/redis/follow-source.js';
import { catalog, replaceIn, run } from '../apply/cli-helpers.js';
import { tempDir } from '../server/helpers.js';
import { describeRedis, startRedis, type RedisServer } from '../support/redis-server.js';
import { rawClient } from './helpers.js';

const ADMIN = 'acl-admin-pass-2b8e4f';
const CI = 'acl-ci-pass-7d3a91';
const REPLICA = 'acl-replica-pass-5c6e02';
/** As in the README's "Running a fleet" section. */
const CI_RULES = '~{prod}:* &{prod}:events +eval +evalsha +hget +hset +hmget +hstrlen +exists +del +set +get +strlen +lpush +lrange +ltrim +type +time +publish';
const REPLICA_RULES = '~{prod}:* &{prod}:events +eval +evalsha +exists +hstrlen +hmget +subscribe';

describeRedis('least-privilege Redis ACL users', () => {
  let redis: RedisServer;
  let admin: Redis;
  let tmp: { dir: string; remove: () => Promise<void> };
  const url = (user: string, pass: string, key = 'prod') => `redis://${user}:${pass}@127.0.0.1:${redis.port}/0?key=${key}`;
  const printed: string[] = [];
  const cli = async (...argv: string[]) => {
    const r = await run(argv, { cwd: tmp.dir, env: {} });
    printed.push(r.stdout, r.stderr);
    return r;
  };

  beforeAll(async () => {
    redis = await startRedis({ password: ADMIN });
    admin = rawClient(redis.port, ADMIN);
    await admin.call('ACL', 'SETUSER', 'ci', 'on', `>${CI}`, ...CI_RULES.split(' '));
    await admin.call('ACL', 'SETUSER', 'replica', 'on', `>${REPLICA}`, ...REPLICA_RULES.split(' '));
    tmp = await tempDir();
  });
  afterAll(async () => {
    admin?.disconnect();
    await redis?.close();
    await tmp?.remove();
  });

  it('the CI user applies, lists and rolls back; the replica user follows and cannot apply', { timeout: 60_000 }, async () => {
    const v1 = await catalog(tmp.dir, 'v1');
    const v2 = await catalog(tmp.dir, 'v2', (root) => replaceIn(join(root, 'models/gpt-5.yaml'), 'order: 20', 'order: 25'));
    expect((await cli('apply', v1, '--target', url('ci', CI))).code).toBe(0);
    const first = await admin.hget('{prod}:live', 'version');

    const source = openRedisFollowSource(url('replica', REPLICA), {}, { timeoutMs: 2000 });
    const changes: string[] = [];
    let connected = 0;
    const stop = source.watch({ onChange: (v) => void changes.push(v), onConnected: () => void connected++, onError: () => {} });
    try {
      expect((await source.fetchLive(AbortSignal.timeout(5000)))?.version).toBe(first);
      const firstBytes = (await admin.hgetBuffer('{prod}:live', 'document'))!;
      await expect.poll(() => connected).toBe(1);
      expect((await cli('apply', v2, '--target', url('ci', CI))).code).toBe(0);
      const second = await admin.hget('{prod}:live', 'version');
      await expect.poll(() => changes).toEqual([second]);
      // The CLI's apply left a patch from the version it planned on, and the replica user may read it.
      const patched = await source.fetchLive(AbortSignal.timeout(5000), { version: first!, bytes: firstBytes });
      expect(patched).toMatchObject({ version: second, patched: true });
      expect(Buffer.from(patched!.document).equals((await admin.hgetBuffer('{prod}:live', 'document'))!)).toBe(true);
      expect((await cli('rollback', '--list', '--target', url('ci', CI))).code).toBe(0);
      expect((await cli('rollback', '--to', first!, '--target', url('ci', CI))).code).toBe(0);

      const refused = await cli('apply', v2, '--target', url('replica', REPLICA));
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain("refused, nothing changed: Redis at redis://***@127.0.0.1:");
      expect(refused.stderr).toContain("can't run this command");
      expect(await admin.hget('{prod}:live', 'version')).toBe(first);
    } finally {
      await stop();
      await source.close();
    }

    const outside = await cli('plan', v1, '--target', url('ci', CI, 'staging'));
    expect(outside.code).toBe(3);
    expect(outside.stderr).toContain('refused reading {staging}:live: NOPERM');
    for (const p of [ADMIN, CI, REPLICA]) expect(printed.join('\n')).not.toContain(p);
  });
});
