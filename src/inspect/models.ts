// `modelctl get models`: one row per platform model, with the status an admin
// console shows. Without live state a status is only active/inactive; with
// it, credential presence and breaker states refine an active model:
//   hidden       — no active source has its credential present on the server
//   circuit-open — every active source with a credential has an open breaker
//   degraded     — some of them do
// A half-open breaker is offered in its normal place, so it does not count as open.
import type { Snapshot, SnapshotAvailability, SnapshotModel, SnapshotPricing } from '../generated/types.js';
import { breakerOf, presenceOf, type LiveStatus } from './live.js';
import { availabilityText, byOrderThenName, display, present } from './text.js';

export type ModelStatus = 'active' | 'inactive' | 'hidden' | 'circuit-open' | 'degraded';

export interface ModelRow {
  name: string;
  displayName: string;
  displayNames: Record<string, string>;
  description: string;
  status: ModelStatus;
  purpose: SnapshotModel['purpose'];
  vendor: string;
  sources: { usable: number; total: number };
  access: SnapshotModel['access'];
  availability: SnapshotAvailability;
  availabilityText: string;
  order: number;
  entryPoints: string[] | null;
  protocols: string[];
  pricing: SnapshotPricing;
  contextLimit: number | null;
  default: boolean;
  capabilities: string[];
  nativeTools: string[];
  collections: string[];
}

function modelStatus(m: SnapshotModel, live: LiveStatus | null): ModelStatus {
  if (m.status === 'inactive') return 'inactive';
  if (!live) return 'active';
  const active = m.sources.filter((s) => s.status === 'active');
  const reachable = active.filter((s) => presenceOf(live, s.provider, s.binding) !== 'missing');
  if (active.length > 0 && reachable.length === 0) return 'hidden';
  const open = reachable.filter((s) => breakerOf(live, s.id) === 'open').length;
  if (open > 0 && open === reachable.length) return 'circuit-open';
  return open > 0 ? 'degraded' : 'active';
}

/** Active sources with weight; live, also with a credential not known missing and a breaker not open. */
function usable(m: SnapshotModel, live: LiveStatus | null): number {
  return m.sources.filter((s) => s.status === 'active' && s.weight > 0 && (!live || (presenceOf(live, s.provider, s.binding) !== 'missing' && breakerOf(live, s.id) !== 'open'))).length;
}

export function modelRows(s: Snapshot, live: LiveStatus | null): ModelRow[] {
  const collectionsOf = new Map<string, string[]>();
  for (const [c, col] of present(s.collections)) for (const m of col.models) collectionsOf.set(m, [...(collectionsOf.get(m) ?? []), c]);
  return present(s.models)
    .map(([name, m]): ModelRow => ({
      name,
      displayName: display(s, m.displayName, name),
      displayNames: { ...m.displayName },
      description: display(s, m.description, ''),
      status: modelStatus(m, live),
      purpose: m.purpose,
      vendor: m.vendor,
      sources: { usable: usable(m, live), total: m.sources.length },
      access: m.access,
      availability: m.availability,
      availabilityText: availabilityText(m.availability),
      order: m.order,
      entryPoints: m.entryPoints,
      protocols: [...new Set(m.sources.map((src) => src.protocol))].sort(),
      pricing: m.pricing,
      contextLimit: m.contextLimit,
      default: s.settings.defaultModel === name,
      capabilities: [...m.capabilities],
      nativeTools: [...m.nativeTools],
      collections: (collectionsOf.get(name) ?? []).sort(),
    }))
    .sort(byOrderThenName);
}
