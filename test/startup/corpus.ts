// The documents the differential test runs through both validators: every
// YAML document in the repository's catalogs and fixtures (valid and broken),
// the compiled example snapshots, and seeded structural mutations of them
// that break them in the ways authors do (missing, unknown, mistyped,
// misspelt, duplicated, too long) and in ways they rarely do.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT, int, pick, type Rng } from '../compile/helpers.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface CorpusDocument {
  /** Where it came from: file (and document index). */
  name: string;
  value: unknown;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : yamlFiles(join(dir, e.name))) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

/** Every document of every YAML file under examples/, models/ and test/, as the loader's values. */
export function repositoryDocuments(): CorpusDocument[] {
  const out: CorpusDocument[] = [];
  for (const dir of ['examples', 'models', 'test']) {
    for (const file of yamlFiles(join(ROOT, dir))) {
      const docs = parseAllDocuments(readFileSync(file, 'utf8'));
      if (!Array.isArray(docs)) continue;
      docs.forEach((doc, i) => {
        try {
          out.push({ name: `${relative(ROOT, file)}#${i}`, value: doc.toJS({ maxAliasCount: 100 }) });
        } catch {
          // An alias bomb or a broken alias: the loader reports those before any schema runs.
        }
      });
    }
  }
  return out;
}

/** The compiled example snapshots (test/compile/golden). */
export function exampleSnapshots(): CorpusDocument[] {
  const dir = join(ROOT, 'test/compile/golden');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.snapshot.json'))
    .sort()
    .map((f) => ({ name: `test/compile/golden/${f}`, value: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown }));
}

const WRONG: Json[] = [42, -1, 0, 3.5, 1e308, '', 'x', 'plain words', 'sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAA', 'https://user:hunter2@example.com/v1', true, false, null, [], [1, 'two', { three: 3 }], {}, { a: 1 }, { env: 'X' }, { file: 'relative/path' }];
const UNKNOWN_KEYS = ['colour', 'apiKey', 'token', 'password', 'sk-ant-api03-BBBBBBBBBBBBBBBBBBBBBBBB', 'displayname', 'Name', 'sources2', '$ref', '__proto__x', 'a/b~c', ''];

/** Every (parent, key) pair in the tree: where a mutation can strike. */
function slots(value: unknown, out: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = []) {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), slots(v, out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push({ parent: value as Record<string, unknown>, key: k }), slots(v, out);
  return out;
}

function misspell(s: string, rng: Rng): string {
  if (s.length < 2) return s + 'x';
  const i = int(rng, 0, s.length - 2);
  return pick(rng, [s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2), s.toUpperCase(), s.slice(0, -1), s + '-', ` ${s}`]);
}

/** A deep copy of `value` with one to three seeded mutations; `detail` says which. */
export function mutate(value: unknown, rng: Rng): { value: unknown; detail: string[] } {
  const copy = structuredClone(value);
  const detail: string[] = [];
  const times = int(rng, 1, 3);
  for (let n = 0; n < times; n++) {
    const all = slots(copy);
    const root = copy && typeof copy === 'object' ? (copy as Record<string, unknown>) : undefined;
    const slot = all.length ? pick(rng, all) : undefined;
    const op = pick(rng, ['delete', 'unknown', 'wrong', 'misspell', 'duplicate', 'long', 'rename', 'wrap'] as const);
    if (!slot) {
      detail.push('no slot');
      break;
    }
    const { parent, key } = slot;
    const here = (parent as Record<string | number, unknown>)[key];
    switch (op) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 'unknown': {
        const target = here && typeof here === 'object' && !Array.isArray(here) ? (here as Record<string, unknown>) : Array.isArray(parent) ? root : parent;
        if (target) target[pick(rng, UNKNOWN_KEYS)] = pick(rng, WRONG);
        break;
      }
      case 'wrong':
        (parent as Record<string | number, unknown>)[key] = structuredClone(pick(rng, WRONG));
        break;
      case 'misspell':
        if (typeof here === 'string') (parent as Record<string | number, unknown>)[key] = misspell(here, rng);
        else if (!Array.isArray(parent)) {
          parent[misspell(key as string, rng)] = here;
          delete parent[key as string];
        }
        break;
      case 'duplicate':
        if (Array.isArray(here) && here.length) here.push(structuredClone(here[0]));
        else if (Array.isArray(parent)) parent.push(structuredClone(here));
        break;
      case 'long':
        (parent as Record<string | number, unknown>)[key] = 'y'.repeat(int(rng, 100, 300));
        break;
      case 'rename':
        if (root && 'kind' in root) root.kind = pick(rng, ['Model', 'Provider', 'Tier', 'Group', 'Settings', 'Collection', 'NativeTool', 'EntryPointGroup', 'Modle', 42]);
        break;
      case 'wrap':
        (parent as Record<string | number, unknown>)[key] = pick(rng, [[here], { value: here }]);
        break;
    }
    detail.push(`${op} at ${String(key)}`);
  }
  return { value: copy, detail };
}
