// Everything resolve() needs about one model, computed once at load:
// lookups as (shared) Sets, the composed system prompt, frozen result parts,
// and where its routable sources sit in the route table.
import type { SnapshotModel } from '../generated/types.js';
import type { Access } from './availability.js';
import type { CredentialCheck } from './credentials.js';
import { frozenCopy } from './freeze.js';
import type { Interner } from './interner.js';
import { modelRoutes, type Routes } from './model-routes.js';
import type { RouteTable } from './route-table.js';

export interface ModelIndex {
  readonly name: string;
  readonly model: SnapshotModel;
  readonly order: number;
  readonly active: boolean;
  readonly isPublic: boolean;
  readonly access: Access;
  /** null = every entry point. */
  readonly entryPoints: ReadonlySet<string> | null;
  readonly capabilities: ReadonlySet<string>;
  readonly nativeTools: ReadonlySet<string>;
  /**
   * Routable sources (active, credential present) are route-table slots
   * [routeStart, routeEnd): usable ones (weight > 0) up to usableEnd, by
   * priority; drained ones (weight 0) after, offered after all usable ones.
   */
  readonly routeStart: number;
  readonly usableEnd: number;
  readonly routeEnd: number;
  /** End slot of each priority class within [routeStart, usableEnd), ascending priority. */
  readonly classEnds: readonly number[];
  readonly routeCount: number;
  readonly activeSourceCount: number;
  readonly systemPrompt: string;
  readonly parameters: Record<string, number>;
  readonly providerOptions: Record<string, unknown>;
  readonly pricing: Record<string, number>;
}

export interface ModelIndexContext {
  intern: Interner;
  credentialPresent: CredentialCheck;
  globalSystemPrompt: string;
  routes: RouteTable;
  /** The snapshot's groups: what availabilities are compiled against (the parts cache is valid for the same object only). */
  groups: object;
}

/** What a model's index holds that does not depend on credentials or on route slots. */
type ModelParts = Pick<ModelIndex, 'order' | 'active' | 'isPublic' | 'access' | 'entryPoints' | 'capabilities' | 'nativeTools' | 'systemPrompt' | 'parameters' | 'providerOptions' | 'pricing'>;

/**
 * What was worked out for each model object, for the next build over the
 * same object: a push that changes a few models keeps every other model's
 * object (src/server/delta.ts), and its index need not be worked out again.
 * Read only when the object is the previous snapshot's
 * (ResolverOptions.previous), and valid only for the same groups object and
 * global system prompt.
 *
 * `index` is the last index built from these parts. Routes are always laid
 * out anew (credential presence may have changed since), but when a model's
 * slots come out the same, as they do for every model a few changes do not
 * shift, that index is field for field what a new one would be, and is
 * returned instead: a ModelIndex holds slot numbers only, the attempts are
 * the new table's. That spares an object per model per push, and the GC work
 * of keeping them.
 */
interface WorkedOut {
  groups: object;
  globalSystemPrompt: string;
  parts: ModelParts;
  index?: ModelIndex;
}
const workedOut = new WeakMap<SnapshotModel, WorkedOut>();

/** Global, then model, separated by one blank line; YAML block scalars' trailing newlines are not doubled. */
export function composeSystemPrompt(global: string, own: string): string {
  const parts = [global.trim(), own.trim()].filter((p) => p !== '');
  return parts.join('\n\n');
}

const EMPTY: Readonly<Record<string, never>> = Object.freeze({});

/** Flat records of numbers: a frozen shallow copy suffices. */
function frozenFlat(record: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  let any = false;
  for (const k in record) {
    const v = record[k];
    if (v !== undefined) {
      out[k] = v;
      any = true;
    }
  }
  return any ? Object.freeze(out) : EMPTY;
}

/** The parts of `m`'s index, worked out anew unless `reuse` finds them still valid. */
function workedOutFor(m: SnapshotModel, ctx: ModelIndexContext, reuse: boolean): WorkedOut {
  const cached = reuse ? workedOut.get(m) : undefined;
  if (cached && cached.groups === ctx.groups && cached.globalSystemPrompt === ctx.globalSystemPrompt) return cached;
  const hasOptions = Object.keys(m.providerOptions).length > 0;
  const parts: ModelParts = {
    order: m.order,
    active: m.status === 'active',
    isPublic: m.access === 'public',
    access: ctx.intern.access(m.availability),
    entryPoints: m.entryPoints === null ? null : ctx.intern.set(m.entryPoints),
    capabilities: ctx.intern.set(m.capabilities),
    nativeTools: ctx.intern.set(m.nativeTools),
    systemPrompt: composeSystemPrompt(ctx.globalSystemPrompt, m.systemPrompt),
    parameters: frozenFlat(m.parameters),
    providerOptions: hasOptions ? frozenCopy(m.providerOptions) : EMPTY,
    pricing: frozenFlat(m.pricing as Record<string, number | undefined>),
  };
  const worked: WorkedOut = { groups: ctx.groups, globalSystemPrompt: ctx.globalSystemPrompt, parts };
  workedOut.set(m, worked);
  return worked;
}

function sameRoutes(a: ModelIndex, r: Routes): boolean {
  if (a.routeStart !== r.routeStart || a.usableEnd !== r.usableEnd || a.routeEnd !== r.routeEnd || a.activeSourceCount !== r.activeSourceCount) return false;
  const x = a.classEnds;
  const y = r.classEnds;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** `reuse`: `m` is the very object the previous snapshot held, so what was worked out for it then still holds. */
export function buildModelIndex(name: string, m: SnapshotModel, ctx: ModelIndexContext, reuse = false): ModelIndex {
  return indexWithRoutes(name, m, ctx, reuse, modelRoutes(m, ctx, reuse));
}

/** The index of `m` whose routable sources are laid out at `r` (buildModelIndex, or a patch writing them into old slots: index-patch.ts). */
export function indexWithRoutes(name: string, m: SnapshotModel, ctx: ModelIndexContext, reuse: boolean, r: Routes): ModelIndex {
  const worked = workedOutFor(m, ctx, reuse);
  const last = worked.index;
  if (last !== undefined && last.name === name && sameRoutes(last, r)) return last;
  const index: ModelIndex = {
    name,
    model: m,
    ...worked.parts,
    routeStart: r.routeStart,
    usableEnd: r.usableEnd,
    routeEnd: r.routeEnd,
    classEnds: r.classEnds,
    routeCount: r.routeEnd - r.routeStart,
    activeSourceCount: r.activeSourceCount,
  };
  worked.index = index;
  return index;
}
