// A model's upstream routes as a small table, one row per source marked
// + (added), - (removed), ~ (changed) or blank (unchanged, for context), so a
// reviewer sees the whole route list rather than `sources[id].weight` paths.
// Derived from the change's before/after values; the plan data is untouched.
import type { SnapshotModel, SnapshotSource } from '../../generated/types.js';
import type { FieldChange, PlanChange } from '../../plan/index.js';

export interface SourceRow {
  mark: '+' | '-' | '~' | ' ';
  cells: string[];
  /** Changes outside the table's columns (base URL, credential, protocol…), in words. */
  notes: string[];
}

export const SOURCE_COLUMNS = ['', 'provider', 'upstream model', 'priority', 'weight', 'status', 'binding'] as const;
const SHOWN: readonly (keyof SnapshotSource)[] = ['provider', 'model', 'priority', 'weight', 'status', 'binding'];
/** Derived or shown elsewhere: the id is provider + model; providerType follows the provider. */
const HIDDEN = new Set<string>(['id', 'providerType']);

const sourcesOf = (v: unknown): SnapshotSource[] => ((v as SnapshotModel | null)?.sources ?? []) as SnapshotSource[];
const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function cells(s: SnapshotSource, before?: SnapshotSource): string[] {
  return SHOWN.map((k) => (before && before[k] !== s[k] ? `${show(before[k])} → ${show(s[k])}` : show(s[k])));
}

function notes(a: SnapshotSource, b: SnapshotSource): string[] {
  return (Object.keys({ ...a, ...b }) as (keyof SnapshotSource)[])
    .filter((k) => !SHOWN.includes(k) && !HIDDEN.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .sort()
    .map((k) => `${k}: ${show(a[k])} → ${show(b[k])}`);
}

/** The rows for a model change that touches its sources; null for anything else. */
export function sourceRows(c: PlanChange): SourceRow[] | null {
  if (c.kind !== 'model') return null;
  const before = sourcesOf(c.before);
  const after = sourcesOf(c.after);
  if (c.action === 'update' && !c.fields.some(isSourceField)) return null;
  if (before.length + after.length === 0) return null;
  const old = new Map(before.map((s) => [s.id, s]));
  const rows: SourceRow[] = [];
  for (const s of after) {
    const a = old.get(s.id);
    if (!a) rows.push({ mark: '+', cells: cells(s), notes: [] });
    else {
      const n = notes(a, s);
      const moved = SHOWN.some((k) => a[k] !== s[k]);
      rows.push({ mark: moved || n.length ? '~' : ' ', cells: cells(s, a), notes: n });
    }
  }
  const kept = new Set(after.map((s) => s.id));
  for (const s of before) if (!kept.has(s.id)) rows.push({ mark: '-', cells: cells(s), notes: [] });
  return rows;
}

/** A field the table shows (every `sources…` path). */
export const isSourceField = (f: FieldChange): boolean => f.path === 'sources' || f.path.startsWith('sources[');

/** Rows as aligned text lines, each prefixed with `indent`. */
export function sourceTableText(rows: readonly SourceRow[], indent: string): string {
  const table = [SOURCE_COLUMNS.slice(1) as readonly string[], ...rows.map((r) => r.cells)];
  const widths = table[0]!.map((_, i) => table.reduce((max, r) => Math.max(max, r[i]!.length), 0));
  const line = (mark: string, r: readonly string[]) => `${indent}${mark} ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  let out = line(' ', table[0]!) + '\n';
  for (const r of rows) {
    out += line(r.mark, r.cells) + '\n';
    for (const n of r.notes) out += `${indent}    ${n}\n`;
  }
  return out;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');

/** Rows as a GitHub markdown table. */
export function sourceTableMarkdown(rows: readonly SourceRow[]): string {
  let out = `| ${SOURCE_COLUMNS.map(cell).join(' | ')} |\n|${SOURCE_COLUMNS.map(() => ' --- ').join('|')}|\n`;
  for (const r of rows) {
    const mark = r.mark === ' ' ? '' : `\`${r.mark}\``;
    const extra = r.notes.length ? `<br>${r.notes.map(cell).join('<br>')}` : '';
    out += `| ${[mark, ...r.cells.map(cell)].join(' | ')}${extra} |\n`;
  }
  return out;
}
