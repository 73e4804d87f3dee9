// apply: read live, re-plan against it, check the destroy guard, then write
// with compare-and-swap. Every outcome is a typed result for the CLI to word.
import type { Snapshot } from '../generated/types.js';
import { createPlan, hasChanges, type Plan } from '../plan/index.js';
import type { SnapshotSignature } from '../runtime/index.js';
import type { RefusalReason, Target } from './types.js';

export interface ApplyOptions {
  /** From a saved plan: the live version it was made against. Undefined = plan now. */
  base?: { version: string } | null;
  allowDestroy?: boolean;
  signature?: SnapshotSignature;
}

export type ApplyOutcome =
  | { status: 'applied'; version: string; previous: string | null; plan: Plan }
  | { status: 'no-changes'; version: string }
  /** The live state moved since the plan (or during apply); nothing was changed. */
  | { status: 'stale'; planned: string | null; current: string | null }
  /** Deletes of active, public models without --allow-destroy; nothing was changed. */
  | { status: 'guarded'; addresses: string[]; plan: Plan }
  | { status: 'refused'; reason: RefusalReason; message: string; errors: string[] };

export async function applySnapshot(target: Target, desired: Snapshot, opts: ApplyOptions = {}): Promise<ApplyOutcome> {
  const live = await target.read();
  if (opts.base !== undefined && (opts.base?.version ?? null) !== live.version) {
    return { status: 'stale', planned: opts.base?.version ?? null, current: live.version };
  }
  const plan = createPlan(live.snapshot, desired);
  if (!hasChanges(plan) && live.version !== null) return { status: 'no-changes', version: live.version };
  // The guard is checked against live state as it is now, not as a plan file claims.
  const guarded = plan.changes.filter((c) => c.action === 'delete' && c.guarded).map((c) => c.address);
  if (guarded.length && !opts.allowDestroy) return { status: 'guarded', addresses: guarded, plan };

  const result = await target.write(desired, { ifMatch: live.version, ...(opts.signature ? { signature: opts.signature } : {}) });
  switch (result.status) {
    case 'ok':
      return { status: 'applied', version: result.version, previous: result.previous ?? live.version, plan };
    case 'stale':
      // A retried write whose first attempt landed finds its own version live.
      if (result.current === desired.version) return { status: 'applied', version: desired.version, previous: live.version, plan };
      return { status: 'stale', planned: live.version, current: result.current };
    case 'refused':
      return result;
  }
}
