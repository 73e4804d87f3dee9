import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileCapped } from '../../src/io/read-capped.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-capped-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('readFileCapped', () => {
  // Another process replacing the file (write a temp file, rename it over)
  // between our stat and open is the normal way a live file changes: it is
  // read whole, old or new, never refused. (CI once saw two racing
  // `apply` processes, one exiting 1 with "changed while being opened".)
  it('reads a file that is atomically replaced while it is being read, old or new, never refused', async () => {
    const path = join(dir, 'live.json');
    const old = 'a'.repeat(5000);
    const next = 'b'.repeat(7000);
    await writeFile(path, old);
    let stop = false;
    let swaps = 0;
    const swapper = (async () => {
      while (!stop) {
        const tmp = join(dir, `.tmp-${swaps}`);
        await writeFile(tmp, swaps % 2 ? old : next);
        await rename(tmp, path);
        swaps++;
      }
    })();
    const seen = new Set<string>();
    try {
      for (let i = 0; i < 1500; i++) seen.add(await readFileCapped(path));
    } finally {
      stop = true;
      await swapper;
    }
    expect(swaps).toBeGreaterThan(100);
    expect([...seen].every((t) => t === old || t === next)).toBe(true);
  });

  it('still refuses a file over the cap, naming the limit', async () => {
    const path = join(dir, 'big');
    await writeFile(path, 'x'.repeat(2048));
    await expect(readFileCapped(path, 1024)).rejects.toThrow(/over the 1024 bytes limit/);
  });
});
