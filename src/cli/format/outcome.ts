// `--format json` for apply, rollback and verify: one object per run, whatever
// the outcome, so CI reads `.status` instead of parsing words. Shape:
//   { status, target, …what that status carries… }
// and, when the outcome has a plan, the fields of `plan --format json`
// (formatVersion, base, desired, summary, changes, impact) beside them — flat,
// so `jq .summary` reads the same from plan, apply and rollback.
// Messages from a target were redacted by it; `target` is the redacted spec.
import type { ApplyOutcome, HistoryEntry, RollbackOutcome } from '../../apply/index.js';
import type { Plan } from '../../plan/index.js';
import { planJson } from './plan.js';

const doc = (o: object): string => JSON.stringify(o, null, 2) + '\n';
const planFields = (plan: Plan): object => JSON.parse(planJson(plan)) as object;

export function applyOutcomeJson(outcome: ApplyOutcome, target: string): string {
  switch (outcome.status) {
    case 'applied':
      return doc({
        status: outcome.status,
        target,
        version: outcome.version,
        previous: outcome.previous,
        ...(outcome.previous ? { undo: `modelctl rollback --to ${outcome.previous} --target ${target}` } : {}),
        warnings: outcome.warnings,
        ...planFields(outcome.plan),
      });
    case 'guarded': {
      const { plan, ...rest } = outcome;
      return doc({ ...rest, target, ...planFields(plan) });
    }
    default:
      return doc({ ...outcome, target });
  }
}

export function rollbackOutcomeJson(outcome: RollbackOutcome, target: string): string {
  if ('plan' in outcome) {
    const { plan, ...rest } = outcome;
    const undo = outcome.status === 'rolled-back' && outcome.previous ? { undo: `modelctl rollback --to ${outcome.previous} --target ${target}` } : {};
    return doc({ ...rest, target, ...undo, ...planFields(plan) });
  }
  return doc({ ...outcome, target });
}

export function historyJson(entries: readonly HistoryEntry[], target: string): string {
  const meta = (e: HistoryEntry) => ({
    ...(e.message !== undefined ? { message: e.message } : {}),
    ...(e.commit !== undefined ? { commit: e.commit } : {}),
    ...(e.author !== undefined ? { author: e.author } : {}),
    ...(e.run !== undefined ? { run: e.run } : {}),
  });
  return doc({ status: 'listed', target, versions: entries.map((e) => ({ version: e.version, appliedAt: e.appliedAt, live: e.live, ...meta(e) })) });
}

export type VerifyReport = { file: string; status: 'valid'; version: string } | { file: string; status: 'refused'; reason: 'signature' | 'invalid'; errors: string[] };

export function verifyJson(report: VerifyReport): string {
  return doc(report);
}
