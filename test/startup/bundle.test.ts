// The CLI bundle (scripts/build.mjs → dist/bundle/): bin/modelctl.js runs it
// only while it is at least as new as the per-file build beside it, and the
// pieces that find files next to their own module still find them from the
// bundle's chunks: the verify worker, the package's own files.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../compile/helpers.js';
import { serve, tempDir } from '../follow/helpers.js';

const work = mkdtempSync(join(tmpdir(), 'modelctl-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A package layout holding the real launcher and two stand-in entries that say which one ran. */
function layout(name: string, which: { bundle?: Date; perFile?: Date }): string {
  const root = join(work, name);
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin/modelctl.js'), join(root, 'bin/modelctl.js'));
  const entry = (dir: string, said: string, at: Date) => {
    mkdirSync(join(root, 'dist', dir), { recursive: true });
    const file = join(root, 'dist', dir, 'main.js');
    // Its V8 flags: one V8 does not know, named by the command, so that V8's complaint shows the launcher set it.
    const flags = `export const v8FlagsFor = (argv) => argv[0] === 'flagged' ? ['--modelctl-flag-from-${dir}'] : [];\n`;
    writeFileSync(file, `${flags}export async function main(args, io) { io.stdout.write(${JSON.stringify(said)} + '\\n'); return 0; }\n`);
    utimesSync(file, at, at);
  };
  if (which.perFile) entry('cli', 'per-file', which.perFile);
  if (which.bundle) entry('bundle', 'bundle', which.bundle);
  return root;
}

const run = (root: string, command = '--version') => spawnSync(process.execPath, [join(root, 'bin/modelctl.js'), command], { encoding: 'utf8' });
const older = new Date('2026-01-01T00:00:00Z');
const newer = new Date('2026-01-02T00:00:00Z');

describe('bin/modelctl.js picks the bundle only when it is not stale', () => {
  it.each([
    ['bundle newer than dist/cli', { bundle: newer, perFile: older }, 'bundle'],
    ['bundle as new as dist/cli', { bundle: newer, perFile: newer }, 'bundle'],
    ['bundle older than dist/cli (tsc run on its own since)', { bundle: older, perFile: newer }, 'per-file'],
    ['no bundle', { perFile: newer }, 'per-file'],
  ] as const)('%s: runs the %s', (name, which, expected) => {
    const r = run(layout(name.replace(/\W+/g, '-'), which));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${expected}\n`);
  });

  it('sets the V8 flags the entry names for the command before running it', () => {
    const root = layout('flags', { bundle: newer, perFile: older });
    const flagged = run(root, 'flagged');
    expect(flagged.stderr).toContain('unrecognized flag --modelctl-flag-from-bundle');
    expect(flagged.stdout).toBe('bundle\n');
    expect(run(root, 'other').stderr).toBe('');
  });

  it('neither: says how to build, exit 1', () => {
    const r = run(layout('neither', {}));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('run `npm ci` (or `npm run build`) first');
  });
});

describe('the bundle finds what sits beside its modules', () => {
  it('the verify worker: the bundled one answers as the per-file one does', async () => {
    const snapshot = join(work, 'snapshot.json');
    const c = spawnSync(process.execPath, [join(ROOT, 'bin/modelctl.js'), 'compile', 'examples/quickstart', '-o', snapshot], { cwd: ROOT, encoding: 'utf8' });
    expect(c.status, c.stderr).toBe(0);
    const good = new Uint8Array(readFileSync(snapshot));
    const tampered = new Uint8Array(Buffer.from(readFileSync(snapshot, 'utf8').replace('"formatVersion":1', '"formatVersion":2')));
    const ask = async (file: string, bytes: Uint8Array): Promise<unknown> => {
      const w = new Worker(join(ROOT, file), { workerData: { publicKey: undefined } });
      try {
        return await new Promise((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
          w.postMessage({ id: 7, bytes, bytesOnly: false });
        });
      } finally {
        await w.terminate();
      }
    };
    const bundledGood = await ask('dist/bundle/verify-worker.js', good);
    expect(bundledGood).toMatchObject({ id: 7, ok: true });
    expect(bundledGood).toEqual(await ask('dist/server/verify-worker.js', good));
    const bundledBad = await ask('dist/bundle/verify-worker.js', tampered);
    expect(bundledBad).toMatchObject({ id: 7, ok: false });
    expect(bundledBad).toEqual(await ask('dist/server/verify-worker.js', tampered));
  });

  it('serve from the bundle checks large pushes in its worker (it falls back to inline when the file is missing)', async () => {
    const state = await tempDir('modelctl-bundle-serve-');
    const server = await serve(state.dir, []);
    try {
      const line = server.stderr().split('\n').find((l) => l.includes('"msg":"listening"'))!;
      expect(JSON.parse(line)).toMatchObject({ verifyIn: 'worker' });
    } finally {
      await server.kill();
      await state.remove();
    }
  });

  it('the package files: --version reads package.json, init copies templates/ and docs/', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const v = spawnSync(process.execPath, [join(ROOT, 'bin/modelctl.js'), '--version'], { encoding: 'utf8' });
    expect(v.stdout.trim()).toBe(version);
    const dir = join(work, 'init');
    const i = spawnSync(process.execPath, [join(ROOT, 'bin/modelctl.js'), 'init', dir], { encoding: 'utf8' });
    expect(i.status, i.stderr).toBe(0);
    expect(readFileSync(join(dir, 'catalog/models.yaml'), 'utf8')).toBe(readFileSync(join(ROOT, 'templates/init/catalog/models.yaml'), 'utf8'));
    expect(readFileSync(join(dir, '.github/workflows/modelctl.yml'), 'utf8')).toBe(readFileSync(join(ROOT, 'docs/catalog-repo-workflow.yml'), 'utf8'));
    const val = spawnSync(process.execPath, [join(ROOT, 'bin/modelctl.js'), 'validate', join(dir, 'catalog')], { encoding: 'utf8' });
    expect(val.status, val.stdout + val.stderr).toBe(0);
  });
});
