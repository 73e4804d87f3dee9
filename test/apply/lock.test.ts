// The 'wx' lock behind file: compare-and-swap.
import { writeFile, access } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withLock } from '../../src/apply/index.js';
import { tempDir } from '../server/helpers.js';

let tmp: { dir: string; remove: () => Promise<void> };
afterEach(async () => tmp?.remove());

describe('withLock', () => {
  it('runs critical sections one at a time and removes the lock after', async () => {
    tmp = await tempDir();
    const lock = join(tmp.dir, 'x.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLock(lock, async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 5));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    await expect(access(lock)).rejects.toThrow();
  });

  it('releases the lock when the section throws', async () => {
    tmp = await tempDir();
    const lock = join(tmp.dir, 'x.lock');
    await expect(withLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(access(lock)).rejects.toThrow();
  });

  it('takes over a lock left by a dead process on this host', async () => {
    tmp = await tempDir();
    const lock = join(tmp.dir, 'x.lock');
    await writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), at: new Date().toISOString() }));
    expect(await withLock(lock, async () => 'ran', { timeoutMs: 500 })).toBe('ran');
  });

  it('waits for a live holder and gives up with a clear message', async () => {
    tmp = await tempDir();
    const lock = join(tmp.dir, 'x.lock');
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
    await expect(withLock(lock, async () => 'ran', { timeoutMs: 100 })).rejects.toThrow(/is held by modelctl \(pid \d+ on this host.*lock ID/);
  });
});
