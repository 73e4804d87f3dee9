// The fast YAML reader against the `yaml` package. Wherever fast-yaml accepts
// a text, `yaml` (with the loader's options) must read it without an error or a
// warning, as the same number of documents with the same values: same types,
// -0 and NaN included, keys in the same order. And through the whole loader,
// the fast path must change nothing: same documents, diagnostics (positions
// included), masked display text, and schema diagnostics located through the
// lazily re-parsed source maps.
import { describe, expect, it } from 'vitest';
import { isScalar, parseAllDocuments, type Document } from 'yaml';
import { fastParseAll, resolvePlain } from '../../src/load/fast-yaml.js';
import { parseSource, type ParseResult } from '../../src/load/parse.js';
import { hasSecretShape, scanForSecrets } from '../../src/load/secret-patterns.js';
import { LineIndex } from '../../src/load/line-index.js';
import { validateDocuments } from '../../src/validate/index.js';
import { generatedCatalogs, mutations, randomDocuments, repositoryYaml, SCALARS, secretCases, type CorpusText } from './yaml-corpus.js';

/** The loader's parse options (src/load/parse.ts). */
const OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, resolveKnownTags: false, logLevel: 'error' } as const;

/** A value written out so that every difference shows: types, -0, NaN, key order. */
function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Object.is(v, -0) ? 'num:-0' : `num:${String(v)}`;
  if (typeof v === 'string') return `str:${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `bool:${v}`;
  if (Array.isArray(v)) return `[${v.map(describeValue).join(',')}]`;
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${describeValue((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return `other:${typeof v}:${String(v)}`;
}

const bytes = (text: string): Buffer => Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8');

/** As the loader decides it (src/load/parse.ts): `---` alone, or only comments. */
const isEmptyDocument = (doc: Document.Parsed): boolean => doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && doc.contents.source === '');

/**
 * Compares fast-yaml with yaml on one text; returns whether fast-yaml accepted
 * it. With `credentials` read like any key, as the loader asks for files whose
 * credentials it then checks are references.
 */
function compare(c: CorpusText): boolean {
  const fast = fastParseAll(bytes(c.text), { credentials: true });
  if (fast === undefined) return false;
  const docs = parseAllDocuments(c.text.charCodeAt(0) === 0xfeff ? c.text.slice(1) : c.text, OPTIONS);
  const list = Array.isArray(docs) ? [...docs] : [];
  // A last `---` with nothing after it is an empty document, which the loader skips and fast-yaml leaves out.
  if (list.length > 1 && isEmptyDocument(list[list.length - 1]!)) list.pop();
  const problems = list.flatMap((d) => [...d.errors, ...d.warnings].map((e) => `${e.code}: ${e.message}`));
  expect(problems, `${c.name}: fast-yaml accepted a text yaml reports problems in:\n${c.text}`).toEqual([]);
  expect(fast.map(describeValue), `${c.name}:\n${c.text}`).toEqual(list.map((d) => describeValue(d.toJS())));
  return true;
}

function compareAll(texts: readonly CorpusText[]): number {
  let accepted = 0;
  for (const c of texts) if (compare(c)) accepted++;
  return accepted;
}

describe('resolvePlain: the core schema, as yaml resolves it', () => {
  it('gives the type and value yaml gives for every scalar of the table, as a value, a flow item and a key', () => {
    let accepted = 0;
    for (const s of SCALARS)
      for (const text of [`k: ${s}\n`, `k: [${s}]\n`, `k: { x: ${s} }\n`, `${s}: v\n`]) if (compare({ name: JSON.stringify(text), text })) accepted++;
    expect(accepted).toBeGreaterThan(SCALARS.length);
    // YAML 1.2 core: no yes/no booleans, no 0777 octals, no timestamps.
    expect([resolvePlain('yes'), resolvePlain('no'), resolvePlain('on'), resolvePlain('0777'), resolvePlain('0o17'), resolvePlain('2025-01-01')]).toEqual(['yes', 'no', 'on', 777, 15, '2025-01-01']);
  });
});

describe('fast-yaml against yaml', () => {
  it('every YAML file of the repository', { timeout: 180_000 }, () => {
    const texts = repositoryYaml();
    const accepted = compareAll(texts);
    expect(texts.length).toBeGreaterThan(100);
    // The examples, the registry and most fixtures are plain catalogs: most go the fast way.
    expect(accepted).toBeGreaterThan(texts.length / 2);
  });

  it('generated catalogs: every file goes the fast way', { timeout: 180_000 }, () => {
    const texts = generatedCatalogs();
    const accepted = compareAll(texts);
    expect(accepted).toBe(texts.length);
    // Unless asked, a credentials key is left to yaml: providers.yaml holds one.
    const refused = texts.filter((c) => fastParseAll(bytes(c.text)) === undefined).map((c) => c.name);
    expect(refused).toEqual(['generated/one/providers.yaml', 'generated/seven/providers.yaml'].filter((n) => texts.some((t) => t.name === n)));
  });

  it('the secret fuzz corpus (3,000 cases)', { timeout: 180_000 }, () => {
    compareAll(secretCases(3000));
  });

  it('12,000 seeded mutations of the repository files', { timeout: 180_000 }, () => {
    const accepted = compareAll(mutations(repositoryYaml(), 12_000, 0x5eed));
    console.log(`fast-yaml: accepted ${accepted} of 12,000 mutations`);
    expect(accepted).toBeGreaterThan(1000);
  });

  it('20,000 seeded random documents in every style', { timeout: 180_000 }, () => {
    const accepted = compareAll(randomDocuments(20_000, 0xfa57));
    console.log(`fast-yaml: accepted ${accepted} of 20,000 random documents`);
    expect(accepted).toBeGreaterThan(4000);
  });

  it('refuses what it leaves to yaml', () => {
    const refused = [
      'a: &x 1\nb: *x\n',
      'a: !tag x\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\na: 2\n',
      'a: b\n  c\n',
      'a: "b\n  c"\n',
      'a:\tb\n',
      'a: b\r\n',
      '1: a\n',
      'true: a\n',
      'credentials: x\n',
      '"cred\\u0065ntials": x\n',
      'a:\n  credentials: { default: { env: X } }\n',
      '__proto__: x\n',
      '<<: x\n',
      '---\n---\na: 1\n',
      'a: [1,\n  2]\n',
      '- a\n',
      'a: |+\n  x\n',
      '? a\n: b\n',
      'a: \u0085\n',
      '',
      '# only a comment\n',
    ];
    for (const text of refused) expect(fastParseAll(Buffer.from(text)), JSON.stringify(text)).toBeUndefined();
  });
});

/**
 * What parseSource gives, in a form that compares (functions and source maps
 * left out; what the fast path defers, the masked text and the words to scrub,
 * asked for).
 */
function snapshotOf(r: ParseResult, file: string): unknown {
  const masked = r.masked?.();
  return {
    documents: r.documents.map((d) => ({ file: d.file, index: d.index, value: describeValue(d.value), hasSecret: d.hasSecret, secretPointers: d.secretPointers, secrets: d.secrets !== undefined && !d.secrets.empty })),
    diagnostics: r.diagnostics,
    display: masked === undefined ? [...r.display] : [...r.display, [file, masked]],
  };
}

describe('the loader with and without the fast path', () => {
  // ~7,000 texts, each parsed and validated both ways: ~15 s alone, over 30 s on a loaded 2-core CI machine.
  it('same documents, diagnostics, masked text and schema diagnostics (positions from the lazy source maps)', { timeout: 180_000 }, () => {
    const texts = [...repositoryYaml(), ...generatedCatalogs().slice(0, 200), ...secretCases(600), ...mutations(repositoryYaml(), 2000, 77), ...randomDocuments(2000, 78)];
    let fastTaken = 0;
    let referencesTaken = 0;
    for (const c of texts) {
      const source = { file: 'f.yaml', text: c.text };
      const fast = parseSource(source);
      const full = parseSource(source, { fast: false });
      if (fast.masked) referencesTaken++;
      expect(snapshotOf(fast, source.file), c.name).toEqual(snapshotOf(full, source.file));
      // A message naming a word of a masked comment is scrubbed alike both ways.
      const probe = `x ${c.text.slice(0, 400)}`;
      expect(fast.documents[0]?.secrets?.scrub(probe) ?? probe, c.name).toBe(full.documents[0]?.secrets?.scrub(probe) ?? probe);
      const a = validateDocuments(fast.documents).diagnostics;
      const b = validateDocuments(full.documents).diagnostics;
      expect(a, c.name).toEqual(b);
      // Positions of every kind the rules ask for, through the lazy map.
      for (let i = 0; i < fast.documents.length; i++) {
        const f = fast.documents[i]!.map;
        const s = full.documents[i]!.map;
        expect([f.documentRange(), f.rangeOf('/name', 'key'), f.rangeOf('/sources/0/model'), f.pointerAt(5)], c.name).toEqual([s.documentRange(), s.rangeOf('/name', 'key'), s.rangeOf('/sources/0/model'), s.pointerAt(5)]);
      }
      if (fast.documents.length > 0 && full.diagnostics.length === 0 && !c.text.includes('credentials')) fastTaken++;
    }
    expect(fastTaken).toBeGreaterThan(1000);
    // Providers files whose credentials are references take the fast path too.
    expect(referencesTaken).toBeGreaterThan(20);
  });

  it('hasSecretShape says yes exactly when scanForSecrets finds something', () => {
    for (const c of [...secretCases(2000), ...repositoryYaml()]) {
      const found = scanForSecrets('f.yaml', c.text, new LineIndex(c.text)).ranges.length > 0;
      expect(hasSecretShape(c.text), c.name).toBe(found);
    }
    for (const s of ['key: sk-ant-api03-AAAAAAAAAAAAAAAAAAAA', 'u: https://user:pa55w0rd@host/x', 'k: AKIAABCDEFGHIJKLMNOP', 'Bearer abcdefghijklmnopqrstuvwxyz', 'x: -----BEGIN RSA PRIVATE KEY-----'])
      expect(hasSecretShape(s), s).toBe(true);
  });
});
