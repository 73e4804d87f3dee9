// rollback: a kept version made live again, planned and guarded like apply.
// The plan (live → kept version) is computed first, so the user sees what
// the rollback changes, and the same destroy guard refuses deleting models
// that are active and public live. A damaged file: target is repaired: there
// is no live snapshot to compare with, so the plan is "create everything".
import type { Snapshot } from '../generated/types.js';
import { createPlan, guardedDeletes, type Plan } from '../plan/index.js';
import { DamagedTargetError } from './errors.js';
import type { LiveState, RefusalReason, Target } from './types.js';

export interface RollbackOptions {
  allowDestroy?: boolean;
  /** Plan and guard only; change nothing. */
  dryRun?: boolean;
}

export type RollbackOutcome =
  | { status: 'rolled-back'; version: string; previous: string | null; plan: Plan; repaired?: string; warnings?: string[] }
  | { status: 'planned'; plan: Plan; repaired?: string }
  | { status: 'no-changes'; version: string }
  | { status: 'not-kept'; version: string }
  | { status: 'stale'; current: string | null }
  | { status: 'guarded'; addresses: string[]; plan: Plan }
  | { status: 'refused'; reason: RefusalReason; message: string; errors: string[] };

async function liveOrDamaged(target: Target): Promise<LiveState & { damaged?: string }> {
  try {
    return await target.read();
  } catch (err) {
    if (err instanceof DamagedTargetError) return { snapshot: null, version: null, damaged: err.problem };
    throw err;
  }
}

export async function rollbackTo(target: Target, version: string, opts: RollbackOptions = {}): Promise<RollbackOutcome> {
  const kept: Snapshot | null = await target.readVersion(version);
  if (!kept) return { status: 'not-kept', version };
  const live = await liveOrDamaged(target);
  const repaired = live.damaged;
  if (repaired === undefined && live.version === version) return { status: 'no-changes', version };
  const plan = createPlan(live.snapshot, kept);
  const guarded = guardedDeletes(plan);
  if (guarded.length && !opts.allowDestroy) return { status: 'guarded', addresses: guarded, plan };
  if (opts.dryRun) return { status: 'planned', plan, ...(repaired !== undefined ? { repaired } : {}) };

  const result = await target.rollback(version, repaired !== undefined ? { repair: true } : { ifMatch: live.version });
  switch (result.status) {
    case 'ok':
      return {
        status: 'rolled-back',
        version: result.version,
        previous: result.previous ?? live.version,
        plan,
        ...(repaired !== undefined ? { repaired } : {}),
        ...(result.warnings?.length ? { warnings: result.warnings } : {}),
      };
    case 'stale':
      return { status: 'stale', current: result.current };
    case 'refused':
      return result;
  }
}
