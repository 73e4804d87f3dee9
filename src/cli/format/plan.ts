// Plan formatters: strings, picked from a Record<Format, Formatter>; writing is
// separate. `json` is exactly the shape of design §7; the plan file (--out)
// is the full Plan, written by the command itself.
import type { Plan } from '../../plan/index.js';
import { planMarkdown } from './plan-markdown.js';
import { planText } from './plan-text.js';

export type PlanFormat = 'text' | 'markdown' | 'json';
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'markdown', 'json'];

export interface PlanFormatContext {
  color: boolean;
}

/** The §7 JSON document: no snapshot, no field lists. */
export function planJson(plan: Plan): string {
  const doc = {
    formatVersion: plan.formatVersion,
    base: plan.base,
    desired: plan.desired,
    summary: plan.summary,
    changes: plan.changes.map((c) => ({ address: c.address, action: c.action, before: c.before, after: c.after })),
    impact: plan.impact,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export const planFormatters: Record<PlanFormat, (plan: Plan, ctx: PlanFormatContext) => string> = {
  text: (plan, ctx) => planText(plan, ctx.color),
  markdown: (plan) => planMarkdown(plan),
  json: (plan) => planJson(plan),
};
