// Everything resolve() needs about one model, computed once at load:
// lookups as Sets, the composed system prompt, frozen result parts, and the
// routable sources already split into priority classes.
import type { SnapshotModel } from '../generated/types.js';
import { compileAccess, type Access } from './availability.js';
import type { CredentialCheck } from './credentials.js';
import { frozenCopy } from './freeze.js';
import type { Attempt } from './types.js';

export interface RouteEntry {
  readonly attempt: Attempt;
  readonly weight: number;
  readonly priority: number;
  /** Index into the breaker board. */
  readonly slot: number;
}

/** Usable (weight > 0) routable sources of one priority; `total` is their summed weight. */
export interface PriorityClass {
  readonly priority: number;
  readonly entries: readonly RouteEntry[];
  readonly total: number;
}

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
  /** Active sources whose credential is present, weight > 0, by priority ascending. */
  readonly classes: readonly PriorityClass[];
  /** Active sources whose credential is present, weight 0: offered after all usable ones. */
  readonly drained: readonly RouteEntry[];
  readonly routeCount: number;
  readonly activeSourceCount: number;
  readonly systemPrompt: string;
  readonly parameters: Record<string, number>;
  readonly providerOptions: Record<string, unknown>;
  readonly pricing: Record<string, number>;
}

export interface ModelIndexContext {
  spellings: Map<string, string[]>;
  credentialPresent: CredentialCheck;
  globalSystemPrompt: string;
  /** Allocates the breaker slot for a source id. */
  slotFor: (sourceId: string) => number;
}

export function composeSystemPrompt(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n\n');
}

function routes(m: SnapshotModel, ctx: ModelIndexContext): Pick<ModelIndex, 'classes' | 'drained' | 'routeCount'> {
  const byPriority = new Map<number, RouteEntry[]>();
  const drained: RouteEntry[] = [];
  let routeCount = 0;
  for (const s of m.sources) {
    if (s.status !== 'active' || !ctx.credentialPresent(s.credential)) continue;
    const attempt: Attempt = Object.freeze({
      sourceId: s.id,
      provider: s.provider,
      model: s.model,
      protocol: s.protocol,
      baseUrl: s.baseUrl,
      credential: frozenCopy(s.credential),
    });
    const entry: RouteEntry = { attempt, weight: s.weight, priority: s.priority, slot: ctx.slotFor(s.id) };
    routeCount++;
    if (s.weight === 0) drained.push(entry);
    else {
      const list = byPriority.get(s.priority);
      if (list) list.push(entry);
      else byPriority.set(s.priority, [entry]);
    }
  }
  const classes = [...byPriority.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([priority, entries]) => ({ priority, entries, total: entries.reduce((t, e) => t + e.weight, 0) }));
  drained.sort((a, b) => a.priority - b.priority);
  return { classes, drained, routeCount };
}

export function buildModelIndex(name: string, m: SnapshotModel, ctx: ModelIndexContext): ModelIndex {
  return {
    name,
    model: m,
    order: m.order,
    active: m.status === 'active',
    isPublic: m.access === 'public',
    access: compileAccess(m.availability, ctx.spellings),
    entryPoints: m.entryPoints === null ? null : new Set(m.entryPoints),
    capabilities: new Set(m.capabilities),
    nativeTools: new Set(m.nativeTools),
    ...routes(m, ctx),
    activeSourceCount: m.sources.filter((s) => s.status === 'active').length,
    systemPrompt: composeSystemPrompt(ctx.globalSystemPrompt, m.systemPrompt),
    parameters: frozenCopy(m.parameters) as Record<string, number>,
    providerOptions: frozenCopy(m.providerOptions),
    pricing: frozenCopy(m.pricing) as Record<string, number>,
  };
}
