// `get tiers|collections|groups|tools`: the declared resources with the
// columns an admin reads first.
import type { Snapshot, SnapshotAvailability } from '../generated/types.js';
import { availabilityText, byOrderThenName, display, present } from './text.js';

export interface TierRow {
  name: string;
  displayName: string;
  entryPointGroup: string;
  entryPoints: string[];
  order: number;
  availability: SnapshotAvailability;
  availabilityText: string;
  models: string[];
}

export interface CollectionRow {
  name: string;
  displayName: string;
  order: number;
  availability: SnapshotAvailability;
  availabilityText: string;
  models: string[];
}

export interface GroupRow {
  name: string;
  description: string;
  aliases: string[];
}

export interface ToolRow {
  name: string;
  displayName: string;
  description: string;
  requires: string[];
  perCall: number | null;
  models: string[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function tierRows(s: Snapshot): TierRow[] {
  return present(s.tiers)
    .map(([name, t]) => ({
      name,
      displayName: display(s, t.displayName, name),
      entryPointGroup: t.entryPointGroup,
      entryPoints: [...(s.entryPointGroups[t.entryPointGroup]?.entryPoints ?? [])],
      order: t.order,
      availability: t.availability,
      availabilityText: availabilityText(t.availability),
      models: [...t.models],
    }))
    .sort(byOrderThenName);
}

export function collectionRows(s: Snapshot): CollectionRow[] {
  return present(s.collections)
    .map(([name, c]) => ({ name, displayName: display(s, c.displayName, name), order: c.order, availability: c.availability, availabilityText: availabilityText(c.availability), models: [...c.models] }))
    .sort(byOrderThenName);
}

export function groupRows(s: Snapshot): GroupRow[] {
  return present(s.groups)
    .map(([name, g]) => ({ name, description: g.description, aliases: [...g.aliases] }))
    .sort(byName);
}

export function toolRows(s: Snapshot): ToolRow[] {
  const models = present(s.models);
  return present(s.nativeTools)
    .map(([name, t]) => ({
      name,
      displayName: display(s, t.displayName, name),
      description: t.description,
      requires: [...t.requires],
      perCall: t.pricing.perCall ?? null,
      models: models.filter(([, m]) => m.nativeTools.includes(name)).map(([n]) => n).sort(),
    }))
    .sort(byName);
}
