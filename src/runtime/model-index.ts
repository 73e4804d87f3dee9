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
}

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

export function buildModelIndex(name: string, m: SnapshotModel, ctx: ModelIndexContext): ModelIndex {
  const r = modelRoutes(m, ctx);
  const hasOptions = Object.keys(m.providerOptions).length > 0;
  return {
    name,
    model: m,
    order: m.order,
    active: m.status === 'active',
    isPublic: m.access === 'public',
    access: ctx.intern.access(m.availability),
    entryPoints: m.entryPoints === null ? null : ctx.intern.set(m.entryPoints),
    capabilities: ctx.intern.set(m.capabilities),
    nativeTools: ctx.intern.set(m.nativeTools),
    routeStart: r.routeStart,
    usableEnd: r.usableEnd,
    routeEnd: r.routeEnd,
    classEnds: r.classEnds,
    routeCount: r.routeEnd - r.routeStart,
    activeSourceCount: r.activeSourceCount,
    systemPrompt: composeSystemPrompt(ctx.globalSystemPrompt, m.systemPrompt),
    parameters: frozenFlat(m.parameters),
    providerOptions: hasOptions ? frozenCopy(m.providerOptions) : EMPTY,
    pricing: frozenFlat(m.pricing as Record<string, number | undefined>),
  };
}
