// Group availability (design §6). Requests may name a group or any of its
// identity-provider aliases; both are folded into one lookup at load so a
// check is a Set.has per requested group, with no allocation.
import type { Snapshot, SnapshotAvailability } from '../generated/types.js';

/** null = everyone; otherwise every name or alias that grants access (empty = no one). */
export type Access = ReadonlySet<string> | null;

/**
 * Request spelling → declared group. A declared name always means that group,
 * even if another group also lists it as an alias.
 */
export function buildGroupLookup(s: Snapshot): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const name of Object.keys(s.groups)) lookup.set(name, name);
  for (const [name, g] of Object.entries(s.groups)) {
    for (const alias of g?.aliases ?? []) if (!lookup.has(alias)) lookup.set(alias, name);
  }
  return lookup;
}

/** Spellings (names and aliases) by declared group, from the lookup. */
export function spellingsByGroup(lookup: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [spelling, group] of lookup) {
    const list = out.get(group);
    if (list) list.push(spelling);
    else out.set(group, [spelling]);
  }
  return out;
}

export function compileAccess(a: SnapshotAvailability, spellings: Map<string, string[]>): Access {
  if (a === 'all') return null;
  const set = new Set<string>();
  if (a === 'none') return set;
  for (const g of a.groups) for (const s of spellings.get(g) ?? []) set.add(s);
  return set;
}

/** A user is allowed when any of their groups (or aliases) is granted. */
export function allows(access: Access, groups: readonly string[]): boolean {
  if (access === null) return true;
  if (access.size === 0) return false;
  for (let i = 0; i < groups.length; i++) if (access.has(groups[i]!)) return true;
  return false;
}
