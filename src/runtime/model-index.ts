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

/** `reuse`: `m` is the very object the previous snapshot held, so what was worked out for it then still holds. */
export function buildModelIndex(name: string, m: SnapshotModel, ctx: ModelIndexContext, reuse = false): ModelIndex {
  const r = modelRoutes(m, ctx, reuse);
  const p = modelParts(m, ctx, reuse);
  return {
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
}
