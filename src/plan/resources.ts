// A snapshot as a flat map of addressable resources: `model/claude-sonnet`,
// `tier/auto`, `settings`, … The order of KINDS is the order changes print in:
// what others refer to first (settings, providers, groups), then what refers.
import type { Snapshot } from '../generated/types.js';
import type { ResourceKind } from './types.js';

type MapKey = 'providers' | 'groups' | 'entryPointGroups' | 'nativeTools' | 'models' | 'tiers' | 'collections';

export const KINDS: readonly { kind: ResourceKind; key: MapKey | null }[] = [
  { kind: 'settings', key: null },
  { kind: 'provider', key: 'providers' },
  { kind: 'group', key: 'groups' },
  { kind: 'entry-point-group', key: 'entryPointGroups' },
  { kind: 'native-tool', key: 'nativeTools' },
  { kind: 'model', key: 'models' },
  { kind: 'tier', key: 'tiers' },
  { kind: 'collection', key: 'collections' },
];

export interface Resource {
  address: string;
  kind: ResourceKind;
  name: string;
  value: unknown;
}

export function address(kind: ResourceKind, name: string): string {
  return kind === 'settings' ? 'settings' : `${kind}/${name}`;
}

/** Every resource of the snapshot, in print order (kind, then name). */
export function resourcesOf(s: Snapshot | null): Map<string, Resource> {
  const out = new Map<string, Resource>();
  if (s === null) return out;
  for (const { kind, key } of KINDS) {
    if (key === null) {
      out.set('settings', { address: 'settings', kind, name: 'settings', value: s.settings });
      continue;
    }
    const record = s[key] as Record<string, unknown>;
    for (const name of Object.keys(record).sort()) {
      const value = record[name];
      if (value !== undefined) out.set(address(kind, name), { address: address(kind, name), kind, name, value });
    }
  }
  return out;
}
