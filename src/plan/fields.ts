// Field-level differences between two versions of one resource. Objects are
// walked key by key; arrays of objects with an `id` (model sources) are
// matched by id, so reordering or inserting a source does not show as every
// later source changing; other arrays are compared as one value.
import { createRequire } from 'node:module';
import type * as Diff from 'diff';
import type { FieldChange } from './types.js';

const LONG_TEXT = 80;

// Loaded on the first long text that changed: most plans have none, and the
// library is a noticeable part of a CLI's start-up.
let diffLib: typeof Diff | undefined;
const diff = (): typeof Diff => (diffLib ??= createRequire(import.meta.url)('diff') as typeof Diff);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function keyed(x: unknown): Map<string, unknown> | null {
  if (!Array.isArray(x) || x.length === 0) return null;
  const out = new Map<string, unknown>();
  for (const item of x) {
    if (!isRecord(item) || typeof item['id'] !== 'string' || out.has(item['id'])) return null;
    out.set(item['id'], item);
  }
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    // Counted, not listed: two key arrays per object were most of a 10,000-model plan's garbage.
    let defined = 0;
    for (const k of Object.keys(a)) {
      const v = a[k];
      if (v === undefined) continue;
      defined++;
      if (!Object.hasOwn(b, k) || !deepEqual(v, b[k])) return false;
    }
    for (const k of Object.keys(b)) if (b[k] !== undefined) defined--;
    return defined === 0;
  }
  return false;
}

function join(path: string, key: string): string {
  const segment = /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
  return path === '' ? segment : /^[A-Za-z0-9_-]+$/.test(key) ? `${path}.${segment}` : `${path}[${segment}]`;
}

/** A string that reads better as a unified diff than as before → after. */
export function isLongText(x: unknown): x is string {
  return typeof x === 'string' && (x.length > LONG_TEXT || x.includes('\n'));
}

export function textDiff(label: string, before: unknown, after: unknown): string {
  const a = typeof before === 'string' ? before : '';
  const b = typeof after === 'string' ? after : '';
  // Diff lines, not bytes: a last line without a newline would otherwise show
  // "\ No newline at end of file" noise on both sides.
  const end = (s: string) => (s === '' || s.endsWith('\n') ? s : s + '\n');
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = diff();
  return createTwoFilesPatch(`a/${label}`, `b/${label}`, end(a), end(b), undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}

function leaf(label: string, path: string, before: unknown, after: unknown): FieldChange {
  const change: FieldChange = { path, before, after };
  if (isLongText(before) || isLongText(after)) change.diff = textDiff(label, before, after);
  return change;
}

function walk(label: string, path: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (deepEqual(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      walk(label, join(path, key), before[key], after[key], out);
    }
    return;
  }
  const kb = keyed(before);
  const ka = keyed(after);
  if (kb && ka) {
    const ids = [...kb.keys(), ...[...ka.keys()].filter((id) => !kb.has(id))];
    for (const id of ids) walk(label, `${path}[${id}]`, kb.get(id), ka.get(id), out);
    const order = (m: Map<string, unknown>) => [...m.keys()].filter((id) => kb.has(id) && ka.has(id));
    if (!deepEqual(order(kb), order(ka))) out.push({ path: `${path}[*]`, before: order(kb), after: order(ka) });
    return;
  }
  out.push(leaf(`${label}/${path}`, path, before, after));
}

/** Every changed leaf between two values of one resource (either side may be undefined). */
export function fieldChanges(label: string, before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(label, '', before, after, out);
  return out;
}
