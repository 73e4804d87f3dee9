// --exclude GLOB and .modelctlignore: a catalog repository also holds YAML that
// is not catalog (docker-compose.yml, k8s manifests); it must not fail validate.
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ignoreLine, rebaseGlobs } from '../../src/load/ignore.js';
import { readCatalogFiles } from '../../src/load/read.js';
import { run } from './capture.js';

const QUICKSTART = fileURLToPath(new URL('../../examples/quickstart', import.meta.url));
const COMPOSE = 'services:\n  web:\n    image: nginx\n';
const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: gateway }\n';

let repo: string;
beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'modelctl-exclude-'));
  await cp(QUICKSTART, join(repo, 'catalog'), { recursive: true });
  await writeFile(join(repo, 'docker-compose.yml'), COMPOSE);
  await mkdir(join(repo, 'k8s'), { recursive: true });
  await writeFile(join(repo, 'k8s', 'deploy.yaml'), DEPLOY);
  await mkdir(join(repo, '.github', 'workflows'), { recursive: true });
  await writeFile(join(repo, '.github', 'workflows', 'ci.yml'), 'on: push\njobs: {}\n');
});
afterAll(() => rm(repo, { recursive: true, force: true }));

async function files(dir: string, exclude: string[] = []): Promise<string[]> {
  const read = await readCatalogFiles(['.'], dir, { exclude });
  return [...read.sources.map((s) => s.file), ...read.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)];
}

describe('a stray docker-compose.yml and k8s manifests', () => {
  it('fail validate of the repository root as they are', async () => {
    const out = await run(['validate', '.', '--format', 'json'], repo);
    expect(out.code).toBe(1);
    const hit = new Set((JSON.parse(out.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file));
    expect(hit).toEqual(new Set(['docker-compose.yml', 'k8s/deploy.yaml']));
  });

  it('--exclude (repeatable) leaves them out: valid', async () => {
    const out = await run(['validate', '.', '--exclude', 'docker-compose.yml', '--exclude', 'k8s/'], repo);
    expect(out.code, out.stdout).toBe(0);
  });

  it('.modelctlignore at the directory root leaves them out, for validate, compile, plan, apply and explain', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'modelctl-ignorefile-'));
    try {
      await cp(repo, dir, { recursive: true });
      await writeFile(join(dir, '.modelctlignore'), '# not catalog\ndocker-compose.yml   \n\nk8s/\n');
      expect((await run(['validate'], dir)).code).toBe(0);
      expect((await run(['compile', '.', '-o', 'snapshot.json'], dir)).code).toBe(0);
      const plan = await run(['plan', '.', '--target', 'file:live.json', '--format', 'json'], dir);
      expect(plan.code, plan.stderr).toBe(0);
      expect(JSON.parse(plan.stdout).summary.create).toBeGreaterThan(0);
      expect((await run(['apply', '.', '--target', 'file:live.json'], dir)).code).toBe(0);
      expect((await run(['explain', '.', '--entry-point', 'desktop', '--groups', 'eng'], dir)).code).toBe(0);
      // The same commands with the ignore file gone fail on the stray files.
      await rm(join(dir, '.modelctlignore'));
      for (const argv of [['validate'], ['plan', '.', '--target', 'file:live.json'], ['explain', '.', '--entry-point', 'desktop']]) {
        expect((await run(argv, dir)).code, argv.join(' ')).toBe(1);
      }
      // …and --exclude does the ignore file's job on every command.
      const ex = ['--exclude', 'docker-compose.yml', '--exclude', 'k8s/**'];
      expect((await run(['plan', '.', '--target', 'file:live.json', ...ex], dir)).code).toBe(0);
      expect((await run(['apply', '.', '--target', 'file:live.json', ...ex], dir)).code).toBe(0);
      expect((await run(['explain', '.', '--entry-point', 'desktop', ...ex], dir)).code).toBe(0);
      expect((await run(['compile', '.', '-o', '-', ...ex], dir)).code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('gitignore-style patterns', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'modelctl-patterns-'));
    const group = (name: string) => `apiVersion: modelctl/v1\nkind: Group\nname: ${name}\n`;
    await mkdir(join(dir, 'sub', 'deep'), { recursive: true });
    await mkdir(join(dir, 'build'), { recursive: true });
    await writeFile(join(dir, 'a.yaml'), group('a'));
    await writeFile(join(dir, 'x.yaml'), group('x'));
    await writeFile(join(dir, 'sub', 'x.yaml'), group('sx'));
    await writeFile(join(dir, 'sub', 'deep', 'x.yaml'), group('sdx'));
    await writeFile(join(dir, 'build', 'out.yaml'), group('b'));
    await writeFile(join(dir, 'build.yaml'), group('bf'));
    await writeFile(join(dir, 'sub', '{braces}.yaml'), group('br'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a name without a slash matches at any depth; a leading slash anchors it', async () => {
    expect(await files(dir, ['x.yaml'])).toEqual(['a.yaml', 'build.yaml', 'build/out.yaml', 'sub/{braces}.yaml']);
    expect(await files(dir, ['/x.yaml'])).toEqual(['a.yaml', 'build.yaml', 'build/out.yaml', 'sub/deep/x.yaml', 'sub/x.yaml', 'sub/{braces}.yaml']);
    expect(await files(dir, ['sub/*.yaml'])).toEqual(['a.yaml', 'build.yaml', 'build/out.yaml', 'sub/deep/x.yaml', 'x.yaml']);
    expect(await files(dir, ['sub/**/x.yaml'])).toEqual(['a.yaml', 'build.yaml', 'build/out.yaml', 'sub/{braces}.yaml', 'x.yaml']);
  });

  it('a trailing slash matches directories only; a plain name matches files and directories', async () => {
    expect(await files(dir, ['build/'])).toEqual(['a.yaml', 'build.yaml', 'sub/deep/x.yaml', 'sub/x.yaml', 'sub/{braces}.yaml', 'x.yaml']);
    expect(await files(dir, ['build*'])).toEqual(['a.yaml', 'sub/deep/x.yaml', 'sub/x.yaml', 'sub/{braces}.yaml', 'x.yaml']);
  });

  it('braces are literal, as in .gitignore (no brace expansion)', async () => {
    expect(await files(dir, ['{braces}.yaml'])).not.toContain('sub/{braces}.yaml');
    expect(await files(dir, ['{a,x}.yaml'])).toContain('a.yaml');
  });

  it('everything excluded is no-yaml-files, saying why', async () => {
    const out = await run(['validate', '.', '--exclude', '*.yaml', '--format', 'json'], dir);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).diagnostics).toMatchObject([{ code: 'no-yaml-files', message: expect.stringContaining('after --exclude') }]);
  });

  it('a file named on the command line is read even when a pattern matches it', async () => {
    const out = await run(['validate', 'x.yaml', '--exclude', 'x.yaml', '--format', 'json'], dir);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).diagnostics).toEqual([]);
  });

  it('patterns still apply inside a symbolically linked directory', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'modelctl-linked-'));
    const root = await mkdtemp(join(tmpdir(), 'modelctl-linkroot-'));
    try {
      await mkdir(join(outside, 'k8s'), { recursive: true });
      await writeFile(join(outside, 'k8s', 'deploy.yaml'), DEPLOY);
      await writeFile(join(outside, 'ok.yaml'), 'apiVersion: modelctl/v1\nkind: Group\nname: ok\n');
      await writeFile(join(outside, 'docker-compose.yml'), COMPOSE);
      await symlink(outside, join(root, 'shared'));
      expect(await files(root)).toEqual(['shared/docker-compose.yml', 'shared/k8s/deploy.yaml', 'shared/ok.yaml']);
      expect(await files(root, ['shared/k8s/', 'docker-compose.yml'])).toEqual(['shared/ok.yaml']);
      expect(await files(root, ['/shared/*/deploy.yaml'])).toEqual(['shared/docker-compose.yml', 'shared/ok.yaml']);
      expect(await files(root, ['shared'])).toEqual(['no-yaml-files .:1']);
    } finally {
      await rm(outside, { recursive: true, force: true });
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('bad patterns', () => {
  it('a negated line in .modelctlignore is a located error: skipping it could silently drop a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'modelctl-negated-'));
    try {
      await cp(QUICKSTART, dir, { recursive: true });
      await writeFile(join(dir, '.modelctlignore'), 'models/\n!models/gpt-5.yaml\n');
      const out = await run(['validate', '.', '--format', 'json'], dir);
      expect(out.code).toBe(1);
      expect(JSON.parse(out.stdout).diagnostics).toContainEqual(
        expect.objectContaining({ code: 'invalid-value', file: '.modelctlignore', line: 2, column: 1, endColumn: 19, severity: 'error' }),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--exclude with a negation, an empty value or a bare slash is a usage error', async () => {
    for (const bad of ['!x.yaml', '', '/', '# comment']) {
      const out = await run(['validate', '.', '--exclude', bad], repo);
      expect(out.code, JSON.stringify(bad)).toBe(64);
      expect(out.stderr).toContain('--exclude');
    }
  });

  it('a .modelctlignore that is a directory is an error, not a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'modelctl-ignoredir-'));
    try {
      await mkdir(join(dir, '.modelctlignore'));
      await writeFile(join(dir, 'g.yaml'), 'apiVersion: modelctl/v1\nkind: Group\nname: g\n');
      const out = await run(['validate', '.', '--format', 'json'], dir);
      expect(out.code).toBe(1);
      expect(JSON.parse(out.stdout).diagnostics).toMatchObject([{ code: 'invalid-value', file: '.modelctlignore', message: expect.stringContaining('not a regular file') }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('ignoreLine / rebaseGlobs units', () => {
    expect(ignoreLine('  ')).toBeNull();
    expect(ignoreLine('# x')).toBeNull();
    expect(ignoreLine('\\#x.yaml')).toEqual({ globs: ['**/#x.yaml', '**/#x.yaml/**'] });
    expect(ignoreLine('\\!x.yaml')).toEqual({ globs: ['**/\\!x.yaml', '**/\\!x.yaml/**'] });
    expect(ignoreLine('a\\ ')).toEqual({ globs: ['**/a ', '**/a /**'] });
    expect(ignoreLine('/a/b/')).toEqual({ globs: ['a/b/**'] });
    expect(ignoreLine('**/x')).toEqual({ globs: ['**/x', '**/x/**'] });
    expect(ignoreLine('!keep')).toHaveProperty('error');
    expect(rebaseGlobs(['a/b/**', '**/x', 'c/d', 'a/*/e'], 'a/b')).toEqual(['**', '**/x', 'e']);
    expect(rebaseGlobs(['a/*/e', 'a/[bc]/f', 'a/[!b]/g'], 'a/b')).toEqual(['e', 'f']);
  });
});
