// What `npm pack` ships, and the package.json fields a consumer's install
// depends on: engines true to the dependencies, dist/ built by prepack, no
// build on the consumer's install.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from './install.js';

const exec = promisify(execFile);

interface Manifest {
  name: string;
  version: string;
  license: string;
  engines: { node: string };
  scripts: Record<string, string>;
  files: string[];
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
}

let files: string[];
let manifest: Manifest;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'modelctl-pack-'));
  // --ignore-scripts: prepack is a clean rebuild of dist/, which tests beside this one are running.
  const { stdout } = await exec('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, env: cleanEnv(home), maxBuffer: 64 * 1024 * 1024 });
  files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Manifest;
});
afterAll(() => rm(home, { recursive: true, force: true }));

/** [major, minor, patch] of the lowest version a `>=X.Y.Z` range admits. */
function floor(range: string): number[] {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!m) throw new Error(`not a simple >= range: ${range}`);
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}
const atLeast = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

describe('npm pack', () => {
  it('ships the CLI (bundled and per file), the built library, schemas, registry, templates, the workflow, LICENSE and README', () => {
    for (const f of ['package.json', 'LICENSE', 'README.md', 'bin/modelctl.js', 'dist/bundle/main.js', 'dist/bundle/verify-worker.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/cli/commands/init.js', 'dist/runtime/index.js', 'dist/runtime/index.d.ts', 'schema/catalog.schema.json', 'docs/catalog-repo-workflow.yml', 'templates/init/catalog/models.yaml', 'templates/init/README.md']) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => /^models\/anthropic\/.+\.yaml$/.test(f))).toBe(true);
  });

  it('ships no tests, sources, temp files, dependencies or stray docs', () => {
    const bad = files.filter((f) => /^(test|src|bench|scripts|examples|\.tmp|\.github|\.ci)\//.test(f) || f.includes('node_modules/') || /(^|\/)\.tmp-/.test(f) || /\.test\.(js|d\.ts)$/.test(f));
    expect(bad).toEqual([]);
    expect(files.filter((f) => f.startsWith('docs/'))).toEqual(['docs/catalog-repo-workflow.yml']);
    const tops = [...new Set(files.map((f) => f.split('/')[0]))].sort();
    expect(tops).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'docs', 'models', 'package.json', 'schema', 'templates']);
  });

  it('every file the init command reads is in the package', async () => {
    const templates = (await readdir(join(ROOT, 'templates'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(ROOT.length).replace(/^\//, ''));
    expect(templates.length).toBeGreaterThanOrEqual(4);
    for (const t of templates) expect(files).toContain(t);
  });
});

describe('package.json', () => {
  it('LICENSE is the Apache 2.0 text the license field names', async () => {
    expect(manifest.license).toBe('Apache-2.0');
    const text = await readFile(join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toContain('Apache License');
    expect(text).toContain('Version 2.0, January 2004');
    expect(text).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
    expect(text.length).toBeGreaterThan(10_000);
  });

  it('engines.node admits no Node that an installed runtime dependency refuses', async () => {
    const ours = floor(manifest.engines.node);
    const { stdout } = await exec('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, env: cleanEnv(home) });
    const dirs = stdout.trim().split('\n').slice(1);
    expect(dirs.length).toBeGreaterThanOrEqual(Object.keys(manifest.dependencies).length);
    const checked: string[] = [];
    for (const dir of dirs) {
      const dep = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string; engines?: { node?: string } };
      const node = dep.engines?.node;
      if (!node) continue;
      checked.push(dep.name);
      expect(atLeast(ours, floor(node)), `${dep.name} needs node ${node}, engines says ${manifest.engines.node}`).toBeGreaterThanOrEqual(0);
    }
    expect(checked).toContain('undici');
    expect(atLeast(ours, [20, 18, 1])).toBeGreaterThanOrEqual(0);
  });

  it('dist/ is built by prepack; prepare builds only in a source checkout, never on a consumer install', async () => {
    expect(manifest.scripts.prepack).toBe('node scripts/build.mjs --clean');
    expect(manifest.scripts.prepare).toBe('node scripts/build.mjs --prepare');
    for (const hook of ['install', 'preinstall', 'postinstall']) expect(manifest.scripts[hook]).toBeUndefined();
    // In a directory without src/ (an unpacked tarball), prepare does nothing and needs no typescript.
    const empty = await mkdtemp(join(tmpdir(), 'modelctl-prepare-'));
    try {
      const res = await exec(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--prepare'], { cwd: empty, env: cleanEnv(home) });
      expect(res.stdout + res.stderr).toBe('');
      expect(await readdir(empty)).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('exports carry types conditions for every entry point', () => {
    for (const [entry, target] of Object.entries(manifest.exports)) {
      if (entry.startsWith('./schema') || entry === './package.json') continue;
      expect(Object.keys(target as object), entry).toEqual(['types', 'default']);
    }
  });
});
