// Texts for the differential tests of the fast YAML reader: every YAML file in
// the repository, generated catalogs, the secret fuzz cases, seeded random
// mutations of the examples, and seeded random documents written in every style
// the reader knows and many it must refuse.
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../support/random.js';
import { secretCase } from '../security/secret-cases.js';
// @ts-expect-error -- a plain ESM module of the benchmarks, without types
import { writeCatalog } from '../../bench/lib/catalog-generator.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

export interface CorpusText {
  name: string;
  text: string;
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && /\.ya?ml$/.test(e.name)) out.push(p);
  }
}

/** Every *.yaml / *.yml of examples/, models/, templates/ and test/ (fixtures, golden cases). */
export function repositoryYaml(): CorpusText[] {
  const files: string[] = [];
  for (const d of ['examples', 'models', 'templates', 'test']) walk(join(ROOT, d), files);
  return files.sort().map((f) => ({ name: relative(ROOT, f), text: readFileSync(f, 'utf8') }));
}

/** Generated benchmark catalogs: one model per file, and seven per file. */
export function generatedCatalogs(): CorpusText[] {
  const out: CorpusText[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'modelctl-yaml-corpus-'));
  try {
    for (const [name, models, perFile, seed] of [['one', 300, 1, 3], ['seven', 140, 7, 9]] as const) {
      const dir = join(scratch, name);
      writeCatalog(dir, models, { modelsPerFile: perFile, seed });
      const files: string[] = [];
      walk(dir, files);
      for (const f of files.sort()) out.push({ name: `generated/${name}/${relative(dir, f)}`, text: readFileSync(f, 'utf8') });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return out;
}

export function secretCases(count: number): CorpusText[] {
  const out: CorpusText[] = [];
  for (let seed = 1; seed <= count; seed++) for (const [file, text] of Object.entries(secretCase(seed).files)) out.push({ name: `secret-case ${seed} ${file}`, text });
  return out;
}

const NASTY = ['\t', '"', "'", ':', '[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', '%', '@', '`', '-', '?', ' ', '\n', '\r', '\\', '~', '=', '\u00e9', '\u4e2d', '\u{1f600}', '\u0085', '\u2028', '\ufeff', '---', '...', '- ', ': ', ' #'];

/** Seeded damage to real files: lines deleted, duplicated, re-indented, characters inserted. */
export function mutations(sources: readonly CorpusText[], count: number, seed: number): CorpusText[] {
  const rng = mulberry32(seed);
  const out: CorpusText[] = [];
  for (let k = 0; k < count; k++) {
    const base = pick(rng, sources);
    const lines = base.text.split('\n');
    const edits = int(rng, 1, 3);
    const detail: string[] = [];
    for (let e = 0; e < edits; e++) {
      const i = int(rng, 0, Math.max(0, lines.length - 1));
      const line = lines[i] ?? '';
      switch (int(rng, 0, 5)) {
        case 0:
          lines.splice(i, 1);
          detail.push(`del ${i}`);
          break;
        case 1:
          lines.splice(i, 0, line);
          detail.push(`dup ${i}`);
          break;
        case 2: {
          const at = int(rng, 0, line.length);
          lines[i] = line.slice(0, at) + pick(rng, NASTY) + line.slice(at);
          detail.push(`ins ${i}:${at}`);
          break;
        }
        case 3:
          lines[i] = rng() < 0.5 ? ' '.repeat(int(rng, 1, 3)) + line : line.replace(/^ {1,2}/, '');
          detail.push(`indent ${i}`);
          break;
        case 4: {
          const at = int(rng, 0, line.length);
          lines[i] = line.slice(0, at) + line.slice(at + int(rng, 1, 4));
          detail.push(`cut ${i}:${at}`);
          break;
        }
        default:
          lines[i] = line.replace(/: .*$/, `: ${pick(rng, SCALARS)}`);
          detail.push(`value ${i}`);
      }
    }
    out.push({ name: `mutation ${k} of ${base.name} (${detail.join(', ')})`, text: lines.join('\n') });
  }
  return out;
}

/** Plain scalars whose type the core schema decides, and look-alikes of other schemas. */
export const SCALARS = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO', '0777', '0o17', '0o8', '0x1F', '0X1F', '0xg', '1e3', '1E-3', '1.', '.5', '-.5', '+.5', '1.0', '1.50', '-0', '+0', '-0.0', '+1', '007',
  '1_000', '12345678901234567890', '0b101', '1e400', '-1e-400', '.inf', '-.Inf', '+.INF', '.NaN', '.nan', '-.nan', 'nan', 'inf', 'null', 'Null', 'NULL', 'nULL', '~', 'true', 'True',
  'TRUE', 'tRue', 'false', 'False', 'FALSE', '2025-01-01', '2025-01-01T10:00:00Z', '12:30:00', '1:30', 'a', 'a b', 'a  b', 'a:b', 'a: b', 'a:', 'a #b', 'a#b', 'http://u:p@h/x',
  '-x', '- x', '-', '--', '---', '...', '.', '..', '=', '<<', 'é', '中文', '😀', 'a,b', 'a]', 'a}', 'a[b', 'x{y', "it's", 'say "hi"', 'back\\slash', '%x', '@x', '`x', '!x', '&x',
  '*x', '|x', '>x', '?x', '? x', ':x', ',x', '[x', '{x', '#x', '0', '-1', '3.14', '6.02e23', 'modelctl/v1', 'anthropic/claude-sonnet-4-5', 'a\\nb',
];

const KEYS = ['a', 'name', 'kind', 'b c', 'x.y', 'x/y', 'x:y', '1', '-1', 'true', 'null', '~', 'é', '中', 'credentials', '__proto__', '<<', 'constructor', 'toString', 'k-1', 'k_2', '"q"', "'s'", '"a b"', '"credentials"', '"cred\\u0065ntials"', '"1"', "''", '""', 'a#b', 'a #b', '?k', '-k', '[k]', '{k}', 'k,l', 'a"b'];

/** In a tame document, choices stay mostly inside the fast reader's subset, so its acceptance is tested deeply too. */
let tame = false;
const TAME_SCALARS = SCALARS.filter((s) => !/^[-?:,[\]{}#&*!|>'"%@`]|: |:$| #|^$/.test(s) || /^-[0-9.]/.test(s));
const TAME_KEYS = ['a', 'name', 'kind', 'b c', 'x.y', 'x/y', 'x:y', 'é', '中', 'constructor', 'toString', 'k-1', 'k_2', '"q"', "'s'", '"a b"', '"1"', "''", '""', 'a#b', 'a[0]', "it's"];
const scalarPool = (): readonly string[] => (tame ? TAME_SCALARS : SCALARS);
const keyPool = (): readonly string[] => (tame ? TAME_KEYS : KEYS);

const ESCAPES = ['\\n', '\\t', '\\"', '\\\\', '\\/', '\\0', '\\a', '\\b', '\\e', '\\f', '\\r', '\\v', '\\ ', '\\N', '\\_', '\\L', '\\P', '\\x41', '\\xe9', '\\u00e9', '\\u4e2D', '\\ud83d\\ude00', '\\ud800', '\\U0001F600', '\\U00110000', '\\x4', '\\q', '\\'];

function quotedDouble(rng: Rng): string {
  let s = '"';
  for (let n = int(rng, 0, 5); n > 0; n--) s += rng() < 0.4 ? pick(rng, tame ? ESCAPES.slice(0, -4) : ESCAPES) : pick(rng, SCALARS).replace(/"/g, rng() < 0.8 || tame ? '\\"' : '"').replace(/\\(?!")/g, tame ? '\\\\' : '\\');
  return s + (rng() < 0.97 || tame ? '"' : '');
}

function quotedSingle(rng: Rng): string {
  let s = "'";
  for (let n = int(rng, 0, 4); n > 0; n--) s += rng() < 0.8 || tame ? pick(rng, SCALARS).replace(/'/g, "''") : "'";
  return s + (rng() < 0.97 || tame ? "'" : '');
}

function scalar(rng: Rng, flow: boolean): string {
  const r = rng();
  if (r < 0.55) return pick(rng, scalarPool());
  if (r < 0.8) return quotedDouble(rng);
  if (r < 0.95 || flow) return quotedSingle(rng);
  return String(int(rng, -1000, 1000) / (rng() < 0.5 ? 1 : 8));
}

function flowValue(rng: Rng, depth: number): string {
  const r = rng();
  if (depth > 2 || r < 0.6) return scalar(rng, true);
  const sp = () => (rng() < 0.7 ? ' ' : rng() < 0.5 ? '' : '  ');
  if (r < 0.8) {
    const items = Array.from({ length: int(rng, 0, 4) }, () => flowValue(rng, depth + 1));
    return `[${sp()}${items.join(`,${sp()}`)}${rng() < 0.05 && !tame ? ',' : ''}${sp()}]`;
  }
  const entries = Array.from({ length: int(rng, 0, 4) }, (_, i) => `${pick(rng, keyPool())}${tame ? i : ''}${rng() < 0.95 || tame ? ': ' : ':'}${flowValue(rng, depth + 1)}`);
  return `{${sp()}${entries.join(`,${sp()}`)}${sp()}}`;
}

function blockScalar(rng: Rng, indent: number): string {
  const header = pick(rng, tame ? ['|', '>', '|-', '>-', '| # c', '>  '] : ['|', '>', '|-', '>-', '|+', '>+', '|2', '| # c', '>  ']);
  const pad = ' '.repeat(indent + int(rng, 1, 3));
  const lines: string[] = [];
  for (let n = int(rng, 0, 5); n > 0; n--) {
    const r = rng();
    if (r < 0.15) lines.push('');
    else if (r < 0.2 && !tame) lines.push(' '.repeat(int(rng, 1, indent + 4)));
    else if (r < 0.3 && !tame) lines.push(pad + '  ' + pick(rng, SCALARS));
    else if (r < 0.35) lines.push(pad + pick(rng, SCALARS) + '  ');
    else lines.push(pad + [pick(rng, SCALARS), pick(rng, SCALARS)].join(' '));
  }
  return header + '\n' + lines.join('\n');
}

/** A block node at `indent`, as the text after `key:` or `-` (starting with a space or a newline). */
function blockValue(rng: Rng, indent: number, depth: number): string {
  const r = rng();
  const comment = () => (rng() < 0.1 ? pick(rng, [' # note', ' #', '  # a: b']) : '');
  if (depth > 3 || r < 0.45) return ' ' + scalar(rng, false) + comment();
  if (r < 0.55) return ' ' + flowValue(rng, 0) + comment();
  if (r < 0.62) return ' ' + blockScalar(rng, indent);
  if (r < 0.66) return comment();
  const inner = indent + int(rng, 1, 3);
  if (r < 0.82) return '\n' + blockMapping(rng, inner, depth + 1);
  const seqIndent = rng() < 0.3 ? indent : inner;
  return '\n' + blockSequence(rng, seqIndent, depth + 1);
}

function blockMapping(rng: Rng, indent: number, depth: number): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const used = new Set<string>();
  for (let n = int(rng, 1, 5); n > 0; n--) {
    let key = pick(rng, keyPool());
    if (used.has(key) && (rng() < 0.9 || tame)) key = key.startsWith('"') || key.startsWith("'") ? `${key[0]}${n}${key.slice(1)}` : `${key}${n}`;
    used.add(key);
    if (rng() < 0.08) lines.push(pad + pick(rng, ['# comment', '', '   # deeper comment']));
    lines.push(`${pad}${key}:${blockValue(rng, indent, depth)}`);
  }
  return lines.join('\n');
}

function blockSequence(rng: Rng, indent: number, depth: number): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (let n = int(rng, 1, 4); n > 0; n--) {
    if (rng() < 0.4 && depth < 4) {
      // a compact mapping: `- key: value` and more keys under it
      const inner = indent + 2;
      const body = blockMapping(rng, inner, depth + 1);
      lines.push(`${pad}- ${body.slice(inner)}`);
    } else lines.push(`${pad}-${blockValue(rng, indent, depth)}`);
  }
  return lines.join('\n');
}

/** Seeded random YAML streams: mostly inside the fast reader's subset, often just outside it. */
export function randomDocuments(count: number, seed: number): CorpusText[] {
  const rng = mulberry32(seed);
  const out: CorpusText[] = [];
  for (let k = 0; k < count; k++) {
    tame = rng() < 0.6;
    const docs = Array.from({ length: int(rng, 1, 3) }, () => blockMapping(rng, 0, 0));
    let text = (rng() < 0.2 ? '# leading comment\n' : '') + (rng() < 0.3 ? '---\n' : '') + docs.join(pick(rng, ['\n---\n', '\n--- # c\n', '\n\n---\n', '\n---\n\n']));
    text += pick(rng, ['\n', '\n', '\n', '', '\n\n', '\n# trailing\n', '\n---\n', '\n...\n']);
    out.push({ name: `random ${k}${tame ? ' (tame)' : ''}`, text });
  }
  return out;
}
