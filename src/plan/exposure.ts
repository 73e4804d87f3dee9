// Who sees what: for every subject ('everyone' and each declared group) the
// models, tiers and collections it is offered, and where. Evaluated on both
// sides of a plan to say in words who gains or loses access.
//
// This reads the snapshot only (no runtime internals, no environment):
// credentials are assumed present, since that is a property of where a
// resolver runs, not of the catalog.
import type { Snapshot, SnapshotAvailability, SnapshotModel } from '../generated/types.js';

export const EVERYONE = 'everyone';
/** Stands for entry points the catalog never names: a model with no entryPoints list is offered there too. */
export const OTHER_ENTRY_POINTS = '*';

export type ExposedKind = 'model' | 'tier' | 'collection';

/** subject → "kind/name" → where (entry points for models, entry point group for tiers, '' for collections). */
export type Exposure = Map<string, Map<string, Set<string>>>;

const present = <T>(record: Record<string, T | undefined>): [string, T][] =>
  Object.entries(record).filter((e): e is [string, T] => e[1] !== undefined);

function subjectsOf(a: SnapshotAvailability, groups: readonly string[]): string[] {
  if (a === 'all') return [EVERYONE, ...groups];
  if (a === 'none') return [];
  return a.groups;
}

/** A model appears in the selector when public, active and with at least one active route. */
export function isOffered(m: SnapshotModel): boolean {
  return m.access === 'public' && m.status === 'active' && m.sources.some((s) => s.status === 'active');
}

/** Every entry point either snapshot names; together with OTHER_ENTRY_POINTS this is "everywhere". */
export function knownEntryPoints(...snapshots: (Snapshot | null)[]): Set<string> {
  const out = new Set<string>();
  for (const s of snapshots) {
    if (!s) continue;
    for (const [, g] of present(s.entryPointGroups)) for (const ep of g.entryPoints) out.add(ep);
    for (const [, m] of present(s.models)) for (const ep of m.entryPoints ?? []) out.add(ep);
  }
  return out;
}

/** Who is offered what; with `only`, just those addresses (e.g. the changed ones). */
export function exposure(s: Snapshot | null, everywhere: ReadonlySet<string>, only?: ReadonlySet<string>): Exposure {
  const out: Exposure = new Map();
  if (!s) return out;
  const groups = Object.keys(s.groups).filter((g) => s.groups[g] !== undefined);
  const add = (subject: string, key: string, where: Iterable<string>) => {
    let bySubject = out.get(subject);
    if (!bySubject) out.set(subject, (bySubject = new Map()));
    let set = bySubject.get(key);
    if (!set) bySubject.set(key, (set = new Set()));
    for (const w of where) set.add(w);
  };
  const all = [...everywhere, OTHER_ENTRY_POINTS];
  const wanted = (key: string) => !only || only.has(key);
  for (const [name, m] of present(s.models)) {
    if (!wanted(`model/${name}`) || !isOffered(m)) continue;
    const where = m.entryPoints ?? all;
    for (const subject of subjectsOf(m.availability, groups)) add(subject, `model/${name}`, where);
  }
  for (const [name, t] of present(s.tiers)) {
    if (!wanted(`tier/${name}`)) continue;
    for (const subject of subjectsOf(t.availability, groups)) add(subject, `tier/${name}`, [t.entryPointGroup]);
  }
  for (const [name, c] of present(s.collections)) {
    if (!wanted(`collection/${name}`)) continue;
    for (const subject of subjectsOf(c.availability, groups)) add(subject, `collection/${name}`, ['']);
  }
  return out;
}
