// modelctl init: what it writes, what it refuses, and --from.
import { lstat, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../apply/cli-helpers.js';
import { tempDir } from '../server/helpers.js';
import { INIT_FILES, SCHEMA_GLOBS, SCHEMA_PATH } from '../../src/cli/commands/init.js';

const ROOT = new URL('../../', import.meta.url);
const SECRET = 'planted-admin-token-93b1e2d0c7a4';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => void (tmp = await tempDir('modelctl-init-')));
afterEach(async () => tmp.remove());

const init = (args: string[], env: Record<string, string> = {}) => run(['init', ...args], { cwd: tmp.dir, env });

/** Every file under dir, relative, sorted (directories left out). */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('modelctl init', () => {
  it('writes the catalog repository, and its catalog validates with zero diagnostics', async () => {
    const res = await init(['repo'], { MODELCTL_ADMIN_TOKEN: SECRET });
    expect(res.code, res.stderr).toBe(0);
    const repo = join(tmp.dir, 'repo');
    expect(await tree(repo)).toEqual([...INIT_FILES].sort());
    for (const f of INIT_FILES) expect(res.stdout).toContain(join('repo', f));
    // Validate exactly as the README says, from the repository root (dot folders and node_modules are not read).
    const validate = await run(['validate', '--format', 'json'], { cwd: repo });
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.stdout)).toEqual({ valid: true, errorCount: 0, warningCount: 0, diagnostics: [] });
    const compiled = await run(['compile', 'catalog', '-o', '-'], { cwd: repo });
    const snapshot = JSON.parse(compiled.stdout) as { models: Record<string, unknown>; providers: Record<string, unknown>; settings: { defaultModel: string } };
    expect(Object.keys(snapshot.providers)).toHaveLength(1);
    expect(Object.keys(snapshot.models).sort()).toEqual(['claude-haiku', 'claude-sonnet']);
    expect(snapshot.settings.defaultModel).toBe('claude-sonnet');
  });

  it('pins this exact modelctl version by default, and says it must be published', async () => {
    const own = JSON.parse(await readFile(new URL('package.json', ROOT), 'utf8')) as { version: string };
    const res = await init(['repo']);
    const pkg = JSON.parse(await readFile(join(tmp.dir, 'repo', 'package.json'), 'utf8')) as Record<string, any>;
    expect(pkg.devDependencies).toEqual({ modelctl: own.version });
    expect(pkg.private).toBe(true);
    expect(pkg.name).toBe('repo');
    expect(res.stderr).toContain('--from');
  });

  it('maps the schema in node_modules onto every YAML file under catalog/ for the editor', async () => {
    await init(['.']);
    const settings = JSON.parse(await readFile(join(tmp.dir, '.vscode', 'settings.json'), 'utf8'));
    expect(settings).toEqual({ 'yaml.schemas': { './node_modules/modelctl/schema/catalog.schema.json': ['catalog/**/*.yaml', 'catalog/**/*.yml'] } });
    expect(SCHEMA_PATH).toBe('./node_modules/modelctl/schema/catalog.schema.json');
    expect(SCHEMA_GLOBS).toEqual(['catalog/**/*.yaml', 'catalog/**/*.yml']);
    // The schema it points at is one the package ships.
    await expect(lstat(new URL('schema/catalog.schema.json', ROOT))).resolves.toBeTruthy();
    // The models file holds two documents: the glob mapping covers both (a modeline would cover only the first).
    const models = await readFile(join(tmp.dir, 'catalog', 'models.yaml'), 'utf8');
    expect(models.split(/^---$/m)).toHaveLength(2);
    expect(models).not.toContain('yaml-language-server');
  });

  it('writes the workflow byte for byte from docs/catalog-repo-workflow.yml', async () => {
    await init(['.']);
    const written = await readFile(join(tmp.dir, '.github', 'workflows', 'modelctl.yml'), 'utf8');
    expect(written).toBe(await readFile(new URL('docs/catalog-repo-workflow.yml', ROOT), 'utf8'));
  });

  it('ignores node_modules and plan files, and the README says how to validate, plan and apply', async () => {
    await init(['.']);
    const ignore = (await readFile(join(tmp.dir, '.gitignore'), 'utf8')).split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['node_modules/', 'plan.json', '*.plan.json']));
    const readme = await readFile(join(tmp.dir, 'README.md'), 'utf8');
    for (const cmd of ['modelctl validate', 'modelctl plan', 'modelctl apply', 'npm install', 'modelctl:allow-destroy', 'MODELCTL_ADMIN_TOKEN', 'MODELCTL_URL']) expect(readme).toContain(cmd);
  });

  it('refuses (exit 3) when any file exists, names it, and writes nothing', async () => {
    await mkdir(join(tmp.dir, 'catalog'));
    await writeFile(join(tmp.dir, 'catalog', 'models.yaml'), 'mine\n');
    await writeFile(join(tmp.dir, 'README.md'), '# mine\n');
    const res = await init([]);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('catalog/models.yaml');
    expect(res.stderr).toContain('README.md');
    expect(res.stderr).toContain('--force');
    expect(res.stderr).not.toContain('package.json');
    expect(await tree(tmp.dir)).toEqual(['README.md', 'catalog/models.yaml']);
    expect(await readFile(join(tmp.dir, 'README.md'), 'utf8')).toBe('# mine\n');
  });

  it('--force overwrites existing files and says which', async () => {
    await writeFile(join(tmp.dir, 'package.json'), '{"name":"mine"}\n');
    const res = await init(['--force']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/overwrote\s+package\.json/);
    expect(res.stdout).toMatch(/created\s+README\.md/);
    expect(JSON.parse(await readFile(join(tmp.dir, 'package.json'), 'utf8')).devDependencies.modelctl).toBeTruthy();
    // The durable writer leaves no temp files behind.
    expect((await tree(tmp.dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('never writes through a symbolic link or a non-directory parent, even with --force', async () => {
    const outside = join(tmp.dir, 'outside.json');
    await writeFile(outside, 'untouched\n');
    await mkdir(join(tmp.dir, 'repo'));
    await symlink(outside, join(tmp.dir, 'repo', 'package.json'));
    const linked = await init(['repo', '--force']);
    expect(linked.code).toBe(3);
    expect(linked.stderr).toContain('package.json (not a regular file)');
    expect(await readFile(outside, 'utf8')).toBe('untouched\n');
    expect(await readdir(join(tmp.dir, 'repo'))).toEqual(['package.json']);

    await mkdir(join(tmp.dir, 'b'));
    await writeFile(join(tmp.dir, 'b', '.github'), 'a file\n');
    const blocked = await init(['b', '--force']);
    expect(blocked.code).toBe(3);
    expect(blocked.stderr).toContain('.github (not a directory)');
    expect(await readdir(join(tmp.dir, 'b'))).toEqual(['.github']);
  });

  it('--from a tarball writes a file: path relative to the repository', async () => {
    await mkdir(join(tmp.dir, 'vendor'));
    await writeFile(join(tmp.dir, 'vendor', 'modelctl-0.1.0.tgz'), 'not really a tarball, but a file\n');
    const res = await init(['repo', '--from', 'vendor/modelctl-0.1.0.tgz']);
    expect(res.code, res.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(join(tmp.dir, 'repo', 'package.json'), 'utf8'));
    expect(pkg.devDependencies.modelctl).toBe('file:../vendor/modelctl-0.1.0.tgz');
    const inside = await init(['.', '--from', 'file:vendor/modelctl-0.1.0.tgz']);
    expect(inside.code, inside.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(tmp.dir, 'package.json'), 'utf8')).devDependencies.modelctl).toBe('file:./vendor/modelctl-0.1.0.tgz');
  });

  it.each([
    ['git+https://github.com/acme/modelctl.git#v0.1.0', false],
    ['git+ssh://git@github.com/acme/modelctl.git#3f2a1c0', false],
    ['github:acme/modelctl#v0.1.0', false],
    ['https://downloads.example.com/modelctl-0.1.0.tgz', false],
    ['0.2.0', false],
    ['github:acme/modelctl', true],
  ])('--from %s is written as given', async (from, warns) => {
    const res = await init(['--from', from]);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(tmp.dir, 'package.json'), 'utf8')).devDependencies.modelctl).toBe(from);
    expect(res.stderr.includes('names no commit')).toBe(warns);
  });

  it.each([
    ['latest', 'not a pinned package'],
    ['^0.1.0', 'not a pinned package'],
    ['', 'one word'],
    ['git+https://x/y.git\nrm -rf /', 'one word'],
    ['http://downloads.example.com/modelctl-0.1.0.tgz', 'use https'],
    ['git://github.com/acme/modelctl.git', 'use https'],
    ['./missing-0.1.0.tgz', 'no such tarball'],
    ['file:./package-dir', 'must be a tarball'],
    ['acme/modelctl', 'not a pinned package'],
  ])('--from %j is a usage error (exit 64) and writes nothing', async (from, message) => {
    const res = await init(['--from', from]);
    expect(res.code).toBe(64);
    expect(res.stderr).toContain(message);
    expect(await readdir(tmp.dir)).toEqual([]);
  });

  it('a DIR that is a file, or two DIRs, is a usage error', async () => {
    await writeFile(join(tmp.dir, 'f'), '');
    expect((await init(['f'])).code).toBe(64);
    expect((await init(['a', 'b'])).code).toBe(64);
    expect(await readdir(tmp.dir)).toEqual(['f']);
  });

  it('puts a planted token in no output and no file', async () => {
    const env = { MODELCTL_ADMIN_TOKEN: SECRET, MODELCTL_GATEWAY_TOKEN: SECRET + '-gw', GH_TOKEN: SECRET + '-gh' };
    const outputs = [await init(['a'], env), await init(['a'], env), await init(['a', '--force', '--from', 'nope'], env), await init(['--help'], env)];
    for (const r of outputs) expect(r.stdout + r.stderr).not.toContain(SECRET);
    for (const f of await tree(join(tmp.dir, 'a'))) expect(await readFile(join(tmp.dir, 'a', f), 'utf8')).not.toContain(SECRET);
  });

  it('is listed first in modelctl --help', async () => {
    const res = await run(['--help'], { cwd: tmp.dir });
    expect(res.stdout).toMatch(/Commands:\n\s+init\s/);
  });
});
