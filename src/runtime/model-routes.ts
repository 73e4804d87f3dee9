// A model's sources into the route table: active sources whose credential is
// present, usable ones (weight > 0) first grouped into priority classes, then
// drained ones. Inactive sources and missing credentials never get a slot.
import type { SnapshotModel, SnapshotSource } from '../generated/types.js';
import type { ModelIndex, ModelIndexContext } from './model-index.js';
import type { Attempt } from './types.js';

const byPriority = (a: SnapshotSource, b: SnapshotSource): number => a.priority - b.priority;

/** Sources sorted by priority: the compiler guarantees it; sort a copy if a foreign snapshot does not. */
function inPriorityOrder(sources: SnapshotSource[]): readonly SnapshotSource[] {
  for (let i = 1; i < sources.length; i++) if (sources[i]!.priority < sources[i - 1]!.priority) return [...sources].sort(byPriority);
  return sources;
}

const NO_CLASSES: readonly number[] = Object.freeze([]);

/** Each source object's attempt, for the next build over the same object (a push that changes a few models keeps the rest). */
const attempts = new WeakMap<SnapshotSource, Attempt>();

function attemptOf(s: SnapshotSource, ctx: ModelIndexContext, reuse: boolean): Attempt {
  let attempt = reuse ? attempts.get(s) : undefined;
  if (attempt === undefined) attempts.set(s, (attempt = newAttempt(s, ctx)));
  return attempt;
}

function newAttempt(s: SnapshotSource, ctx: ModelIndexContext): Attempt {
  return Object.freeze({
    sourceId: s.id,
    provider: s.provider,
    model: s.model,
    protocol: s.protocol,
    baseUrl: s.baseUrl,
    credential: ctx.intern.credential(s.credential),
  });
}

/** Whether two attempts route alike: every field the same (a credential is the interner's one object per reference). */
export function sameAttempt(a: Attempt, b: Attempt): boolean {
  const keys = Object.keys(a) as (keyof Attempt)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

export type Routes = Pick<ModelIndex, 'routeStart' | 'usableEnd' | 'routeEnd' | 'classEnds' | 'activeSourceCount'>;

/** `reuse`: the model is the previous snapshot's very object (see buildModelIndex). */
export function modelRoutes(m: SnapshotModel, ctx: ModelIndexContext, reuse = false): Routes {
  const table = ctx.routes;
  const sources = inPriorityOrder(m.sources);
  const routeStart = table.size;
  let classEnds: number[] | null = null;
  let activeSourceCount = 0;
  let drained = 0;
  // Indexed: runs for every source on each swap, mostly unoptimized, where for-of allocates per step.
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    if (s.status !== 'active') continue;
    activeSourceCount++;
    if (!ctx.credentialPresent(s.credential)) continue;
    if (s.weight === 0) {
      drained++;
      continue;
    }
    const slot = table.add(attemptOf(s, ctx, reuse), s.weight, s.priority);
    if (classEnds === null) classEnds = [];
    if (slot > routeStart && table.priorities[slot - 1] === s.priority) classEnds[classEnds.length - 1] = slot + 1;
    else classEnds.push(slot + 1);
  }
  const usableEnd = table.size;
  if (drained > 0) {
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i]!;
      if (s.status === 'active' && s.weight === 0 && ctx.credentialPresent(s.credential)) table.add(attemptOf(s, ctx, reuse), 0, s.priority);
    }
  }
  return { routeStart, usableEnd, routeEnd: table.size, classEnds: classEnds ?? NO_CLASSES, activeSourceCount };
}
