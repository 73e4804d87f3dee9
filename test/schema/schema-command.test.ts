// `modelctl schema`: the written set and the stdout bundle are JSON Schemas
// ajv compiles, whose $refs resolve file-relative (as yaml-language-server
// resolves them), and which judge every catalog document as modelctl does.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/load/parse.js';
import { KIND_SCHEMAS, validateDocument } from '../../src/validate/index.js';
import { run } from '../cli/capture.js';
import { tempDir } from '../server/helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCHEMA_DIR = join(ROOT, 'schema');
type Json = Record<string, any>;

let tmp: { dir: string; remove: () => Promise<void> };
beforeEach(async () => {
  tmp = await tempDir('modelctl-schema-');
});
afterEach(async () => tmp.remove());

async function filesUnder(dir: string, ext: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** Every string $ref in a schema. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  return out;
}

function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return doc;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), doc);
}

function newAjv(): Ajv {
  // The options modelctl's own validator uses (src/validate/ajv.ts).
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary(['enumDescriptions']);
  return ajv;
}

async function writtenSet(): Promise<{ dir: string; validate: ValidateFunction; files: string[] }> {
  const dir = join(tmp.dir, 'schemas');
  const res = await run(['schema', '--out', 'schemas'], tmp.dir);
  expect(res.code, res.stderr).toBe(0);
  expect(res.stdout).toBe('');
  const files = await filesUnder(dir, /\.json$/);
  const ajv = newAjv();
  for (const f of files) ajv.addSchema(JSON.parse(await readFile(join(dir, f), 'utf8')) as Json);
  const validate = ajv.getSchema('https://modelctl.dev/schema/catalog.schema.json');
  if (!validate) throw new Error('catalog.schema.json not registered');
  return { dir, validate, files };
}

async function bundle(): Promise<{ schema: Json; validate: ValidateFunction }> {
  const res = await run(['schema'], tmp.dir);
  expect(res.code, res.stderr).toBe(0);
  const schema = JSON.parse(res.stdout) as Json;
  return { schema, validate: newAjv().compile(schema) };
}

/** Every document of every file under examples/, as modelctl loads it. */
async function exampleDocuments(): Promise<{ where: string; text: string; value: unknown }[]> {
  const out: { where: string; text: string; value: unknown }[] = [];
  for (const file of await filesUnder(join(ROOT, 'examples'), /\.ya?ml$/)) {
    const text = await readFile(join(ROOT, 'examples', file), 'utf8');
    for (const doc of parseSource({ file, text }).documents) out.push({ where: `${file}#${doc.index}`, text, value: doc.value });
  }
  return out;
}

/** modelctl's schema verdict on the documents of `text`: true when validate reports no error in any. */
function modelctlAccepts(text: string): boolean {
  const parsed = parseSource({ file: 'x.yaml', text });
  return parsed.documents.every((d) => validateDocument(d).diagnostics.every((x) => x.severity !== 'error'));
}

const paths = (v: ValidateFunction) => [...new Set((v.errors ?? []).map((e) => e.instancePath))].sort();

describe('modelctl schema --out DIR', () => {
  it('writes catalog.schema.json and exactly the files it needs, each as in schema/', async () => {
    const { dir, files } = await writtenSet();
    // The entry point, every kind's schema, what they share, and the provider-options they name;
    // not the output schemas (snapshot, plan, …) nor the registry's.
    const options = (await filesUnder(join(SCHEMA_DIR, 'provider-options'), /\.schema\.json$/)).map((f) => `provider-options/${f}`);
    const expected = ['catalog.schema.json', 'common.schema.json', ...Object.values(KIND_SCHEMAS), ...options].sort();
    expect(files).toEqual(expected);
    expect(files).not.toContain('snapshot.schema.json');
    expect(files).toContain('provider-options/openai.schema.json');
    for (const f of files) expect(JSON.parse(await readFile(join(dir, f), 'utf8')), f).toEqual(JSON.parse(await readFile(join(SCHEMA_DIR, f), 'utf8')));
  });

  it('every $ref resolves relative to its file, as yaml-language-server reads them (and so does the shipped schema/)', async () => {
    const { dir, files } = await writtenSet();
    for (const base of [dir, SCHEMA_DIR]) {
      let checked = 0;
      for (const f of files) {
        const schema = JSON.parse(await readFile(join(base, f), 'utf8')) as Json;
        for (const ref of refs(schema)) {
          const [path, pointer = ''] = ref.split('#');
          const target = path ? resolve(dirname(join(base, f)), path) : join(base, f);
          expect(existsSync(target), `${f}: ${ref}`).toBe(true);
          const doc = path ? (JSON.parse(await readFile(target, 'utf8')) as Json) : schema;
          expect(atPointer(doc, pointer), `${f}: ${ref}`).toBeTypeOf('object');
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(50);
    }
  });

  it('judges every example document, and broken ones, as modelctl validate does', async () => {
    const { validate: set } = await writtenSet();
    const { validate: bundled } = await bundle();
    const docs = await exampleDocuments();
    expect(docs.length).toBeGreaterThan(50);
    for (const d of docs) {
      expect(set(d.value), `${d.where}: ${JSON.stringify(set.errors)}`).toBe(true);
      expect(bundled(d.value), `${d.where}: ${JSON.stringify(bundled.errors)}`).toBe(true);
    }
    for (const text of new Set(docs.map((d) => d.text))) expect(modelctlAccepts(text)).toBe(true);

    const provider = 'apiVersion: modelctl/v1\nkind: Provider\nname: p\ntype: openai\ncredentials: { default: { env: OPENAI_API_KEY } }\n';
    const model = 'apiVersion: modelctl/v1\nkind: Model\nname: m\nsources: [{ provider: p, model: x }]\n';
    const broken: [string, string][] = [
      ['unknown provider type', provider.replace('type: openai', 'type: opnai')],
      ['unknown Model field', `${model}contextLimt: 1000\n`],
      ['provider option of the wrong value', `${model}providerOptions: { openai: { reasoningEffort: bogus } }\n`],
      ['wrong type', `${model}contextLimit: lots\n`],
      ['missing name', model.replace('name: m\n', '')],
      ['unknown kind', model.replace('kind: Model', 'kind: Modle')],
      ['a Provider field in a Model', `${model}baseUrl: https://example.com\n`],
      ['bad name', model.replace('name: m', 'name: Not_Valid')],
    ];
    for (const [what, text] of [['valid model', model] as [string, string], ['valid provider', provider] as [string, string], ...broken]) {
      const value = parseSource({ file: 'x.yaml', text }).documents[0]!.value;
      const expected = modelctlAccepts(text);
      expect(expected, what).toBe(!broken.some(([w]) => w === what));
      expect(set(value), what).toBe(expected);
      expect(bundled(value), what).toBe(expected);
      // The bundle finds the same problems in the same places.
      expect(paths(bundled), what).toEqual(paths(set));
    }
  });

  it('replaces its own earlier output, and creates DIR with its subdirectories', async () => {
    expect((await run(['schema', '-o', 'a/b'], tmp.dir)).code).toBe(0);
    await writeFile(join(tmp.dir, 'a/b/common.schema.json'), '{}');
    const again = await run(['schema', '-o', 'a/b'], tmp.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('wrote 15 schema files to a/b');
    expect(JSON.parse(await readFile(join(tmp.dir, 'a/b/common.schema.json'), 'utf8')).$id).toBe('https://modelctl.dev/schema/common.schema.json');
  });

  it('refuses a symlink in place of a schema file, or of provider-options/, and writes nothing', async () => {
    const victim = join(tmp.dir, 'victim.json');
    await writeFile(victim, 'keep me\n');
    await mkdir(join(tmp.dir, 'out'));
    await symlink(victim, join(tmp.dir, 'out', 'model.schema.json'));
    const res = await run(['schema', '--out', 'out'], tmp.dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`refusing to write ${join(tmp.dir, 'out', 'model.schema.json')}: it is a symbolic link`);
    expect(await readFile(victim, 'utf8')).toBe('keep me\n');
    // Checked before the first write: catalog.schema.json (written first) is not there either.
    expect(await readdir(join(tmp.dir, 'out'))).toEqual(['model.schema.json']);

    await mkdir(join(tmp.dir, 'elsewhere'));
    await mkdir(join(tmp.dir, 'out2'));
    await symlink(join(tmp.dir, 'elsewhere'), join(tmp.dir, 'out2', 'provider-options'));
    const sub = await run(['schema', '--out', 'out2'], tmp.dir);
    expect(sub.code).toBe(1);
    expect(sub.stderr).toContain('provider-options: it is a symbolic link');
    expect(await readdir(join(tmp.dir, 'elsewhere'))).toEqual([]);
    expect((await lstat(join(tmp.dir, 'out2', 'provider-options'))).isSymbolicLink()).toBe(true);
  });

  it('refuses a regular file or a FIFO as DIR, and a directory in place of a schema file', async () => {
    await writeFile(join(tmp.dir, 'file'), 'x');
    const file = await run(['schema', '--out', 'file'], tmp.dir);
    expect(file.code).toBe(1);
    expect(file.stderr).toContain('it is not a directory');
    expect(await readFile(join(tmp.dir, 'file'), 'utf8')).toBe('x');

    execFileSync('mkfifo', [join(tmp.dir, 'fifo')]);
    expect((await run(['schema', '--out', 'fifo'], tmp.dir)).code).toBe(1);

    await mkdir(join(tmp.dir, 'out', 'tier.schema.json'), { recursive: true });
    const dir = await run(['schema', '--out', 'out'], tmp.dir);
    expect(dir.code).toBe(1);
    expect(dir.stderr).toContain('it is a directory');
    expect(await readdir(join(tmp.dir, 'out'))).toEqual(['tier.schema.json']);
  });
});

describe('modelctl schema (the bundle on stdout)', () => {
  it('is one self-contained draft-07 schema: only local $refs, no nested $id', async () => {
    const { schema } = await bundle();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe('https://modelctl.dev/schema/catalog.bundle.schema.json');
    const all = refs(schema);
    expect(all.length).toBeGreaterThan(50);
    for (const ref of all) {
      expect(ref.startsWith('#'), ref).toBe(true);
      expect(atPointer(schema, ref.slice(1)), ref).toBeTypeOf('object');
    }
    for (const [key, def] of Object.entries(schema.definitions as Json)) {
      expect(JSON.stringify(def), key).not.toContain('"$id"');
    }
    expect(Object.keys(schema.definitions as Json).sort()).toEqual(
      ['collection', 'common', 'entry-point-group', 'group', 'model', 'native-tool', 'provider', 'provider-options.anthropic', 'provider-options.google', 'provider-options.openai', 'provider-options.openrouter', 'provider-options.vercel-ai-gateway', 'settings', 'tier'],
    );
  });

  it('keeps the descriptions editors show', async () => {
    const { schema } = await bundle();
    const model = JSON.parse(await readFile(join(SCHEMA_DIR, 'model.schema.json'), 'utf8')) as Json;
    expect(schema.definitions.model.properties.contextLimit.description).toBe(model.properties.contextLimit.description);
    expect(schema.properties.kind.enumDescriptions).toHaveLength(8);
  });
});

describe('modelctl schema: usage', () => {
  it('--help describes both forms, with exit codes', async () => {
    const res = await run(['schema', '--help'], tmp.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Usage: modelctl schema \[--out DIR\]/);
    expect(res.stdout).toContain('Exit codes:');
    expect(res.stdout).toContain('yaml.schemas');
  });

  it.each([
    [['schema', '--bogus'], 'Unknown option'],
    [['schema', 'extra'], "unexpected argument 'extra'"],
    [['schema', '--out'], 'argument missing'],
    [['schema', '--out', ''], '--out needs a directory'],
  ])('%j is a usage error (64), and writes nothing', async (argv, message) => {
    const res = await run(argv, tmp.dir);
    expect(res.code).toBe(64);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(message);
    expect(await readdir(tmp.dir)).toEqual([]);
  });

  it('is listed in modelctl --help', async () => {
    const res = await run(['--help'], tmp.dir);
    expect(res.stdout).toMatch(/^\s+schema\s+\S/m);
  });
});
