// A platform model with every default applied: the model's own fields, then the
// registry model it extends, then Settings defaults, then built-in defaults.
import type { SnapshotModel, SnapshotPricing, SnapshotSource } from '../../generated/types.js';
import type { Resource } from '../../validate/resources.js';
import type { CompileContext } from '../context.js';
import { PROTOCOLS, resolveBaseUrl } from '../provider-types.js';
import { resolveAvailability } from './availability.js';
import { toLocaleMap } from './locale.js';

export const DEFAULT_ORDER = 1000;
export const DEFAULT_WEIGHT = 100;
const PRICE_FIELDS = ['cacheRead', 'cacheWrite', 'input', 'output', 'perImage', 'perSecond'] as const; // sorted, like every key

export function firstLocale(ctx: CompileContext): string {
  return ctx.settings?.locales?.[0] ?? 'en';
}

function resolvePricing(ctx: CompileContext, r: Resource<'Model'>): SnapshotPricing {
  const layers = [r.spec.pricing, r.spec.extends ? ctx.registry.get(r.spec.extends)?.pricing : undefined, ctx.settings?.defaults?.pricing];
  const out: SnapshotPricing = {};
  for (const field of PRICE_FIELDS) {
    const value = layers.find((l) => l?.[field] !== undefined)?.[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

export function sourceId(model: string, provider: string, upstream: string): string {
  return `${model}@${provider}:${upstream}`;
}

function resolveSources(ctx: CompileContext, r: Resource<'Model'>): SnapshotSource[] {
  const out: SnapshotSource[] = [];
  for (const s of r.spec.sources ?? []) {
    const provider = ctx.byKind.Provider.get(s.provider)?.spec;
    if (!provider) continue; // reported by unknown-provider
    const binding = s.binding ?? 'default';
    const credential = provider.credentials[binding];
    if (!credential) continue; // reported by unknown-binding
    // Keys in sorted order: canonical JSON then keeps these objects as they are.
    out.push({
      baseUrl: resolveBaseUrl(provider),
      binding,
      credential: 'env' in credential ? { env: credential.env } : { file: credential.file },
      id: sourceId(r.name, s.provider, s.model),
      model: s.model,
      priority: s.priority ?? 0,
      protocol: s.protocol ?? PROTOCOLS[provider.type].default,
      provider: s.provider,
      providerType: provider.type,
      status: s.status ?? 'active',
      weight: s.weight ?? DEFAULT_WEIGHT,
    });
  }
  // Priority first; the id makes the order independent of how the YAML listed them.
  return out.sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What the rules ask of a model after registry inheritance: cheap to build, unlike the whole snapshot model. */
export interface ModelTraits {
  purpose: SnapshotModel['purpose'];
  capabilities: SnapshotModel['capabilities'];
  nativeTools: string[];
  maxOutputTokens: number | null;
  contextLimit: number | null;
}

const traitCache = new WeakMap<CompileContext, Map<string, ModelTraits>>();

/**
 * The inherited fields the rules check, memoised per context: `validate` runs
 * every rule over 10,000 models without building 10,000 snapshot models.
 */
export function resolveTraits(ctx: CompileContext, r: Resource<'Model'>): ModelTraits {
  let perCtx = traitCache.get(ctx);
  if (!perCtx) traitCache.set(ctx, (perCtx = new Map()));
  const hit = perCtx.get(r.name);
  if (hit) return hit;
  const m = r.spec;
  const base = m.extends ? ctx.registry.get(m.extends) : undefined;
  const traits: ModelTraits = {
    purpose: m.purpose ?? base?.purpose ?? 'chat',
    capabilities: [...(m.capabilities ?? base?.capabilities ?? [])].sort(),
    nativeTools: [...(m.nativeTools ?? [])].sort(),
    maxOutputTokens: m.maxOutputTokens ?? base?.maxOutputTokens ?? null,
    contextLimit: m.contextLimit ?? base?.contextLimit ?? null,
  };
  perCtx.set(r.name, traits);
  return traits;
}

const cache = new WeakMap<CompileContext, Map<string, SnapshotModel>>();

export function resolveModel(ctx: CompileContext, r: Resource<'Model'>): SnapshotModel {
  let perCtx = cache.get(ctx);
  if (!perCtx) cache.set(ctx, (perCtx = new Map()));
  const hit = perCtx.get(r.name);
  if (hit) return hit;
  const resolved = buildModel(ctx, r);
  perCtx.set(r.name, resolved);
  return resolved;
}

/** resolveModel without the memo: compile -o builds each model as it writes it and keeps none. */
export function buildModel(ctx: CompileContext, r: Resource<'Model'>): SnapshotModel {
  const m = r.spec;
  const base = m.extends ? ctx.registry.get(m.extends) : undefined;
  const locale = firstLocale(ctx);
  const traits = resolveTraits(ctx, r);
  // Keys in sorted order, so canonical JSON does not re-create 10,000 objects;
  // `extends` is undefined (omitted from JSON) when the model extends nothing.
  const resolved: SnapshotModel = {
    access: m.access ?? 'public',
    availability: resolveAvailability(m.availability, ctx.settings?.defaults?.availability),
    capabilities: traits.capabilities,
    compressionThreshold: m.compressionThreshold ?? null,
    contextLimit: traits.contextLimit,
    description: toLocaleMap(m.description, base?.description, locale),
    displayName: toLocaleMap(m.displayName, base?.displayName ?? r.name, locale),
    entryPoints: m.entryPoints ? [...m.entryPoints].sort() : null,
    extends: m.extends,
    maxOutputTokens: traits.maxOutputTokens,
    nativeTools: traits.nativeTools,
    order: m.order ?? DEFAULT_ORDER,
    parameters: { ...(m.parameters ?? {}) } as Record<string, number>,
    pricing: resolvePricing(ctx, r),
    providerOptions: { ...(m.providerOptions ?? {}) } as Record<string, Record<string, unknown>>,
    purpose: traits.purpose,
    sources: resolveSources(ctx, r),
    status: m.status ?? 'active',
    systemPrompt: m.systemPrompt ?? '',
    tasks: [...(m.tasks ?? [])].sort(),
    vendor: m.vendor ?? base?.vendor ?? ctx.byKind.Provider.get(m.sources?.[0]?.provider ?? '')?.spec.type ?? 'unknown',
  };
  return resolved;
}
