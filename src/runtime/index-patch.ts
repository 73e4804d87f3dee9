// The index of a snapshot that differs from the one before in a few models
// only — the usual apply, which a server and every replica check by
// difference (snapshot-bytes/delta.ts), so every other model is the previous
// snapshot's own object — worked out from the previous index instead of from
// scratch. The changed models are indexed anew into their old route slots;
// everything else is the previous index's, or a copy of it with them
// replaced. Rebuilding walks every model (~40 ms at 10,000 models, on the
// event loop of a server taking a push, and on every replica of a fleet per
// apply); this costs a few flat copies and the changed models.
//
// It answers only when the result is what indexSteps would build (the
// differential test in test/runtime/index-patch.test.ts holds it to that);
// otherwise null, and the caller builds from scratch:
//   - every snapshot member but `models` and `version` is the previous one's object;
//   - the same model names in the same order, at most MAX_CHANGED of them changed;
//   - every credential answer the previous routes were laid out from still holds;
//   - each changed model has as many routable sources as before, so no other
//     model's slots move; the same entry points and display-name locales, so
//     the known sets stand; listed (public, active, routable) exactly when it
//     was, and internal with the same tasks when it was internal.
import type { Snapshot } from '../generated/types.js';
import { carriedMemo, credentialCheck } from './credentials.js';
import { byOrderThenName, indexTiers, isListed, type SnapshotIndex } from './indexes.js';
import { indexWithRoutes, type ModelIndex, type ModelIndexContext } from './model-index.js';
import { modelRoutes, sameAttempt, type Routes } from './model-routes.js';
import { OverlayMap } from './overlay-map.js';
import { RouteTable } from './route-table.js';
import type { ResolverOptions } from './types.js';

/** More changed models than this is not the few-models case: build from scratch. */
const MAX_CHANGED = 64;

/**
 * Patches chained since the last full build before the next full build. The
 * previous interner and credential memo are carried along and keep what
 * replaced models added to them; a full build now and then bounds that.
 */
const MAX_CHAIN = 256;

/** Models replaced since the last full build, past which a lookup's first miss is no longer cheap: build from scratch. */
const MAX_OVERLAY = 1024;

/** Every member but the models and the version is the very same object. */
function sameButModels(a: Snapshot, b: Snapshot): boolean {
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  for (const k of keys) if (k !== 'models' && k !== 'version' && (a as unknown as Record<string, unknown>)[k] !== (b as unknown as Record<string, unknown>)[k]) return false;
  return true;
}

/** Positions of the models that are not the previous index's objects; null unless the names are the same, in order, and few changed. */
function changedPositions(prev: SnapshotIndex, names: readonly string[], models: Snapshot['models']): number[] | null {
  if (names.length !== prev.names.length) return null;
  const changed: number[] = [];
  // By name, not Object.values: over a 10,000-key object that costs 4 ms, these lookups a tenth of it.
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name !== prev.names[i]) return null;
    if (models[name] !== prev.ordered[i]!.model && changed.push(i) > MAX_CHANGED) return null;
  }
  return changed;
}

/** Whether slots [start, start + scratch.size) of `table` hold what `scratch` holds, field for field. */
function sameSlots(table: RouteTable, start: number, scratch: RouteTable): boolean {
  for (let k = 0; k < scratch.size; k++) {
    if (!sameAttempt(table.attempts[start + k]!, scratch.attempts[k]!)) return false;
    if (table.weights[start + k] !== scratch.weights[k] || table.priorities[start + k] !== scratch.priorities[k]) return false;
  }
  return true;
}

const sameList = (a: readonly string[] | null, b: readonly string[] | null): boolean => {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** Whether `next` leaves the index's other structures as `was` did (see the conditions above). */
function fitsInPlace(was: ModelIndex, next: ModelIndex): boolean {
  if (next.routeCount !== was.routeCount) return false;
  if (!sameList(was.model.entryPoints, next.model.entryPoints)) return false;
  if (!sameList(Object.keys(was.model.displayName), Object.keys(next.model.displayName))) return false;
  if (isListed(was) !== isListed(next) || was.isPublic !== next.isPublic) return false;
  return was.isPublic || sameList(was.model.tasks, next.model.tasks);
}

/** `r` moved to start at slot `start`. */
function movedTo(r: Routes, start: number): Routes {
  return {
    routeStart: r.routeStart + start,
    usableEnd: r.usableEnd + start,
    routeEnd: r.routeEnd + start,
    classEnds: r.classEnds.length === 0 ? r.classEnds : r.classEnds.map((end) => end + start),
    activeSourceCount: r.activeSourceCount,
  };
}

/** `list` with `was` replaced by `next`, sorted again when the order moved; null if `was` is not in it. */
function replaced(list: readonly ModelIndex[] | undefined, was: ModelIndex, next: ModelIndex): ModelIndex[] | null {
  const at = list ? list.indexOf(was) : -1;
  if (at < 0) return null;
  const out = list!.slice();
  out[at] = next;
  if (was.order !== next.order) out.sort(byOrderThenName);
  return out;
}

/** The index of `s` from `prev`, the index of the snapshot `s` replaces; null when only a full build gives the right one. */
export function patchIndex(prev: SnapshotIndex, s: Snapshot, opts: ResolverOptions): SnapshotIndex | null {
  if (prev.patches >= MAX_CHAIN || !sameButModels(prev.snapshot, s)) return null;
  const changed = changedPositions(prev, Object.keys(s.models), s.models);
  if (changed === null) return null;
  const credentialPresent = carriedMemo(prev.credentialPresent, credentialCheck(opts));
  if (credentialPresent === null) return null;
  // The previous table, shared, until a changed model's slots hold something else (a metadata change keeps them).
  let routes = prev.routes;
  const scratch = new RouteTable();
  const ctx: ModelIndexContext = { intern: prev.intern, credentialPresent, globalSystemPrompt: s.settings.globalSystemPrompt, routes: scratch, groups: s.groups };
  const base = prev.models instanceof OverlayMap ? (prev.models.base as ReadonlyMap<string, ModelIndex>) : prev.models;
  const over = new Map(prev.models instanceof OverlayMap ? (prev.models.over as ReadonlyMap<string, ModelIndex>) : []);
  const ordered = prev.ordered.slice();
  let listed = prev.listed;
  const tasks = new Map(prev.tasks);
  for (const i of changed) {
    const name = prev.names[i]!;
    const was = prev.ordered[i]!;
    const m = s.models[name];
    if (m === undefined) return null;
    scratch.attempts.length = scratch.weights.length = scratch.priorities.length = 0;
    const next = indexWithRoutes(name, m, ctx, false, movedTo(modelRoutes(m, ctx), was.routeStart));
    if (!fitsInPlace(was, next)) return null;
    if (!sameSlots(routes, was.routeStart, scratch)) {
      if (routes === prev.routes) routes = RouteTable.copyOf(prev.routes);
      for (let k = 0; k < scratch.size; k++) routes.set(was.routeStart + k, scratch.attempts[k]!, scratch.weights[k]!, scratch.priorities[k]!);
    }
    over.set(name, next);
    ordered[i] = next;
    if (isListed(was)) {
      const list = replaced(listed, was, next);
      if (list === null) return null;
      listed = list;
    }
    if (!was.isPublic)
      for (const task of m.tasks) {
        const list = replaced(tasks.get(task), was, next);
        if (list === null) return null;
        tasks.set(task, list);
      }
  }
  if (over.size > MAX_OVERLAY) return null;
  const models = new OverlayMap(base, over);
  return {
    ...prev,
    snapshot: s,
    models,
    listed,
    ...indexTiers(s, models, prev.intern),
    tasks,
    routes,
    credentialPresent,
    ordered,
    patches: prev.patches + 1,
  };
}
