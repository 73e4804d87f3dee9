// apply: read live, re-plan against it, check what was reviewed and the
// destroy guard, then write with compare-and-swap. Every outcome is a typed
// result for the CLI to word.
import type { Snapshot } from '../generated/types.js';
import { createPlan, guardedDeletes, hasChanges, reviewMismatch, type Plan } from '../plan/index.js';
import type { SnapshotSignature } from '../runtime/index.js';
import type { ApplyMeta, LiveState, RefusalReason, Target } from './types.js';

export interface ApplyOptions {
  /** From a saved plan: the live version it was made against. Undefined = plan now. */
  base?: { version: string } | null;
  /**
   * From a saved plan: the plan document as read (its changes, summary and
   * impact are what was reviewed). Apply refuses unless re-planning the
   * snapshot against live gives exactly these.
   */
  reviewed?: unknown;
  /** `--expect-version`: refuse unless the desired snapshot is this version (checked before any IO). */
  expectVersion?: string;
  allowDestroy?: boolean;
  signature?: SnapshotSignature;
  /** Who applies it and why, recorded beside the version in the target's history. */
  meta?: ApplyMeta;
  /**
   * The live state, read already (the CLI reads it while the catalog loads).
   * Undefined = read it now. Either way the write carries If-Match on its
   * version, so reading earlier changes only when, never what lands.
   */
  live?: LiveState;
}

export type ApplyOutcome =
  /** warnings: what the target says the new state hides (models without credentials). */
  | { status: 'applied'; version: string; previous: string | null; plan: Plan; warnings: string[] }
  | { status: 'no-changes'; version: string }
  /** The live state moved since the plan (or during apply); nothing was changed. */
  | { status: 'stale'; planned: string | null; current: string | null }
  /** The desired snapshot is not the version --expect-version names; nothing was read or sent. */
  | { status: 'unexpected-version'; expected: string; actual: string }
  /** A saved plan whose reviewed sections do not match its own snapshot; nothing was changed. */
  | { status: 'tampered'; sections: string[] }
  /** Deletes of active, public models without --allow-destroy; nothing was changed. */
  | { status: 'guarded'; addresses: string[]; plan: Plan }
  | { status: 'refused'; reason: RefusalReason; message: string; errors: string[] };

export async function applySnapshot(target: Target, desired: Snapshot, opts: ApplyOptions = {}): Promise<ApplyOutcome> {
  if (opts.expectVersion !== undefined && opts.expectVersion !== desired.version) {
    return { status: 'unexpected-version', expected: opts.expectVersion, actual: desired.version };
  }
  const live = opts.live ?? (await target.read(undefined, Promise.resolve(desired)));
  if (opts.base !== undefined && (opts.base?.version ?? null) !== live.version) {
    return { status: 'stale', planned: opts.base?.version ?? null, current: live.version };
  }
  const plan = createPlan(live.snapshot, desired);
  if (opts.reviewed !== undefined) {
    const sections = reviewMismatch(opts.reviewed, plan);
    if (sections.length) return { status: 'tampered', sections };
  }
  if (!hasChanges(plan) && live.version !== null) return { status: 'no-changes', version: live.version };
  // The guard is checked against live state as it is now, not as a plan file claims.
  const guarded = guardedDeletes(plan);
  if (guarded.length && !opts.allowDestroy) return { status: 'guarded', addresses: guarded, plan };

  const result = await target.write(desired, { ifMatch: live.version, ...(opts.signature ? { signature: opts.signature } : {}), ...(opts.meta ? { meta: opts.meta } : {}) });
  switch (result.status) {
    case 'ok':
      return { status: 'applied', version: result.version, previous: result.previous ?? live.version, plan, warnings: result.warnings ?? [] };
    case 'stale':
      // A retried write whose first attempt landed finds its own version live.
      if (result.current === desired.version) return { status: 'applied', version: desired.version, previous: live.version, plan, warnings: [] };
      return { status: 'stale', planned: live.version, current: result.current };
    case 'refused':
      return result;
  }
}
