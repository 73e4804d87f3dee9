// `--cache DIR` after a change: a warm run prints what a cold run prints, byte
// for byte (validate in json and text, compile's snapshot), whatever changed:
// a file rewritten with the same size and timestamps (git's "racy" case), a
// file deleted, added or renamed, and references across files broken or
// mended by changing the file that does not hold the reference.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RACY_SLACK_MS } from '../../src/load/file-state.js';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../compile/helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'modelctl-incremental-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: string[], cwd: string) {
  const io = captureIO(cwd, { NO_COLOR: '1' });
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

const HEADER = 'apiVersion: modelctl/v1\n';
const model = (name: string, extra = '') => `${HEADER}kind: Model\nname: ${name}\ncapabilities: [text, tools]\n${extra}sources:\n  - { provider: anthropic, model: claude-sonnet-4-5 }\n`;

const BASE: Record<string, string> = {
  'providers.yaml': `${HEADER}kind: Provider\nname: anthropic\ntype: anthropic\ncredentials:\n  default: { env: ANTHROPIC_API_KEY }\n`,
  'settings.yaml': `${HEADER}kind: Settings\ndefaultModel: alpha\n`,
  'tools.yaml': `${HEADER}kind: NativeTool\nname: web-search\n`,
  'groups.yaml': `${HEADER}kind: Group\nname: eng\n---\n${HEADER}kind: EntryPointGroup\nname: chat\nentryPoints: [web]\n`,
  'tiers.yaml': `${HEADER}kind: Tier\nname: best\nentryPointGroup: chat\nmodels: [alpha, beta]\n`,
  'models/alpha.yaml': model('alpha', 'nativeTools: [web-search]\n'),
  'models/beta.yaml': model('beta', 'order: 10\n'),
  'models/gamma.yaml': model('gamma', 'order: 20\n'),
};

let n = 0;
function makeCatalog(files: Record<string, string> = BASE): { dir: string; cache: string } {
  const dir = join(scratch, `c${n++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, cache: join(scratch, `cache${n++}`) };
}

// Written once and then left alone past the racy window (ctime cannot be set back), so that the
// cached runs trust their stats and skip them: the changes below then meet both paths.
const catalogs: { dir: string; cache: string }[] = [];
beforeAll(async () => {
  for (let i = 0; i < 5; i++) catalogs.push(makeCatalog());
  await new Promise((r) => setTimeout(r, RACY_SLACK_MS + 500));
}, 30_000);
const catalog = () => catalogs.pop()!;

/** Warm (after a cold cached run, maybe) against no cache: validate json and text, compile to stdout. */
async function expectSame({ dir, cache }: { dir: string; cache: string }, label: string): Promise<void> {
  for (const args of [['validate', '.', '--format', 'json'], ['validate', '.'], ['compile', '.', '-o', '-']]) {
    const plain = await run(args, dir);
    const cached = await run([...args, '--cache', cache], dir);
    expect(cached, `${label}: ${args.join(' ')}`).toEqual(plain);
  }
}

const write = (dir: string, path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};

describe('a warm --cache after a change prints what a cold run prints', () => {
  it('a file rewritten with the same size and the same timestamps (racy)', async () => {
    const c = catalog();
    await expectSame(c, 'cold');
    const file = join(c.dir, 'models/beta.yaml');
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    const changed = text.replace('order: 10', 'order: 19');
    expect(changed.length).toBe(text.length);
    writeFileSync(file, changed);
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    await expectSame(c, 'same size and mtime');
    expect((await run(['compile', '.', '-o', '-', '--cache', c.cache], c.dir)).stdout).toContain('"order":19');
  });

  it('a file written just before a run (its stat is not trusted), then again within the same second', async () => {
    const c = catalog();
    write(c.dir, 'models/beta.yaml', model('beta', 'order: 11\n'));
    await expectSame(c, 'fresh file');
    write(c.dir, 'models/beta.yaml', model('beta', 'order: 12\n'));
    await expectSame(c, 'rewritten at once');
  });

  it('a file deleted, added, renamed', async () => {
    const c = catalog();
    await expectSame(c, 'cold');
    rmSync(join(c.dir, 'models/gamma.yaml'));
    await expectSame(c, 'deleted');
    write(c.dir, 'models/delta.yaml', model('delta', 'order: 30\n'));
    await expectSame(c, 'added');
    renameSync(join(c.dir, 'models/delta.yaml'), join(c.dir, 'models/zeta.yaml'));
    await expectSame(c, 'renamed');
    // Renamed so that it sorts first: the same name defined twice, the first definition moves.
    write(c.dir, 'models/aaa.yaml', model('beta', 'order: 40\n'));
    await expectSame(c, 'a duplicate added before the first definition');
    rmSync(join(c.dir, 'models/aaa.yaml'));
    await expectSame(c, 'the duplicate removed again');
  });

  it('references across files broken and mended by changing the other file', async () => {
    const c = catalog();
    await expectSame(c, 'cold');
    // alpha.yaml references web-search: rename the tool in tools.yaml.
    write(c.dir, 'tools.yaml', `${HEADER}kind: NativeTool\nname: web-lookup\n`);
    await expectSame(c, 'tool renamed');
    expect((await run(['validate', '.', '--cache', c.cache], c.dir)).stdout).toContain("native tool 'web-search' is not defined");
    write(c.dir, 'tools.yaml', `${HEADER}kind: NativeTool\nname: web-search\nrequires: [vision]\n`);
    await expectSame(c, 'tool back, needing a capability alpha lacks');
    write(c.dir, 'tools.yaml', BASE['tools.yaml']!);
    await expectSame(c, 'tool as it was');
    // tiers.yaml references beta: rename the model in its own file.
    write(c.dir, 'models/beta.yaml', model('beta2', 'order: 10\n'));
    await expectSame(c, 'model renamed');
    expect((await run(['validate', '.', '--cache', c.cache], c.dir)).stdout).toContain("model 'beta' is not defined");
    // settings.yaml's default model made internal in its own file.
    write(c.dir, 'models/alpha.yaml', model('alpha', 'access: internal\ntasks: [title]\nnativeTools: [web-search]\n'));
    await expectSame(c, 'default model internal');
    expect((await run(['validate', '.', '--cache', c.cache], c.dir)).stdout).toContain("default model 'alpha' is internal");
    // A provider's credentials binding removed: every model's source breaks, no model file changed.
    write(c.dir, 'providers.yaml', `${HEADER}kind: Provider\nname: anthropic\ntype: anthropic\ncredentials:\n  batch: { env: ANTHROPIC_API_KEY }\n`);
    await expectSame(c, 'binding removed');
    write(c.dir, 'providers.yaml', BASE['providers.yaml']!);
    write(c.dir, 'models/beta.yaml', BASE['models/beta.yaml']!);
    write(c.dir, 'models/alpha.yaml', BASE['models/alpha.yaml']!);
    await expectSame(c, 'all mended');
  });

  it('settings that change every compiled model (locales, defaults) and then nothing', async () => {
    const c = catalog();
    await expectSame(c, 'cold');
    write(c.dir, 'settings.yaml', `${HEADER}kind: Settings\ndefaultModel: alpha\nlocales: [de, en]\ndefaults: { pricing: { input: 1, output: 2 } }\n`);
    await expectSame(c, 'settings changed');
    await expectSame(c, 'nothing changed');
  });
});
