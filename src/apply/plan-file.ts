// Reading a saved plan (`modelctl plan --out plan.json`) back for apply. The
// file is checked, not trusted: its snapshot must validate and hash to the
// version the plan names, and (in applySnapshot) re-planning that snapshot
// against live must give exactly the changes the file says were reviewed.
import type { Snapshot } from '../generated/types.js';
import { loadSnapshot } from '../runtime/index.js';

export type PlanFile =
  | { ok: true; base: { version: string } | null; snapshot: Snapshot; /** The whole document, for the review check. */ document: Record<string, unknown> }
  | { ok: false; errors: string[] };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export async function readPlanFile(text: string): Promise<PlanFile> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text in its message; the file is not echoed.
    return { ok: false, errors: ['not JSON (truncated or not a plan file?)'] };
  }
  if (!isRecord(doc) || doc['formatVersion'] !== 1) return { ok: false, errors: ['not a modelctl plan (formatVersion 1)'] };
  const base = doc['base'];
  if (base !== null && !(isRecord(base) && typeof base['version'] === 'string')) return { ok: false, errors: ['/base: must be null or { version }'] };
  if (!('snapshot' in doc)) {
    return { ok: false, errors: ['the plan has no snapshot: save plans with `modelctl plan --out plan.json` (the --format json output is for reading, not applying)'] };
  }
  const loaded = await loadSnapshot(doc['snapshot']);
  if (!loaded.ok) return { ok: false, errors: loaded.errors.map((e) => `/snapshot${e}`) };
  const desired = doc['desired'];
  if (!isRecord(desired) || desired['version'] !== loaded.snapshot.version) {
    return { ok: false, errors: ['/desired/version: does not match the snapshot the plan carries'] };
  }
  return { ok: true, base: base === null ? null : { version: base['version'] as string }, snapshot: loaded.snapshot, document: doc };
}
