// The Redis target passes the same contract as file: and http (the same
// reads, compare-and-swap races, history, rollback, warnings and meta),
// against a real redis-server. Each fixture uses its own key, so the
// targets of one server never see each other.
import { afterAll, beforeAll } from 'vitest';
import { RedisTarget } from '../../src/apply/redis-target.js';
import { parseRedisSpec } from '../../src/redis/spec.js';
import { CONTRACT_ENV, targetContract } from '../apply/target-contract.js';
import { describeRedis, startRedis, type RedisServer } from '../support/redis-server.js';

describeRedis('redis target contract', () => {
  let redis: RedisServer;
  let n = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.close();
  });

  targetContract('redis', async () => {
    const spec = parseRedisSpec(`${redis.url}/0?key=contract-${++n}`, { env: {} });
    return { open: () => new RedisTarget(spec, { env: CONTRACT_ENV }), cleanup: async () => {} };
  });
});
