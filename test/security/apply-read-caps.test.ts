// Files commands read (snapshots, plans, keys) are capped and must be
// regular files: /dev/zero, a FIFO or a huge file is a clear error (exit 1),
// never a hang or an unbounded allocation. The CLI runs as a child process
// here, so a regression is killed by the hang guard instead of eating the
// test runner's memory.
import { spawn, execFileSync } from 'node:child_process';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileCapped } from '../../src/apply/index.js';
import { tempDir } from '../server/helpers.js';
import { QUICKSTART } from '../apply/cli-helpers.js';

const BIN = fileURLToPath(new URL('../../bin/modelctl.js', import.meta.url));
const SECRET = 'sk-ant-api03-readcapsecret000033';
let tmp: { dir: string; remove: () => Promise<void> };
beforeEach(async () => {
  tmp = await tempDir();
});
afterEach(async () => tmp.remove());

/** Runs bin/modelctl.js; a run that hangs is killed after 20 s and reported as such (a guard, not a timing assertion). */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; hung: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=512', BIN, ...args], {
      cwd: tmp.dir,
      env: { PATH: process.env.PATH, ANTHROPIC_API_KEY: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hung = false;
    const guard = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, 20_000);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, hung });
    });
  });
}

describe('capped reads', () => {
  it('explain --snapshot and verify refuse /dev/zero', async () => {
    await writeFile(join(tmp.dir, 'k.pub'), 'not a key');
    for (const args of [
      ['explain', '--snapshot', '/dev/zero', '--entry-point', 'cli'],
      ['verify', '/dev/zero', '--key', 'k.pub'],
      ['apply', '/dev/zero.json', '--target', 'file:live.json'],
    ]) {
      const res = await cli(args);
      expect(res.hung).toBe(false);
      if (args[1] === '/dev/zero.json') continue; // no such file: only that it does not hang
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('/dev/zero is not a regular file');
    }
  }, 90_000);

  it('refuses a FIFO as snapshot, plan and key without blocking on it', async () => {
    const fifo = join(tmp.dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    for (const args of [
      ['explain', '--snapshot', 'pipe.json', '--entry-point', 'cli'],
      ['verify', 'pipe.json', '--key', 'pipe.json'],
      ['apply', 'pipe.json', '--target', 'file:live.json'],
      ['compile', QUICKSTART, '-o', '-', '--sign-key', 'pipe.json'],
    ]) {
      const res = await cli(args);
      expect(res.hung).toBe(false);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('pipe.json is not a regular file');
      expect(res.stdout + res.stderr).not.toContain(SECRET);
    }
  }, 120_000);

  it('refuses a file over the limit before reading it (a sparse 300 MiB snapshot)', async () => {
    const big = join(tmp.dir, 'big.json');
    const handle = await open(big, 'w');
    await handle.truncate(300 * 1024 * 1024);
    await handle.close();
    const res = await cli(['explain', '--snapshot', 'big.json', '--entry-point', 'cli']);
    expect(res.hung).toBe(false);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/big\.json is 300 MiB, over the 256 MiB limit/);
  }, 60_000);

  it('readFileCapped reads up to the cap and refuses one byte more', async () => {
    const path = join(tmp.dir, 'x.txt');
    await writeFile(path, 'x'.repeat(1024));
    expect(await readFileCapped(path, 1024)).toHaveLength(1024);
    await expect(readFileCapped(path, 1023)).rejects.toThrow(/over the 1023 bytes limit/);
  });
});
