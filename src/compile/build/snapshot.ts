// Assembles the snapshot from validated resources. Maps keyed by name and sorted
// arrays make it independent of file layout; the version is computed separately.
import type { Snapshot } from '../../generated/types.js';
import type { CompileContext } from '../context.js';
import { normalizeAvailability, resolveAvailability } from './availability.js';
import { toLocaleMap } from './locale.js';
import { buildModel, firstLocale, resolveModel } from './model.js';
import type { SnapshotModel } from '../../generated/types.js';
import { resolveBaseUrl } from '../provider-types.js';

export const DEFAULT_CIRCUIT_BREAKER = { failureThreshold: 3, cooldownSeconds: 30, maxCooldownSeconds: 600 } as const;

function byName<T, R>(items: Iterable<{ name: string; spec: T }>, build: (spec: T, name: string) => R): Record<string, R> {
  const out: Record<string, R> = {};
  for (const { name, spec } of [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) out[name] = build(spec, name);
  return out;
}

/**
 * The models of a snapshot, built one at a time when asked and not kept:
 * what compile -o streams (50,000 resolved models held at once were a third
 * of its memory).
 */
export class LazyModels {
  /** Sorted as byName sorts. */
  readonly names: readonly string[];

  constructor(private readonly ctx: CompileContext) {
    this.names = [...ctx.byKind.Model.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Told of each model as it is built (compile notes what its summary line needs). */
  onModel?: (name: string, model: SnapshotModel) => void;

  get(name: string): SnapshotModel {
    const model = buildModel(this.ctx, this.ctx.byKind.Model.get(name)!);
    this.onModel?.(name, model);
    return model;
  }
}

/** What compile's summary line reads of a model: status, access, number of sources. */
export type ModelSummary = [status: string, access: string, sources: number];

/**
 * The models of a snapshot as canonical JSON already made (by `--cache`, see
 * src/compile/incremental.ts), written as they are; get() parses one back
 * (signing needs objects; canonical JSON parses back to the same bytes).
 */
export class CachedModels {
  constructor(
    /** Sorted as byName sorts. */
    readonly names: readonly string[],
    /** Canonical JSON of each model, in the order of names. */
    readonly json: readonly Uint8Array[],
    readonly summaries: readonly ModelSummary[],
  ) {}

  get(name: string): SnapshotModel {
    const i = this.names.indexOf(name);
    const bytes = this.json[i]!;
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as SnapshotModel;
  }
}

export type CachedModelsContent = Omit<Snapshot, 'version' | 'models'> & { models: CachedModels };

/** The snapshot content with its models left to be built while it is written. */
export type StreamContent = Omit<Snapshot, 'version' | 'models'> & { models: LazyModels };

export function buildStreamContent(ctx: CompileContext): StreamContent {
  return { ...buildSnapshotContent(ctx, false), models: new LazyModels(ctx) };
}

export function buildSnapshotContent(ctx: CompileContext): Omit<Snapshot, 'version'>;
export function buildSnapshotContent(ctx: CompileContext, withModels: false): Omit<Snapshot, 'version' | 'models'>;
export function buildSnapshotContent(ctx: CompileContext, withModels = true): Omit<Snapshot, 'version'> | Omit<Snapshot, 'version' | 'models'> {
  const s = ctx.settings;
  const locale = firstLocale(ctx);
  const fallback = s?.defaults?.availability;
  return {
    formatVersion: 1,
    settings: {
      globalSystemPrompt: s?.globalSystemPrompt ?? '',
      defaultModel: s?.defaultModel ?? null,
      locales: s?.locales ?? [locale],
      defaultAvailability: normalizeAvailability(fallback ?? 'all'),
      circuitBreaker: { ...DEFAULT_CIRCUIT_BREAKER, ...(s?.circuitBreaker ?? {}) },
    },
    providers: byName(ctx.byKind.Provider.values(), (p) => {
      const credentials: Record<string, { env: string } | { file: string }> = {};
      for (const [k, ref] of Object.entries(p.credentials)) if (ref) credentials[k] = 'env' in ref ? { env: ref.env } : { file: ref.file };
      return { type: p.type, baseUrl: resolveBaseUrl(p), ...(p.region ? { region: p.region } : {}), credentials };
    }),
    groups: byName(ctx.byKind.Group.values(), (g) => ({ description: g.description ?? '', aliases: [...(g.aliases ?? [])].sort() })),
    entryPointGroups: byName(ctx.byKind.EntryPointGroup.values(), (g) => ({ description: g.description ?? '', entryPoints: [...g.entryPoints].sort() })),
    ...(withModels ? { models: byName(ctx.byKind.Model.values(), (_spec, name) => resolveModel(ctx, ctx.byKind.Model.get(name)!)) } : {}),
    tiers: byName(ctx.byKind.Tier.values(), (t, name) => ({
      displayName: toLocaleMap(t.displayName, name, locale),
      description: toLocaleMap(t.description, undefined, locale),
      entryPointGroup: t.entryPointGroup,
      order: t.order ?? 1000,
      availability: resolveAvailability(t.availability, fallback),
      models: [...t.models],
    })),
    collections: byName(ctx.byKind.Collection.values(), (c, name) => ({
      displayName: toLocaleMap(c.displayName, name, locale),
      description: toLocaleMap(c.description, undefined, locale),
      order: c.order ?? 1000,
      availability: resolveAvailability(c.availability, fallback),
      models: [...c.models],
    })),
    nativeTools: byName(ctx.byKind.NativeTool.values(), (t, name) => ({
      displayName: toLocaleMap(t.displayName, name, locale),
      description: t.description ?? '',
      requires: [...new Set(['tools', ...(t.requires ?? [])])].sort(),
      pricing: { ...(t.pricing ?? {}) },
    })),
  };
}
