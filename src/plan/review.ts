// Does a saved plan say what its snapshot does? A plan file is reviewed by
// people (its changes and impact) but applied by its snapshot; someone who
// can edit the file between review and apply could swap the snapshot (and
// recompute its version hash) while leaving the reviewed changes alone.
// So apply recomputes the plan from live + snapshot and compares what was
// reviewed with what would happen, canonically. Pure.
import { canonicalJson } from '../runtime/canonical.js';
import type { Plan } from './types.js';

/** The parts of a plan a reviewer reads. */
export const REVIEWED_SECTIONS = ['base', 'desired', 'summary', 'changes', 'impact'] as const;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** As stored: JSON drops undefined (absent before/after of a field), so compare JSON to JSON. */
const asStored = (x: unknown): unknown => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));

/** The sections of `reviewed` (a parsed plan file) that differ from `recomputed`; empty when they match. */
export function reviewMismatch(reviewed: unknown, recomputed: Plan): string[] {
  if (!isRecord(reviewed)) return [...REVIEWED_SECTIONS];
  return REVIEWED_SECTIONS.filter((key) => {
    const a = reviewed[key];
    const b = asStored(recomputed[key]);
    if (a === undefined || b === undefined) return a !== b;
    return canonicalJson(a) !== canonicalJson(b);
  });
}
