// Files modelctl writes: one durable writer that refuses to write over
// anything but a regular file and sets the final mode itself; lock files
// that are never empty, know their owner, and can be force-unlocked by id.
import { execFileSync } from 'node:child_process';
import { access, lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processStart, readLock, withLock, writeFileDurable } from '../../src/apply/index.js';
import { tempDir } from '../server/helpers.js';
import { catalog, run } from '../apply/cli-helpers.js';

const SECRET = 'sk-ant-api03-durableiosecret00055';
const env = { ANTHROPIC_API_KEY: SECRET, OPENAI_API_KEY: SECRET };
let tmp: { dir: string; remove: () => Promise<void> };
let v1: string;
beforeEach(async () => {
  tmp = await tempDir();
  v1 = await catalog(tmp.dir, 'v1');
});
afterEach(async () => tmp.remove());
const cli = (...argv: string[]) => run(argv, { cwd: tmp.dir, env });
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

describe('the durable writer', () => {
  it('refuses a symlink at plan --out and compile -o, and leaves link and target untouched', async () => {
    const victim = join(tmp.dir, 'victim.txt');
    await writeFile(victim, 'keep me\n');
    for (const [name, argv] of [
      ['plan.json', ['plan', v1, '--target', `file:${join(tmp.dir, 'live.json')}`, '--out', 'plan.json']],
      ['snap.json', ['compile', v1, '-o', 'snap.json']],
    ] as const) {
      await symlink(victim, join(tmp.dir, name));
      const res = await cli(...argv);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`refusing to write ${join(tmp.dir, name)}: it is a symbolic link`);
      expect((await lstat(join(tmp.dir, name))).isSymbolicLink()).toBe(true);
      expect(await readFile(victim, 'utf8')).toBe('keep me\n');
      expect(res.stdout + res.stderr).not.toContain(SECRET);
    }
  });

  it('refuses a FIFO and a directory at the output path', async () => {
    mkfifo(join(tmp.dir, 'out.json'));
    const fifo = await cli('compile', v1, '-o', 'out.json');
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toContain('it is a FIFO');
    expect((await lstat(join(tmp.dir, 'out.json'))).isFIFO()).toBe(true);

    await mkdir(join(tmp.dir, 'k.key'));
    const dir = await cli('keygen', '--out', 'k');
    expect(dir.code).toBe(1);
    expect(dir.stderr).toContain('it is a directory');
  });

  it('writes a private key 0600 even with umask 0, and leaves no temp files', async () => {
    const old = process.umask(0);
    try {
      expect((await cli('keygen', '--out', 'signing')).code).toBe(0);
      // An existing world-readable file is replaced, not reused with its mode.
      await writeFile(join(tmp.dir, 'again.key'), 'old', { mode: 0o666 });
      expect((await cli('keygen', '--out', 'again')).code).toBe(0);
    } finally {
      process.umask(old);
    }
    expect((await stat(join(tmp.dir, 'signing.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(tmp.dir, 'again.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(tmp.dir, 'signing.pub'))).mode & 0o777).toBe(0o644);
    expect((await readdir(tmp.dir)).filter((n) => n.includes('tmp'))).toEqual([]);
  });

  it('writes through the library too: an existing regular file is replaced whole', async () => {
    const path = join(tmp.dir, 'x.json');
    await writeFile(path, 'a much longer old content than the new one');
    await writeFileDurable(path, 'new', { mode: 0o640 });
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });
});

describe('lock files', () => {
  const live = () => join(tmp.dir, 'live.json');
  const lock = () => `${live()}.lock`;
  const target = () => `file:${live()}`;

  it('holds the owner (id, pid, host, process start) while held, never an empty file', async () => {
    let seen: Awaited<ReturnType<typeof readLock>> = null;
    await withLock(lock(), async () => {
      seen = await readLock(lock());
    });
    expect(seen).toMatchObject({ pid: process.pid, host: hostname() });
    expect((seen as unknown as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
    if (process.platform === 'linux') expect((seen as unknown as { start?: string }).start).toBe(processStart(process.pid));
    await expect(access(lock())).rejects.toThrow();
  });

  it('takes over an empty lock file left by a kill between create and write', async () => {
    await writeFile(lock(), '');
    const res = await cli('apply', v1, '--target', target());
    expect(res.code).toBe(0);
    await expect(access(lock())).rejects.toThrow();
  });

  it('takes over a lock whose pid is dead, or alive but started at another time (reused pid)', async () => {
    await writeFile(lock(), JSON.stringify({ id: 'dead-1', pid: 2 ** 22 + 4321, host: hostname(), at: new Date().toISOString() }));
    expect((await cli('apply', v1, '--target', target())).code).toBe(0);
    if (process.platform === 'linux') {
      await writeFile(lock(), JSON.stringify({ id: 'reused-1', pid: process.pid, host: hostname(), start: '1', at: new Date().toISOString() }));
      expect(await withLock(lock(), async () => 'ran', { timeoutMs: 200 })).toBe('ran');
    }
  });

  it('reports a lock from another host with its id; --force-unlock removes it only for the right id', async () => {
    const owner = { id: 'c0ffee00-1111-2222-3333-444455556666', pid: 4242, host: 'ci-runner-elsewhere', at: '2026-01-01T00:00:00.000Z' };
    await writeFile(lock(), JSON.stringify(owner));
    const held = await cli('apply', v1, '--target', target());
    expect(held.code).toBe(3);
    expect(held.stderr).toContain('host ci-runner-elsewhere');
    expect(held.stderr).toContain(`modelctl apply --force-unlock ${owner.id} --target ${target()}`);
    await expect(access(live())).rejects.toThrow();

    const wrong = await cli('apply', '--force-unlock', 'not-the-id', '--target', target());
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain(owner.id);
    expect(JSON.parse(await readFile(lock(), 'utf8'))).toEqual(owner);

    const right = await cli('rollback', '--force-unlock', owner.id, '--target', target());
    expect(right.code).toBe(0);
    await expect(access(lock())).rejects.toThrow();
    expect((await cli('apply', '--force-unlock', owner.id, '--target', target())).code).toBe(1); // nothing left to unlock
    expect((await cli('apply', v1, '--target', target())).code).toBe(0);
    for (const r of [held, wrong, right]) expect(r.stdout + r.stderr).not.toContain(SECRET);
  }, 30_000);

  it('--force-unlock is a usage error for an http target or with a plan', async () => {
    expect((await cli('apply', '--force-unlock', 'x', '--target', 'http://127.0.0.1:9/')).code).toBe(64);
    expect((await cli('apply', v1, '--force-unlock', 'x', '--target', target())).code).toBe(64);
  });
});
