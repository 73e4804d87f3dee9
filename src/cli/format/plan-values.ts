// Shared helpers for plan formatters: one way to show a value, a version, a summary.
import type { Plan } from '../../plan/index.js';

/** A value as one line: strings quoted, absent as (none), the rest as compact JSON. */
export function showValue(v: unknown): string {
  if (v === undefined) return '(none)';
  return JSON.stringify(v);
}

/** `sha256:0123456789ab` — enough to tell versions apart in prose. */
export function shortVersion(v: string | null | undefined): string {
  if (!v) return '(none)';
  return v.startsWith('sha256:') ? v.slice(0, 'sha256:'.length + 12) : v;
}

export function summaryWords(plan: Pick<Plan, 'summary'>): string {
  const { create, update, delete: del } = plan.summary;
  return `${create} to create, ${update} to update, ${del} to delete`;
}

export const SYMBOL = { create: '+', update: '~', delete: '-' } as const;
