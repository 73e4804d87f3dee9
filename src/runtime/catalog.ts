// What the model selector shows (design §6), computed for one audience.
// The result is deep-frozen because the resolver caches and shares it.
import { allows } from './availability.js';
import { onEntryPoint, userVerdict, Verdict } from './eligibility.js';
import { deepFreeze } from './freeze.js';
import type { SnapshotIndex, TierIndex } from './indexes.js';
import type { ModelIndex } from './model-index.js';
import { pickText } from './locale.js';
import { toolReason } from './tools.js';
import type { CatalogCollection, CatalogModel, CatalogResult, CatalogTier } from './types.js';

export const EMPTY_CATALOG_MESSAGE =
  'No models are available to you here. Contact an administrator to request access.';

interface Audience {
  entryPoint: string;
  groups: readonly string[];
  locale: string | undefined;
}

function tierModel(t: TierIndex, a: Audience): string | null {
  if (!allows(t.access, a.groups)) return null;
  for (const m of t.models) if (userVerdict(m, a) === Verdict.Ok) return m.name;
  return null;
}

/** The model's native tools resolve() would allow (tools.ts rules), in the model's order, once each. */
function allowedTools(m: ModelIndex, toolRequires: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const name of m.model.nativeTools) if (!out.includes(name) && toolReason(name, m, toolRequires) === null) out.push(name);
  return out;
}

export function buildCatalog(ix: SnapshotIndex, a: Audience): CatalogResult {
  const fallback = ix.snapshot.settings.locales[0];
  const models: CatalogModel[] = [];
  const visible = new Set<string>();
  // ix.listed holds only public, active, routable models, already ordered.
  for (const m of ix.listed) {
    if (!allows(m.access, a.groups) || !onEntryPoint(m, a.entryPoint)) continue;
    visible.add(m.name);
    models.push({
      name: m.name,
      displayName: pickText(m.model.displayName, a.locale, fallback, m.name),
      vendor: m.model.vendor,
      purpose: m.model.purpose,
      capabilities: [...m.model.capabilities],
      tools: allowedTools(m, ix.toolRequires),
      order: m.order,
    });
  }
  const tiers: CatalogTier[] = [];
  for (const t of ix.tiersByEntryPoint.get(a.entryPoint) ?? []) {
    const model = tierModel(t, a);
    if (model !== null) tiers.push({ name: t.name, displayName: pickText(t.displayName, a.locale, fallback, t.name), model });
  }
  const collections: CatalogCollection[] = [];
  for (const c of ix.collections) {
    if (!allows(c.access, a.groups)) continue;
    const shown = c.models.filter((m) => visible.has(m));
    if (shown.length > 0) collections.push({ name: c.name, displayName: pickText(c.displayName, a.locale, fallback, c.name), models: shown });
  }
  const adminDefault = ix.snapshot.settings.defaultModel;
  const defaultModel = adminDefault !== null && visible.has(adminDefault) ? adminDefault : (models[0]?.name ?? null);
  const result: CatalogResult = { defaultModel, models, tiers, collections };
  if (models.length === 0) result.message = EMPTY_CATALOG_MESSAGE;
  return deepFreeze(result);
}
