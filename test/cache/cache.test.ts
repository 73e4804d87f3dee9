// `--cache DIR` (src/load/cache.ts) must never change a result. Through the
// real CLI entry point: every example, every golden case, every diagnostic row
// (errors of every kind), secret fuzz cases and seeded mutations of the
// examples print the same bytes on stdout and stderr, with the same exit code,
// without a cache, with an empty one, with a warm one and with a damaged one.
// The cache never holds a secret, is keyed by the path as shown and by the
// content, and one that cannot be written costs only a note on stderr.
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIO, EXAMPLES, ROOT } from '../compile/helpers.js';
import { allRows } from '../diagnostics/rows/index.js';
import { secretCase } from '../security/secret-cases.js';
import { mutations } from '../load/yaml-corpus.js';

const scratch = mkdtempSync(join(tmpdir(), 'modelctl-cache-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], cwd = ROOT): Promise<Run> {
  const io = captureIO(cwd, { NO_COLOR: '1' });
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

let dirs = 0;
/** Writes `files` (path → text or bytes) into a fresh folder under scratch; returns its path relative to ROOT. */
function writeCatalog(files: Record<string, string | Uint8Array>): string {
  const dir = join(scratch, `c${dirs++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return relative(ROOT, dir);
}

/** Every file under `dir`, as one string per file (for grepping the cache). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(readFileSync(p, 'latin1'), readFileSync(p, 'utf8'));
  }
  return out;
}

const FORMATS = ['text', 'json', 'github', 'sarif', 'junit'] as const;

/**
 * The same command without a cache, with an empty cache, warm, and warm again:
 * identical output every time. Returns the cache folder.
 */
async function expectSameWithCache(args: string[], label: string): Promise<string> {
  const cache = join(scratch, `cache${dirs++}`);
  const plain = await run(args);
  for (const round of ['cold', 'warm', 'warm again']) {
    const cached = await run([...args, '--cache', cache]);
    expect(cached, `${label} (${round} cache)`).toEqual(plain);
  }
  return cache;
}

describe('cached and uncached runs print the same bytes', () => {
  it('every example: validate in every format, and compile to stdout', { timeout: 300_000 }, async () => {
    for (const name of EXAMPLES) {
      for (const format of FORMATS) await expectSameWithCache(['validate', `examples/${name}`, '--format', format], `${name} ${format}`);
      await expectSameWithCache(['compile', `examples/${name}`, '-o', '-'], `${name} compile`);
    }
  });

  it('every golden case, in text, json and sarif', { timeout: 300_000 }, async () => {
    const cases = readdirSync(join(ROOT, 'test/golden/cases'));
    expect(cases.length).toBeGreaterThan(3);
    for (const c of cases) for (const format of ['text', 'json', 'sarif']) await expectSameWithCache(['validate', `test/golden/cases/${c}/catalog`, '--format', format], `golden ${c} ${format}`);
  });

  it('every diagnostic row (YAML, schema, secret, reference, rule and file errors)', { timeout: 300_000 }, async () => {
    let withErrors = 0;
    for (const row of allRows) {
      const dir = writeCatalog(row.files);
      const cache = await expectSameWithCache(['validate', dir, '--format', 'json'], row.name);
      if ((await run(['validate', dir])).code !== 0) withErrors++;
      // Twice more in text, from the warm cache: code frames come from re-read files.
      expect(await run(['validate', dir, '--cache', cache]), row.name).toEqual(await run(['validate', dir]));
    }
    expect(withErrors).toBeGreaterThan(50);
  });

  it('250 secret fuzz cases and 250 mutations of the examples', { timeout: 300_000 }, async () => {
    for (let seed = 1; seed <= 250; seed++) {
      const dir = writeCatalog(secretCase(seed).files);
      await expectSameWithCache(['validate', dir, '--format', 'json'], `secret case ${seed}`);
    }
    const exampleFiles = EXAMPLES.flatMap((name) => listYaml(join(ROOT, 'examples', name)).map((f) => ({ name: relative(ROOT, f), text: readFileSync(f, 'utf8') })));
    const mutated = mutations(exampleFiles, 250, 0xcac4e);
    for (const m of mutated) {
      // The mutated file beside the rest of its example, as a catalog.
      const example = m.name.split(' ')[3]!.split('/').slice(0, 2).join('/');
      const dir = join(scratch, `m${dirs++}`);
      cpSync(join(ROOT, example), dir, { recursive: true });
      writeFileSync(join(dir, relative(join(ROOT, example), join(ROOT, m.name.split(' ')[3]!))), m.text);
      await expectSameWithCache(['validate', relative(ROOT, dir), '--format', 'json'], m.name);
    }
  });
});

function listYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listYaml(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

const PLANTED = 'sk-ant-api03-PLANTEDSECRETVALUE0123456789abcdef';
const MARKER = 'PlainMarkerWordThatIsNotSecret';

describe('what the cache holds', () => {
  it('never a secret: not a credentials value, not a secret-shaped string, not a masked comment; plain files are there', async () => {
    const dir = writeCatalog({
      'providers.yaml': `apiVersion: modelctl/v1\nkind: Provider\nname: anthropic\ntype: anthropic\ncredentials:\n  default: ${PLANTED}\n  batch: { env: ANTHROPIC_BATCH_ENV_NAME }\n`,
      'models/a.yaml': `apiVersion: modelctl/v1\nkind: Model\nname: a\ndescription: ${MARKER} and a key ${PLANTED}x\nsources:\n  - { provider: anthropic, model: claude-sonnet-4-5 }\n`,
      'models/b.yaml': `apiVersion: modelctl/v1\nkind: Model\nname: b\ndescription: ${MARKER}\n# old key: ${PLANTED}\nsources:\n  - { provider: anthropic, model: claude-sonnet-4-5 }\n`,
      'models/c.yaml': `apiVersion: modelctl/v1\nkind: Model\nname: c\ndescription: ${MARKER}-c\nsources:\n  - { provider: anthropic, model: claude-sonnet-4-5 }\n`,
    });
    const cache = await expectSameWithCache(['validate', dir, '--format', 'json'], 'planted secret');
    const stored = filesUnder(cache);
    expect(stored.length).toBeGreaterThan(0);
    for (const text of stored) {
      expect(text).not.toContain('PLANTEDSECRETVALUE');
      expect(text).not.toContain('ANTHROPIC_BATCH_ENV_NAME'); // not even a reference under credentials
    }
    // The grep can find what is there: the plain model file was cached.
    expect(stored.some((t) => t.includes(`${MARKER}-c`))).toBe(true);
  });

  it('is keyed by the path as shown: the same file under another name is not reused for it', async () => {
    const text = 'apiVersion: modelctl/v1\nkind: Group\nname: eng\ncolour: blue\n';
    const dir = writeCatalog({ 'a/g.yaml': text });
    const cache = join(scratch, `cache${dirs++}`);
    await run(['validate', dir, '--cache', cache]);
    // Same bytes, new path: the diagnostic must name the new path.
    cpSync(join(ROOT, dir, 'a'), join(ROOT, dir, 'b'), { recursive: true });
    rmSync(join(ROOT, dir, 'a'), { recursive: true });
    const cached = await run(['validate', dir, '--cache', cache, '--format', 'json']);
    expect(cached).toEqual(await run(['validate', dir, '--format', 'json']));
    expect(cached.stdout).toContain('b/g.yaml');
    expect(cached.stdout).not.toContain('a/g.yaml');
  });

  it('is keyed by content: a changed file is read again, the others come from the cache', async () => {
    const dir = writeCatalog({ 'g.yaml': 'apiVersion: modelctl/v1\nkind: Group\nname: eng\n', 'h.yaml': 'apiVersion: modelctl/v1\nkind: Group\nname: ops\n' });
    const cache = join(scratch, `cache${dirs++}`);
    await run(['validate', dir, '--cache', cache]);
    writeFileSync(join(ROOT, dir, 'g.yaml'), 'apiVersion: modelctl/v1\nkind: Group\nname: eng\ncolour: blue\n');
    const cached = await run(['validate', dir, '--cache', cache]);
    expect(cached.code).toBe(1);
    expect(cached).toEqual(await run(['validate', dir]));
  });
});

/** The cache files for one cache folder. */
function cacheFiles(cache: string): string[] {
  const dir = join(cache, 'modelctl-cache');
  return readdirSync(dir).map((f) => join(dir, f));
}

describe('a damaged or foreign cache is ignored and rewritten', () => {
  const damages: [string, (bytes: Buffer) => Buffer][] = [
    ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2))],
    ['a byte of the body flipped', (b) => Buffer.concat([b.subarray(0, b.length - 10), Buffer.from([b[b.length - 10]! ^ 0x55]), b.subarray(b.length - 9)])],
    ['garbage', () => Buffer.from('not a cache at all\n{"format":2}\n[[1,2]]')],
    ['empty', () => Buffer.alloc(0)],
    ['another version', (b) => Buffer.from(b.toString('latin1').replace(/"code":"[^"]*"/, '"code":"another-build"'), 'latin1')],
  ];

  for (const [name, damage] of damages)
    it(`${name}: the index or any segment`, async () => {
      for (const command of [['validate', 'test/golden/cases/schema-errors/catalog', '--format', 'json'], ['compile', 'examples/quickstart', '-o', '-']]) {
        const cache = await expectSameWithCache(command, 'before damage');
        const plain = await run(command);
        for (const file of cacheFiles(cache)) {
          if (!existsSync(file)) continue;
          const good = readFileSync(file);
          const bad = damage(good);
          writeFileSync(file, bad);
          expect(await run([...command, '--cache', cache]), `${name} ${file}`).toEqual(plain);
          // A damaged index is rewritten; a damaged segment is dropped once a run needs a piece of it (until then it costs nothing).
          if (!bad.equals(good) && file.endsWith('.index')) for (const f of cacheFiles(cache)) expect(readFileSync(f).equals(bad), f).toBe(false);
          expect(await run([...command, '--cache', cache])).toEqual(plain);
        }
      }
    });

  it('records of the wrong shape are refused one by one (a well-formed index around them)', async () => {
    const dir = writeCatalog({
      'g.yaml': 'apiVersion: modelctl/v1\nkind: Group\nname: eng\ncolour: blue\n',
      'h.yaml': 'apiVersion: modelctl/v1\nkind: Group\nname: ops\n',
      'm.yaml': 'apiVersion: modelctl/v1\nkind: Model\nname: m\ncapabilities: [text]\nsources: []\n',
    });
    const args = ['validate', dir, '--format', 'json'];
    const cache = await expectSameWithCache(args, 'before forging');
    const index = cacheFiles(cache).find((f) => f.endsWith('.index'))!;
    const raw = readFileSync(index);
    const eol = raw.indexOf(10, 'modelctl-cache\n'.length);
    const header = JSON.parse(raw.subarray('modelctl-cache\n'.length, eol).toString()) as { bytes: number; sha256: string };
    type Row = [string, ...unknown[]];
    const body = JSON.parse(raw.subarray(eol + 1).toString()) as { files: Row[] };
    const docOf = (rows: Row[], file: string) => rows.find((r) => r[0].endsWith(file))![10] as Record<string, unknown>;
    const forgeries: ((rows: Row[]) => void)[] = [
      (rows) => (docOf(rows, 'g.yaml').g = [{ file: 'elsewhere.yaml', code: 'unknown-field', line: 1 }]),
      (rows) => ((docOf(rows, 'g.yaml').g as { code: string }[]).forEach((d) => (d.code = 'no-such-code'))),
      (rows) => (docOf(rows, 'h.yaml').e = { extra: 'polluted' }),
      (rows) => (docOf(rows, 'm.yaml').rd = [{ file: 'm.yaml', code: 'no-such-code' }]),
      (rows) => (docOf(rows, 'm.yaml').k = 7),
      (rows) => rows.forEach((r) => (r[1] = 'big')),
      (rows) => rows.forEach((r) => (r[7] = 99)),
    ];
    const { hash } = await import('node:crypto');
    for (const forge of forgeries) {
      const copy = JSON.parse(JSON.stringify(body)) as typeof body;
      forge(copy.files);
      const text = Buffer.from(JSON.stringify(copy).replace('"extra":"polluted"', '"__proto__":{"polluted":true}'));
      const head = { ...header, bytes: text.length, sha256: hash('sha256', text, 'base64') };
      writeFileSync(index, Buffer.concat([raw.subarray(0, 'modelctl-cache\n'.length), Buffer.from(JSON.stringify(head) + '\n'), text]));
      expect(await run([...args, '--cache', cache])).toEqual(await run(args));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('a cache folder that cannot be written: the same output, and a note on stderr', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: make the cache path a file instead.
      const blocker = join(scratch, `blocker${dirs++}`);
      writeFileSync(blocker, 'a file, not a folder');
      const args = ['validate', 'examples/quickstart'];
      const plain = await run(args);
      const cached = await run([...args, '--cache', blocker]);
      expect({ code: cached.code, stdout: cached.stdout }).toEqual({ code: plain.code, stdout: plain.stdout });
      expect(cached.stderr).toMatch(/the cache in .* could not be written .*results are unaffected/);
      return;
    }
    const cache = join(scratch, `ro${dirs++}`);
    mkdirSync(cache);
    chmodSync(cache, 0o500);
    const cached = await run(['validate', 'examples/quickstart', '--cache', cache]);
    expect(cached.stdout).toBe((await run(['validate', 'examples/quickstart'])).stdout);
    expect(cached.stderr).toMatch(/could not be written/);
    expect(statSync(cache).isDirectory()).toBe(true);
  });

  it('--cache without a folder is a usage error', async () => {
    expect((await run(['validate', 'examples/quickstart', '--cache', ''])).code).toBe(64);
  });
});
