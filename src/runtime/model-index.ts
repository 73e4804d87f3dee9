// Everything resolve() needs about one model, computed once at load:
// lookups as (shared) Sets, the composed system prompt, frozen result parts,
// and where its routable sources sit in the route table.
import type { SnapshotModel } from '../generated/types.js';
import type { Access } from './availability.js';
import type { CredentialCheck } from './credentials.js';
import { frozenCopy } from './freeze.js';
import type { Interner } from './interner.js';
import { modelRoutes } from './model-routes.js';
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
 * The parts of each model object's index, for the next build over the same
 * object: a push that changes a few models keeps every other model's object
 * (src/server/delta.ts), and its index need not be worked out again. Read
 * only when the object is the previous snapshot's (ResolverOptions.previous),
 * and valid only for the same groups object and global system prompt; routes
 * are always laid out anew (credential presence may have changed since).
 */
const partsCache = new WeakMap<SnapshotModel, { groups: object; globalSystemPrompt: string; parts: ModelParts }>();

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

function modelParts(m: SnapshotModel, ctx: ModelIndexContext, reuse: boolean): ModelParts {
  const cached = reuse ? partsCache.get(m) : undefined;
  if (cached && cached.groups === ctx.groups && cached.globalSystemPrompt === ctx.globalSystemPrompt) return cached.parts;
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
  partsCache.set(m, { groups: ctx.groups, globalSystemPrompt: ctx.globalSystemPrompt, parts });
  return parts;
}

/**
 * The index last built for each model object, with the parts it was built
 * from. A push that changes a few models lays every other model's routes out
 * in the same slots of the new route table; such a model's index would come
 * out field for field the same, so the one built before is returned. That
 * spares a new object per model per push, and the GC work of keeping them
 * (a ModelIndex holds slot numbers only: the attempts are the new table's).
 */
const indexCache = new WeakMap<SnapshotModel, { index: ModelIndex; parts: ModelParts }>();

type Routes = ReturnType<typeof modelRoutes>;

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
  const r = modelRoutes(m, ctx, reuse);
  const p = modelParts(m, ctx, reuse);
  const last = reuse ? indexCache.get(m) : undefined;
  if (last !== undefined && last.parts === p && last.index.name === name && sameRoutes(last.index, r)) return last.index;
  const index: ModelIndex = {
    name,
    model: m,
    ...p,
    routeStart: r.routeStart,
    usableEnd: r.usableEnd,
    routeEnd: r.routeEnd,
    classEnds: r.classEnds,
    routeCount: r.routeEnd - r.routeStart,
    activeSourceCount: r.activeSourceCount,
  };
  indexCache.set(m, { index, parts: p });
  return index;
}
