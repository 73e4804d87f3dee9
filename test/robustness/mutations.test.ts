// Random mutations of the example catalogs through the pure pipeline
// (parseSources → validateDocuments → compile). Whatever the damage, nothing may
// throw, every diagnostic must be well-formed and located inside its file, and
// the outcome is either a valid snapshot or at least one error.
//
// Reproducible: MUTATION_SEED (default below) and MUTATIONS (default 2400) pick
// the cases; a failure message names the case so it can be replayed alone with
// MUTATION_ONLY=<index>.
import { beforeAll, describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments } from 'yaml';
import { DIAGNOSTIC_CODES, hasErrors, type Diagnostic } from '../../src/diagnostics/types.js';
import { decodeSource, parseSources, type ParseResult, type SourceFile } from '../../src/load/index.js';
import { validateDocuments } from '../../src/validate/index.js';
import { loadRegistry } from '../../src/pipeline.js';
import { validateSnapshot } from '../../src/runtime/validate-snapshot.js';
import { compile, serializeSnapshot, type Registry } from '../../src/compile/index.js';
import { EXAMPLES, int, mulberry32, pick, readExample, runPure, type PureResult, type Rng } from '../compile/helpers.js';

const SEED = Number(process.env.MUTATION_SEED ?? 0x5eed_2025);
const COUNT = Number(process.env.MUTATIONS ?? 2400);
const ONLY = process.env.MUTATION_ONLY === undefined ? undefined : Number(process.env.MUTATION_ONLY);
/** A single mutation slower than this is treated as a hang. */
const MAX_MS = 2000;

const KNOWN_CODES = new Set<string>(DIAGNOSTIC_CODES);

// Characters that upset YAML in different ways: structure, quoting, control
// characters, line breaks YAML and JS disagree on, astral and RTL text.
const NASTY = ['\t', '"', "'", ':', '[', ']', '{', '}', '\0', ',', '#', '&', '*', '!', '|', '>', '%', '@', '`', '-', '?', ' ', '\n', '\r', '\r\n', '\u2028', '\u0085', '\ufeff', '\u00e9', '\u202e', '\u{1f600}', '\u{10ffff}', '\ud800', '\\', '~', '='];

type MutationKind = 'delete-line' | 'duplicate-line' | 'swap-chars' | 'insert-char' | 'wrong-type' | 'truncate' | 'indent';
const KINDS: MutationKind[] = ['delete-line', 'duplicate-line', 'swap-chars', 'insert-char', 'wrong-type', 'truncate', 'indent'];

interface Mutated {
  kinds: MutationKind[];
  detail: string[];
  /** The new text, or the new bytes when the mutation works on bytes (truncation). */
  text?: string;
  bytes?: Uint8Array;
}

const WRONG_VALUES = ['42', '-1', '3.5', '0x1F', '1e400', '.nan', '"a string"', 'plain words here', "''", '[]', '[1, two, { three: 3 }]', '{}', '{ a: 1, b: [x] }', '~', 'null', 'true', 'no', '2025-01-01', '!!binary aGVsbG8=', '&anchor value', '*undefined_alias', '|', '>-', '"unterminated'];

/** `key: scalar`, `- key: scalar` or `- scalar` lines: where a value can be swapped for one of the wrong type. */
const SCALAR_LINE = /^(\s*(?:-\s+)?(?:[A-Za-z$][\w$.-]*:\s+)?)([^\s#][^#]*?)(\s+#.*)?$/;
const BLOCK_KEY_LINE = /^(\s*(?:-\s+)?[A-Za-z$][\w$.-]*:)\s*(#.*)?$/;

function mutateText(text: string, rng: Rng, kind: MutationKind): { text?: string; bytes?: Uint8Array; detail: string } {
  const lines = text.split('\n');
  const lineAt = () => int(rng, 0, Math.max(0, lines.length - 1));
  switch (kind) {
    case 'delete-line': {
      const i = lineAt();
      lines.splice(i, 1);
      return { text: lines.join('\n'), detail: `delete line ${i + 1}` };
    }
    case 'duplicate-line': {
      const i = lineAt();
      lines.splice(i + 1, 0, lines[i] ?? '');
      return { text: lines.join('\n'), detail: `duplicate line ${i + 1}` };
    }
    case 'swap-chars': {
      if (text.length < 2) return { text: text + 'x', detail: 'append x (too short to swap)' };
      const i = int(rng, 0, text.length - 2);
      return { text: text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2), detail: `swap chars at ${i}` };
    }
    case 'insert-char': {
      const i = int(rng, 0, text.length);
      const c = rng() < 0.8 ? pick(rng, NASTY) : String.fromCharCode(int(rng, 32, 126));
      return { text: text.slice(0, i) + c + text.slice(i), detail: `insert ${JSON.stringify(c)} at ${i}` };
    }
    case 'wrong-type': {
      const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => !/^\s*(#|$|---)/.test(l) && (SCALAR_LINE.test(l) || BLOCK_KEY_LINE.test(l)));
      if (candidates.length === 0) return mutateText(text, rng, 'insert-char');
      const [line, i] = pick(rng, candidates);
      const value = pick(rng, WRONG_VALUES);
      const block = BLOCK_KEY_LINE.exec(line);
      // A block key (`sources:`) gets a scalar, leaving its indented children orphaned.
      lines[i] = block ? `${block[1]} ${value}` : line.replace(SCALAR_LINE, (_m, head: string, _old: string, comment?: string) => `${head}${value}${comment ?? ''}`);
      return { text: lines.join('\n'), detail: `line ${i + 1}: value → ${value}` };
    }
    case 'truncate': {
      const bytes = new TextEncoder().encode(text);
      const at = int(rng, 0, bytes.length);
      return { bytes: bytes.subarray(0, at), detail: `truncate at byte ${at} of ${bytes.length}` };
    }
    case 'indent': {
      const nonEmpty = lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim() !== '');
      if (nonEmpty.length === 0) return mutateText(text, rng, 'insert-char');
      const [line, i] = pick(rng, nonEmpty);
      const op = int(rng, 0, 3);
      const indent = /^[ \t]*/.exec(line)![0];
      const n = int(rng, 1, 4);
      lines[i] = [
        ' '.repeat(n) + line,
        line.slice(Math.min(n, indent.length)),
        '\t' + line.slice(indent.length),
        indent + '\t' + line.slice(indent.length),
      ][op]!;
      return { text: lines.join('\n'), detail: `indent line ${i + 1} (op ${op}, ${n})` };
    }
  }
}

function mutate(text: string, rng: Rng): Mutated {
  // Mostly one mutation; sometimes two or three stacked, to get past the first error.
  const steps = rng() < 0.8 ? 1 : int(rng, 2, 3);
  const kinds: MutationKind[] = [];
  const detail: string[] = [];
  let current = text;
  for (let s = 0; s < steps; s++) {
    const kind = pick(rng, KINDS);
    const r = mutateText(current, rng, kind);
    kinds.push(kind);
    detail.push(r.detail);
    if (r.bytes) return { kinds, detail, bytes: r.bytes }; // truncation ends the chain: the bytes may not be text
    current = r.text!;
  }
  return { kinds, detail, text: current };
}

const PAST_EOL = 'past the end of its line:';

/**
 * yaml's LineCounter skips a line start in some error recoveries (e.g. the line
 * after a block scalar once a bad indent has put the parser in error mode), and
 * every position after it lands one line early. The loader trusts LineCounter,
 * so such files get diagnostics on the wrong line (reported bug); they are
 * recognised here so the rest of the contract is still checked on them.
 */
function lineCounterSkipsALine(text: string): boolean {
  const counter = new LineCounter();
  parseAllDocuments(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, strict: true });
  let expected = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) expected++;
  return counter.lineStarts.length < expected;
}

/** Every way a diagnostic can be malformed, as readable strings (empty when fine). */
function diagnosticProblems(d: Diagnostic, texts: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const where = `${d.code} ${d.file}:${d.line}:${d.column}`;
  if (!KNOWN_CODES.has(d.code)) problems.push(`unknown code ${JSON.stringify(d.code)}`);
  if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`${where}: severity ${JSON.stringify(d.severity)}`);
  if (typeof d.message !== 'string' || d.message.trim() === '') problems.push(`${where}: empty message`);
  if (typeof d.pointer !== 'string' || (d.pointer !== '' && !d.pointer.startsWith('/'))) problems.push(`${where}: pointer ${JSON.stringify(d.pointer)}`);
  const text = texts.get(d.file);
  if (text === undefined) {
    problems.push(`${where}: file ${JSON.stringify(d.file)} is not an input file`);
    return problems;
  }
  const lines = text.split('\n');
  const lineCount = lines.length;
  for (const [name, v] of [['line', d.line], ['column', d.column], ['endLine', d.endLine], ['endColumn', d.endColumn]] as const) {
    if (!Number.isInteger(v) || v < 1) problems.push(`${where}: ${name} ${v} is not an integer ≥ 1`);
  }
  if (d.line > lineCount + 1) problems.push(`${where}: line ${d.line} past the end (${lineCount} lines)`);
  if (d.endLine > lineCount + 1) problems.push(`${where}: endLine ${d.endLine} past the end (${lineCount} lines)`);
  if (d.endLine < d.line) problems.push(`${where}: endLine ${d.endLine} < line ${d.line}`);
  if (d.endLine === d.line && d.endColumn < d.column) problems.push(`${where}: endColumn ${d.endColumn} < column ${d.column}`);
  // A column may sit one past the last character of its line (an error at the line's end), never further.
  const width = (n: number) => (lines[n - 1] ?? '').length + 1;
  if (d.line <= lineCount && d.column > width(d.line)) problems.push(`${where}: ${PAST_EOL} column ${d.column}, line ${d.line} has ${width(d.line) - 1} chars`);
  if (d.endLine <= lineCount && d.endColumn > width(d.endLine)) problems.push(`${where}: ${PAST_EOL} endColumn ${d.endColumn}, line ${d.endLine} has ${width(d.endLine) - 1} chars`);
  for (const r of d.related ?? []) {
    if (!texts.has(r.file)) problems.push(`${where}: related file ${JSON.stringify(r.file)} is not an input file`);
    if (!Number.isInteger(r.line) || r.line < 1 || !Number.isInteger(r.column) || r.column < 1) problems.push(`${where}: related position ${r.line}:${r.column}`);
  }
  return problems;
}

interface Case {
  index: number;
  example: string;
  file: string;
  kinds: MutationKind[];
  detail: string[];
  sources: SourceFile[];
  earlier: Diagnostic[];
  texts: Map<string, string>;
}

function describeCase(c: Case): string {
  return `#${c.index} ${c.file} [${c.kinds.join('+')}] ${c.detail.join('; ')}`;
}

let registry: Registry;
const examples = new Map<string, SourceFile[]>();
/** parseSources of each unmutated file, once: parseSources is per file, so a mutation re-parses only its own file. */
const parsedOnce = new Map<string, ParseResult>();
const baselineBytes = new Map<string, string>();
/** Diagnostics put past the end of their line because LineCounter skipped a line (the reported bug). */
const wrongLine: string[] = [];

/** runPure with the untouched files' parse results reused: the same documents in the same order as parseSources(all). */
function runMutated(c: Case): PureResult {
  const documents: ParseResult['documents'] = [];
  const diagnostics: Diagnostic[] = [...c.earlier];
  for (const s of c.sources) {
    const parsed = s.file === c.file ? parseSources([s]) : parsedOnce.get(s.file)!;
    documents.push(...parsed.documents);
    diagnostics.push(...parsed.diagnostics);
  }
  const validated = validateDocuments(documents);
  const compiled = compile(validated.resources, registry);
  diagnostics.push(...validated.diagnostics, ...compiled.diagnostics);
  return {
    diagnostics,
    ...(compiled.snapshot ? { compiled: compiled.snapshot } : {}),
    ...(compiled.snapshot && !hasErrors(diagnostics) ? { snapshot: compiled.snapshot } : {}),
  };
}

beforeAll(async () => {
  const loaded = await loadRegistry();
  expect(loaded.diagnostics).toEqual([]);
  registry = loaded.registry;
  for (const name of EXAMPLES) {
    const sources = await readExample(name);
    examples.set(name, sources);
    for (const s of sources) parsedOnce.set(s.file, parseSources([s]));
  }
});

function* cases(): Generator<Case> {
  const rng = mulberry32(SEED);
  const all = [...examples.entries()].flatMap(([example, sources]) => sources.map((s) => ({ example, source: s, sources })));
  for (let index = 0; index < COUNT; index++) {
    const { example, source, sources } = pick(rng, all);
    const m = mutate(source.text, rng);
    if (ONLY !== undefined && index !== ONLY) continue;
    const earlier: Diagnostic[] = [];
    let replacement: SourceFile | undefined;
    let mutatedText = '';
    if (m.bytes) {
      // Bytes go through the same decoding a real read does (BOM, UTF-8, NUL checks).
      const decoded = decodeSource(source.file, m.bytes);
      if ('code' in decoded) earlier.push(decoded);
      else replacement = decoded;
      mutatedText = new TextDecoder().decode(m.bytes);
    } else {
      replacement = { file: source.file, text: m.text! };
      mutatedText = m.text!;
    }
    const mutatedSources = sources.flatMap((s) => (s.file === source.file ? (replacement ? [replacement] : []) : [s]));
    const texts = new Map(sources.map((s) => [s.file, s.file === source.file ? (replacement?.text ?? mutatedText) : s.text]));
    yield { index, example, file: source.file, kinds: m.kinds, detail: m.detail, sources: mutatedSources, earlier, texts };
  }
}

describe('random mutations of the examples', () => {
  it('the unmutated examples compile cleanly (the baseline the mutations start from)', () => {
    for (const [name, sources] of examples) {
      const r = runPure(sources, registry);
      expect(r.diagnostics.filter((d) => d.severity === 'error'), name).toEqual([]);
      expect(r.snapshot, name).toBeDefined();
      baselineBytes.set(name, serializeSnapshot(r.snapshot!));
    }
  });

  it(`${COUNT} seeded mutations (seed ${SEED}): no throw, located diagnostics, snapshot or error, no hang`, () => {
    const failures: string[] = [];
    const byKind = new Map<string, { n: number; snapshots: number; errors: number }>();
    let slowest = { ms: 0, name: '' };
    let total = 0;
    let ran = 0;
    for (const c of cases()) {
      ran++;
      const name = describeCase(c);
      const t0 = performance.now();
      let result: PureResult | undefined;
      try {
        result = runMutated(c);
      } catch (err) {
        failures.push(`${name}: threw ${(err as Error)?.constructor?.name}: ${String((err as Error)?.message ?? err).slice(0, 200)}`);
      }
      const ms = performance.now() - t0;
      total += ms;
      if (ms > slowest.ms) slowest = { ms, name };
      if (ms > MAX_MS) failures.push(`${name}: took ${ms.toFixed(0)} ms (limit ${MAX_MS})`);
      if (!result) continue;

      const problems = result.diagnostics.flatMap((d) => diagnosticProblems(d, c.texts));
      const misplaced = problems.filter((p) => p.includes(PAST_EOL));
      if (misplaced.length > 0 && lineCounterSkipsALine(c.texts.get(c.file)!)) wrongLine.push(...misplaced.map((p) => `${name}: ${p}`));
      else failures.push(...misplaced.map((p) => `${name}: ${p}`));
      failures.push(...problems.filter((p) => !p.includes(PAST_EOL)).map((p) => `${name}: ${p}`));
      const errors = hasErrors(result.diagnostics);
      if (!errors && !result.snapshot) failures.push(`${name}: neither a snapshot nor an error`);
      // Whatever compile() hands out must be a valid snapshot, even when an earlier stage failed.
      if (result.compiled) {
        const checked = validateSnapshot(result.compiled);
        if (!checked.ok) failures.push(`${name}: compiled snapshot fails validateSnapshot: ${checked.errors.slice(0, 3).join('; ')}`);
        try {
          serializeSnapshot(result.compiled);
        } catch (err) {
          failures.push(`${name}: serializeSnapshot threw ${(err as Error).message}`);
        }
      }
      const key = c.kinds.length > 1 ? 'stacked' : c.kinds[0]!;
      const stats = byKind.get(key) ?? { n: 0, snapshots: 0, errors: 0 };
      stats.n++;
      if (result.snapshot) stats.snapshots++;
      if (errors) stats.errors++;
      byKind.set(key, stats);
    }
    // A short report, so a run shows what the mutations reached.
    console.log(
      `${wrongLine.length} diagnostics placed on the wrong line after a LineCounter skip\n` +
      `mutations: ${ran} in ${(total / 1000).toFixed(1)} s, slowest ${slowest.ms.toFixed(1)} ms (${slowest.name})\n` +
        [...byKind].map(([k, s]) => `  ${k.padEnd(15)} ${String(s.n).padStart(5)}  errors ${String(s.errors).padStart(5)}  snapshots ${String(s.snapshots).padStart(5)}`).join('\n'),
    );
    expect(failures.slice(0, 25), `${failures.length} failures`).toEqual([]);
    if (ONLY === undefined) expect(ran).toBe(COUNT);
  }, 180_000);

  // Regression: positions once came from yaml's LineCounter, which misses line
  // starts in some error recoveries; they are computed from the text now.
  (ONLY === undefined ? it : it.skip)('every diagnostic lies within its line, also after a block scalar in a broken file', () => {
    expect(wrongLine.slice(0, 10), `${wrongLine.length} misplaced`).toEqual([]);
  });

  it('the mutations left no shared state behind: each example still compiles to the same bytes', () => {
    for (const [name, sources] of examples) {
      const r = runPure(sources, registry);
      expect(r.snapshot, name).toBeDefined();
      expect(serializeSnapshot(r.snapshot!), name).toBe(baselineBytes.get(name));
    }
  });
});
