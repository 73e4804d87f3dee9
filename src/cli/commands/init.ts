// `modelctl init [DIR]`: scaffolds a catalog repository — a small valid
// catalog, a package.json that pins this modelctl, editor settings, the CI
// workflow (docs/catalog-repo-workflow.yml, byte for byte), .gitignore and a
// README. It never overwrites a file unless --force, and then only regular
// files; every write goes through the one durable writer.
import { readFile, lstat, mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { writeFileDurable } from '../../io/durable-write.js';
import { PACKAGE_ROOT } from '../../io/package-root.js';
import { str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { UsageError, type CliIO } from '../io.js';

/** The package root: src/cli/commands and dist/cli/commands are both three levels below it. */

/** The one source of the catalog repository's workflow (also the documented sample). */
export const WORKFLOW_SOURCE = join(PACKAGE_ROOT, 'docs', 'catalog-repo-workflow.yml');
export const TEMPLATE_DIR = join(PACKAGE_ROOT, 'templates', 'init');

/** The editor mapping: every document of every catalog file gets the catalog schema. */
export const SCHEMA_PATH = './node_modules/modelctl/schema/catalog.schema.json';
export const SCHEMA_GLOBS = ['catalog/**/*.yaml', 'catalog/**/*.yml'];

export const ALLOW_DESTROY_LABEL = 'modelctl:allow-destroy';
export const PLAN_MARKER = '<!-- modelctl-plan';

/** The files init writes, relative to DIR, in the order they are reported. */
export const INIT_FILES = [
  'catalog/providers.yaml',
  'catalog/models.yaml',
  'catalog/settings.yaml',
  'package.json',
  '.vscode/settings.json',
  '.vscode/extensions.json',
  '.github/workflows/modelctl.yml',
  '.gitignore',
  'README.md',
] as const;

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('the modelctl package.json has no version');
  return pkg.version;
}

const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const GIT = /^(?:git\+https:\/\/|git\+ssh:\/\/|github:|gitlab:|bitbucket:)\S+$/;
const TARBALL_URL = /^https:\/\/\S+\.(?:tgz|tar\.gz)$/;
const TARBALL_PATH = /\.(?:tgz|tar\.gz)$/;

export interface DependencySpec {
  /** What goes into package.json's devDependencies.modelctl. */
  spec: string;
  /** A caution for stderr, if any. */
  note?: string;
}

/**
 * `--from SPEC` → the devDependency spec. Accepted: an exact version, a
 * tarball (a local .tgz path or `file:` path that exists, or an https URL),
 * or a git URL (git+https, git+ssh, github:/gitlab:/bitbucket:). Refused:
 * ranges and tags (they pin nothing), plain http and git:// (unauthenticated),
 * and anything with whitespace or control characters.
 */
export async function dependencySpec(from: string | undefined, dir: string, cwd: string): Promise<DependencySpec> {
  if (from === undefined) {
    const version = await packageVersion();
    return {
      spec: version,
      note:
        `package.json pins modelctl ${version} from the npm registry. Until that version is published there, ` +
        `run init with --from PATH.tgz (npm pack) or --from git+https://…#COMMIT instead.`,
    };
  }
  // eslint-disable-next-line no-control-regex
  if (from === '' || /[\s\u0000-\u001f\u007f]/.test(from)) throw new UsageError('--from must be one word: a version, a tarball path or URL, or a git URL');
  if (EXACT_VERSION.test(from)) return { spec: from };
  if (/^(?:http:|git:)/i.test(from)) throw new UsageError(`--from ${from}: use https (or git+https/git+ssh); an unauthenticated download could be swapped in transit`);
  if (GIT.test(from)) {
    return from.includes('#') ? { spec: from } : { spec: from, note: `--from ${from} names no commit or tag (#…): the first install pins whatever the default branch is then (package-lock.json records it).` };
  }
  if (TARBALL_URL.test(from)) return { spec: from };
  const path = from.startsWith('file:') ? from.slice('file:'.length) : from;
  if (from.startsWith('file:') || TARBALL_PATH.test(from) || path.startsWith('.') || path.startsWith('/')) {
    if (!TARBALL_PATH.test(path)) throw new UsageError(`--from ${from}: a local package must be a tarball (.tgz, from 'npm pack')`);
    const abs = resolve(cwd, path);
    const info = await stat(abs).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`--from ${from}: no such tarball`);
    const rel = relative(dir, abs).split(sep).join('/');
    return { spec: `file:${rel.startsWith('.') ? rel : `./${rel}`}` };
  }
  throw new UsageError(
    `--from ${from} is not a pinned package: give an exact version (1.2.3), a tarball (./modelctl-1.2.3.tgz or https://…/modelctl-1.2.3.tgz) or a git URL (git+https://…#COMMIT, github:owner/repo#TAG)`,
  );
}

/** A valid npm package name from the directory name. */
function packageName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+/, '')
    .slice(0, 200);
  return name || 'model-catalog';
}

async function template(path: string): Promise<string> {
  return readFile(join(TEMPLATE_DIR, path), 'utf8');
}

/** Every file init writes, with its contents. */
export async function scaffold(dir: string, spec: string): Promise<Map<string, string>> {
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
  const files = new Map<string, string>();
  for (const f of ['catalog/providers.yaml', 'catalog/models.yaml', 'catalog/settings.yaml']) files.set(f, await template(f));
  files.set(
    'package.json',
    json({
      name: packageName(dir),
      private: true,
      description: 'Model catalog, managed with modelctl',
      scripts: { validate: 'modelctl validate catalog' },
      engines: { node: '>=20.18.1' },
      devDependencies: { modelctl: spec },
    }),
  );
  files.set('.vscode/settings.json', json({ 'yaml.schemas': { [SCHEMA_PATH]: SCHEMA_GLOBS } }));
  files.set('.vscode/extensions.json', json({ recommendations: ['redhat.vscode-yaml'] }));
  files.set('.github/workflows/modelctl.yml', await readFile(WORKFLOW_SOURCE, 'utf8'));
  files.set('.gitignore', ['node_modules/', '# plans and snapshots made locally or in CI', 'plan.json', 'plan.md', '*.plan.json', 'snapshot.json', ''].join('\n'));
  files.set('README.md', await template('README.md'));
  return files;
}

type Existing = { path: string; regular: boolean };

/** What is already at each path (and each parent directory that is not a directory). */
async function survey(dir: string, paths: readonly string[]): Promise<{ existing: Existing[]; blocked: string[] }> {
  const existing: Existing[] = [];
  const blocked = new Set<string>();
  for (const rel of paths) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const info = await lstat(join(dir, parent)).catch(() => null);
      if (info && !info.isDirectory()) blocked.add(`${parent} (${info.isSymbolicLink() ? 'a symbolic link' : 'not a directory'})`);
    }
    const info = await lstat(join(dir, rel)).catch(() => null);
    if (info) existing.push({ path: rel, regular: info.isFile() });
  }
  return { existing, blocked: [...blocked] };
}

export const initCommand: Command = {
  name: 'init',
  usage: `Usage: modelctl init [DIR] [--from SPEC] [--force]

Writes a catalog repository into DIR (default: .):
  catalog/                        a small valid catalog: one provider, two models, Settings
  package.json                    pins modelctl as a devDependency, so 'npm ci' installs it
  .vscode/settings.json           maps catalog/**/*.yaml and *.yml to modelctl's JSON Schema
  .vscode/extensions.json         recommends the YAML extension (redhat.vscode-yaml)
  .github/workflows/modelctl.yml  validate and plan on pull requests, apply on merge
  .gitignore, README.md

Nothing is overwritten: if any of these files exists, init names them, writes
nothing and exits 3, unless --force is given (which still never writes
through a symbolic link or over something that is not a regular file).

Options:
  --from SPEC   what package.json installs modelctl from. Default: this modelctl's
                exact version, from the npm registry. Or a tarball (./modelctl-X.Y.Z.tgz
                from 'npm pack', or an https URL), a git URL (git+https://…#COMMIT,
                github:owner/repo#TAG) or another exact version. Ranges and tags are
                refused: they pin nothing.
  --force       overwrite existing files
  -h, --help    show this help

Exit codes: 0 written, 1 failure, 3 refused (files exist), 64 usage error.`,
  options: { force: { type: 'boolean' }, from: { type: 'string' } },
  async run(values, positionals, io) {
    if (positionals.length > 1) throw new UsageError('give at most one directory');
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    const dirInfo = await stat(dir).catch(() => null);
    if (dirInfo && !dirInfo.isDirectory()) throw new UsageError(`${positionals[0]} is not a directory`);
    const { spec, note } = await dependencySpec(str(values.from), dir, io.cwd);
    const files = await scaffold(dir, spec);
    const paths = [...files.keys()];
    const { existing, blocked } = await survey(dir, paths);
    const irregular = existing.filter((e) => !e.regular).map((e) => `${e.path} (not a regular file)`);
    if (blocked.length || irregular.length) {
      io.stderr.write(`modelctl init: refused, nothing written: these paths are in the way (init never writes through them):\n${[...blocked, ...irregular].map((p) => `  ${p}\n`).join('')}`);
      return EXIT.refused;
    }
    if (existing.length && !values.force) {
      io.stderr.write(
        `modelctl init: refused, nothing written: these files exist already:\n${existing.map((e) => `  ${e.path}\n`).join('')}` +
          `Pass --force to overwrite them, or run init in an empty directory.\n`,
      );
      return EXIT.refused;
    }
    for (const rel of paths) {
      const path = join(dir, rel);
      await mkdir(dirname(path), { recursive: true });
      await writeFileDurable(path, files.get(rel)!);
    }
    const overwritten = new Set(existing.map((e) => e.path));
    const shown = relative(io.cwd, dir) || '.';
    io.stdout.write(paths.map((p) => `${overwritten.has(p) ? 'overwrote' : 'created  '} ${join(shown, p)}\n`).join(''));
    if (note) io.stderr.write(`note: ${note}\n`);
    io.stdout.write(
      `\nNext:\n` +
        (shown === '.' ? '' : `  cd ${shown}\n`) +
        `  npm install                          # installs the pinned modelctl; commit package-lock.json\n` +
        `  npx --no-install modelctl validate   # 0 errors, 0 warnings\n` +
        `  npx --no-install modelctl plan catalog --target https://models.example.internal\n` +
        `Then set MODELCTL_URL and MODELCTL_ADMIN_TOKEN for the workflow (see README.md).\n`,
    );
    return EXIT.ok;
  },
};
