// The shared Redis harness itself: it starts, answers, keeps its data across
// stop/start on the same port, and a crash loses what was not saved.
import { connect } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { describeRedis, startRedis, type RedisServer } from '../support/redis-server.js';

/** One inline command, the first reply line. */
function send(port: number, line: string, password?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: '127.0.0.1', port });
    let buf = '';
    sock.setEncoding('utf8');
    sock.on('connect', () => sock.write((password ? `AUTH ${password}\r\n` : '') + line + '\r\n'));
    sock.on('data', (d: string) => {
      buf += d;
      const lines = buf.split('\r\n');
      const want = password ? 2 : 1;
      // Bulk replies: "$N" then the value.
      const replies: string[] = [];
      for (let i = 0; i < lines.length - 1; i++) replies.push(lines[i]!.startsWith('$') && lines[i] !== '$-1' ? lines[++i]! : lines[i]!);
      if (replies.length >= want) {
        sock.destroy();
        resolve(replies[want - 1]!);
      }
    });
    sock.on('error', reject);
  });
}

describeRedis('test/support/redis-server', () => {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await redis?.close();
    redis = undefined;
  });

  it('answers on a loopback port, and keeps its data across stop/start on the same port', async () => {
    redis = await startRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await send(redis.port, 'SET k v1')).toBe('+OK');
    await redis.stop();
    expect(redis.running).toBe(false);
    await expect(send(redis.port, 'PING')).rejects.toThrow();
    await redis.start();
    expect(await send(redis.port, 'GET k')).toBe('v1');
    await redis.restart();
    expect(await send(redis.port, 'GET k')).toBe('v1');
  });

  it('a kill loses what was written since the last stop', async () => {
    redis = await startRedis();
    await send(redis.port, 'SET k saved');
    await redis.restart();
    await send(redis.port, 'SET k unsaved');
    await redis.kill();
    await redis.start();
    expect(await send(redis.port, 'GET k')).toBe('saved');
  });

  it('requires the password when started with one, and still stops and restarts', async () => {
    redis = await startRedis({ password: 'harness-pass-81f2' });
    expect(await send(redis.port, 'PING')).toMatch(/^-NOAUTH/);
    expect(await send(redis.port, 'SET k v', 'harness-pass-81f2')).toBe('+OK');
    await redis.restart();
    expect(await send(redis.port, 'GET k', 'harness-pass-81f2')).toBe('v');
  });
});
