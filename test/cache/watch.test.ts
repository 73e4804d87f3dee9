// `validate --watch` keeps the catalog in memory (src/watch-load.ts) and must
// never answer otherwise than a fresh `validate`. In process: after the first
// run and after every edit, checkWatched gives the diagnostics checkCatalog
// gives over the same files, and the text report (code frames from the kept,
// masked texts) is the same bytes. Edits: seeded mutations of every file of
// every example and golden catalog, files added and removed, a non-Model
// resource changed, secrets planted under credentials. Only the changed file
// is read again. Through the real CLI: a spawned `validate --watch` reports
// edits, new files and files in new directories, and stops on SIGINT.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { checkCatalog, checkWatched, newWatchMemory } from '../../src/pipeline.js';
import { WatchedCatalog } from '../../src/watch-load.js';
import { diagnosticFormatters } from '../../src/cli/format/diagnostics.js';
import { TOOL } from '../../src/cli/command.js';
import { EXAMPLES, ROOT } from '../compile/helpers.js';
import { secretCase } from '../security/secret-cases.js';

const scratch = mkdtempSync(join(tmpdir(), 'modelctl-watch-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
function copy(from: string): string {
  const dir = join(scratch, `c${copies++}`);
  cpSync(from, dir, { recursive: true });
  return dir;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const report = (c: { diagnostics: Parameters<(typeof diagnosticFormatters)['text']>[0]; sources: ReadonlyMap<string, string> }) =>
  diagnosticFormatters.text(c.diagnostics, { sources: c.sources, color: false, tool: TOOL, failOn: 'error' });

/** A watched catalog and a check that it agrees with a fresh validate of the same directory. */
function watched(dir: string) {
  const catalog = new WatchedCatalog([dir], ROOT, {});
  const memory = newWatchMemory();
  return async (changed: string[], relist = false) => {
    const got = await checkWatched(catalog, new Set(changed), relist, memory);
    const want = await checkCatalog([dir], ROOT, {});
    expect(got.diagnostics).toEqual(want.diagnostics);
    expect(report(got)).toBe(report(want));
    return got;
  };
}

/** Seeded small edits of one line: what an admin's typing does between saves. */
function edit(text: string, seed: number): string {
  const lines = text.split('\n');
  const i = seed % Math.max(1, lines.length - 1);
  const line = lines[i] ?? '';
  switch (seed % 6) {
    case 0:
      lines[i] = line.replace(/: .*/, ': [unclosed');
      break;
    case 1:
      lines.splice(i, 0, 'colour: blue');
      break;
    case 2:
      lines[i] = `  ${line}`;
      break;
    case 3:
      lines[i] = line.replace(/\d+/, '-7');
      break;
    case 4:
      lines.splice(i, 1);
      break;
    default:
      lines[i] = line.replace(/name: (\S+)/, 'name: $1-renamed');
  }
  return lines.join('\n');
}

const CATALOGS = [...EXAMPLES.map((e) => join(ROOT, 'examples', e)), ...readdirSync(join(ROOT, 'test/golden/cases')).map((c) => join(ROOT, 'test/golden/cases', c, 'catalog'))];

describe('validate --watch answers as a fresh validate', () => {
  it.each(CATALOGS.map((c) => [relative(ROOT, c)]))('%s: first run, an edit to every file in turn, each undone', async (given) => {
    const dir = copy(join(ROOT, given));
    const check = watched(dir);
    const first = await check([]);
    const files = yamlFiles(dir);
    expect(first.readCount).toBe(files.length);
    for (const [n, file] of files.entries()) {
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, edit(original, n * 7 + copies));
      // Only the changed file is read again.
      expect((await check([file])).readCount).toBe(1);
      writeFileSync(file, original);
      await check([file]);
    }
  });

  it('files added and removed, a non-Model resource changed, a model renamed onto another', async () => {
    const dir = copy(join(ROOT, 'examples/quickstart'));
    const check = watched(dir);
    await check([]);
    const added = join(dir, 'models/extra/new-model.yaml');
    mkdirSync(dirname(added), { recursive: true });
    writeFileSync(added, readFileSync(join(dir, 'models/gpt-5.yaml'), 'utf8').replace(/^name: .*$/m, 'name: extra-model'));
    expect((await check([added], true)).readCount).toBe(1);
    // A second definition of a name: duplicate-name looks across models.
    writeFileSync(added, readFileSync(join(dir, 'models/gpt-5.yaml'), 'utf8'));
    await check([added]);
    // Providers are in every model's environment: every model is walked again.
    const providers = join(dir, 'providers.yaml');
    const text = readFileSync(providers, 'utf8');
    writeFileSync(providers, text.replace(/^name: (\S+)$/m, 'name: $1-gone'));
    await check([providers]);
    writeFileSync(providers, text);
    await check([providers]);
    unlinkSync(added);
    await check([added], true);
    // A file gone between the listing and the read (an editor's save in progress): said, not thrown.
    const gone = join(dir, 'models/gpt-5.yaml');
    const catalog = new WatchedCatalog([dir], ROOT, {});
    await checkWatched(catalog, new Set(), false, newWatchMemory());
    unlinkSync(gone);
    const r = await checkWatched(catalog, new Set([gone]), false, newWatchMemory());
    expect(r.diagnostics.find((d) => d.code === 'path-not-found')?.message).toContain('no such file or directory');
  });

  it.each(Array.from({ length: 12 }, (_, i) => [i + 1]))('secret case %i: planted under credentials, never in the report', async (seed) => {
    const c = secretCase(seed);
    const dir = join(scratch, `secret-${seed}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'clean.yaml'), 'apiVersion: modelctl/v1\nkind: Provider\nname: clean\ntype: openai\ncredentials:\n  default: { env: OPENAI_API_KEY }\n');
    const check = watched(dir);
    await check([]);
    // The secret arrives by an edit to a file already watched, and by a new file.
    const files = Object.entries(c.files).map(([path, text]) => [join(dir, path), text] as const);
    writeFileSync(join(dir, 'clean.yaml'), files[0]![1]);
    const edited = await check([join(dir, 'clean.yaml')]);
    for (const [path, text] of files) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    const both = await check(files.map(([p]) => p), true);
    for (const r of [edited, both]) for (const s of c.planted) expect(report(r)).not.toContain(s);
  });
});

/** A spawned `validate --watch TARGET`: its output so far, a bounded wait on it, and its exit. Killed when the test ends, passed or failed. */
function watchProcess(target: string) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/modelctl.js'), 'validate', '--watch', target], { env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
  const seen = { out: '', err: '' };
  child.stdout.setEncoding('utf8').on('data', (d: string) => (seen.out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (seen.err += d));
  // 'close', not 'exit': all its output has been read by then.
  const exited = new Promise<number | null>((r) => child.once('close', r));
  // A watch runs until stopped: never left running when an assertion fails.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const until = async (what: () => boolean, label: string): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (!what()) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${label}: ${seen.out}\n${seen.err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const stop = (): Promise<number | null> => (child.kill('SIGINT'), exited);
  return { seen, until, stop };
}

describe('validate --watch, the real CLI', () => {
  it('reports an edit, a new file, a file in a new directory; SIGINT stops it with the last verdict', async () => {
    const dir = copy(join(ROOT, 'examples/quickstart'));
    const { seen, until, stop } = watchProcess(dir);
    const reports = () => seen.out.match(/^\d+ errors?, \d+ warnings?$/gm)?.length ?? 0;
    await until(() => seen.err.includes('watching 5 files'), 'first run');
    expect(seen.out).toBe('0 errors, 0 warnings\n');

    const model = join(dir, 'models/claude-haiku.yaml');
    writeFileSync(model, readFileSync(model, 'utf8').replace('kind: Model\n', 'kind: Model\nbogus: 1\n'));
    await until(() => reports() >= 2, 'after the edit');
    expect(seen.out).toContain('claude-haiku.yaml:3:1  error  unknown-field');
    // Written to stderr just after the report on stdout: the two pipes arrive in either order.
    await until(() => /checked again after a change \(1 of 5 files read\)/.test(seen.err), 'the stderr line of the re-run');

    // Made at once, before any watcher can see the new directories: found by the listing that follows their watchers.
    mkdirSync(join(dir, 'models/sub/deeper'), { recursive: true });
    writeFileSync(join(dir, 'models/sub/deeper/y.yaml'), 'apiVersion: modelctl/v1\nkind: Modl\n');
    await until(() => seen.out.includes('y.yaml:2:7'), 'a file in a new directory');

    writeFileSync(model, readFileSync(model, 'utf8').replace('bogus: 1\n', ''));
    rmSync(join(dir, 'models/sub'), { recursive: true });
    await until(() => seen.out.endsWith('\n0 errors, 0 warnings\n'), 'all mended');

    expect(await stop()).toBe(0);
  }, 60_000);

  it('a single file given, saved the way editors and sed -i do (a new file renamed over it), twice', async () => {
    const dir = copy(join(ROOT, 'examples/quickstart'));
    const file = join(dir, 'providers.yaml');
    const { seen, until, stop } = watchProcess(file);
    await until(() => seen.err.includes('watching 1 files'), 'first run');
    const original = readFileSync(file, 'utf8');
    const saveByRename = (text: string) => {
      writeFileSync(`${file}.tmp-save`, text);
      renameSync(`${file}.tmp-save`, file);
    };
    saveByRename(original.replace('kind: Provider\n', 'kind: Provider\nbogus: 1\n'));
    await until(() => seen.out.includes("unknown field 'bogus'"), 'the first save');
    saveByRename(original);
    await until(() => seen.out.endsWith('\n0 errors, 0 warnings\n'), 'the second save');
    expect(await stop()).toBe(0);
    expect(seen.err).not.toMatch(/Error|ENOTDIR/);
  }, 60_000);

  it('the directory given removed and put back (a branch switch): said, then watched again', async () => {
    const dir = copy(join(ROOT, 'examples/quickstart'));
    const { seen, until, stop } = watchProcess(dir);
    await until(() => seen.err.includes('watching 5 files'), 'first run');
    rmSync(dir, { recursive: true });
    await until(() => seen.out.includes('path-not-found'), 'removed');
    cpSync(join(ROOT, 'examples/quickstart'), dir, { recursive: true });
    await until(() => seen.out.endsWith('\n0 errors, 0 warnings\n'), 'put back');
    const model = join(dir, 'models/gpt-5.yaml');
    writeFileSync(model, readFileSync(model, 'utf8').replace('kind: Model\n', 'kind: Model\nbogus: 1\n'));
    await until(() => seen.out.includes("gpt-5.yaml:3:1  error  unknown-field"), 'an edit after');
    expect(await stop()).toBe(1);
  }, 60_000);

  it('refuses --cache and stdin: usage errors', async () => {
    for (const args of [['--cache', join(scratch, 'c')], ['-']]) {
      const child = spawn(process.execPath, [join(ROOT, 'bin/modelctl.js'), 'validate', '--watch', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      expect(await new Promise((r) => child.once('exit', r))).toBe(64);
      expect(err).toMatch(/--watch/);
    }
  });
});
