// Cross-reference checks that JSON Schema cannot express. Each rule is small,
// named, and reports `pointer: message`; all rules run, nothing stops early.
// The compiler enforces the same invariants on the way in; these guard a
// resolver against hand-edited or foreign snapshots.
import type { Snapshot, SnapshotAvailability } from '../generated/types.js';
import { pointer } from './pointer.js';

type Report = (at: string, message: string) => void;
export type SnapshotRule = (s: Snapshot, report: Report) => void;

/**
 * Calls `f` for each member. Without building [key, value] pairs: on a
 * 10,000-model snapshot, Object.entries three times over was most of the
 * rules' cost. (Parsed JSON holds no undefined; the check keeps types honest.)
 */
function each<T>(record: Record<string, T | undefined>, f: (name: string, value: T) => void): void {
  for (const name of Object.keys(record)) {
    const value = record[name];
    if (value !== undefined) f(name, value);
  }
}

/** Whether `name` is one of the record's own members: never `constructor` or `__proto__` from Object.prototype. */
const has = (record: object, name: string): boolean => Object.hasOwn(record, name);

function checkAvailability(s: Snapshot, a: SnapshotAvailability, at: string[], report: Report): void {
  if (typeof a === 'string') return;
  a.groups.forEach((g, i) => {
    if (!has(s.groups, g)) report(pointer(...at, 'groups', i), `unknown group '${g}'`);
  });
}

const sourceProviderExists: SnapshotRule = (s, report) => {
  each(s.models, (name, m) => {
    m.sources.forEach((src, i) => {
      if (!has(s.providers, src.provider)) report(pointer('models', name, 'sources', i, 'provider'), `unknown provider '${src.provider}'`);
    });
  });
};

/** Whether every source id is `<its model's name>@…` and no model name holds an `@` (what the compiler writes). */
export function idsNamedByModel(s: Snapshot): boolean {
  for (const name of Object.keys(s.models)) {
    if (name.includes('@')) return false;
    for (const src of s.models[name]?.sources ?? []) if (src.id.length <= name.length || src.id.charCodeAt(name.length) !== 0x40 || !src.id.startsWith(name)) return false;
  }
  return true;
}

/** Sources past this many are checked with a Set; fewer, against each earlier one (no allocation, no hashing). */
const FEW_SOURCES = 16;

export const sourceIdsUnique: SnapshotRule = (s, report) => {
  // report(sourceId) addresses breakers by id, so ids must be unique snapshot-wide.
  // When each id starts with its own model's name and `@`, and no name holds an `@`, the text
  // before the first `@` is the model's name: ids of two models always differ, and only a
  // model's own ids can repeat. So no snapshot-wide Set is built (~25 ms at 10,000 models, on
  // every push); the same duplicates are reported, at the same places (the later one).
  const perModel = idsNamedByModel(s);
  const seen = new Set<string>();
  const repeated = (sources: readonly { id: string }[], i: number): boolean => {
    const id = sources[i]!.id;
    if (!perModel || sources.length > FEW_SOURCES) {
      const again = seen.has(id);
      seen.add(id);
      return again;
    }
    for (let j = 0; j < i; j++) if (sources[j]!.id === id) return true;
    return false;
  };
  each(s.models, (name, m) => {
    if (perModel) seen.clear();
    for (let i = 0; i < m.sources.length; i++) if (repeated(m.sources, i)) report(pointer('models', name, 'sources', i, 'id'), `duplicate source id '${m.sources[i]!.id}'`);
  });
};

const tierReferencesExist: SnapshotRule = (s, report) => {
  each(s.tiers, (name, t) => {
    if (!has(s.entryPointGroups, t.entryPointGroup)) {
      report(pointer('tiers', name, 'entryPointGroup'), `unknown entry point group '${t.entryPointGroup}'`);
    }
    t.models.forEach((m, i) => {
      if (!has(s.models, m)) report(pointer('tiers', name, 'models', i), `unknown model '${m}'`);
    });
  });
};

const collectionModelsExist: SnapshotRule = (s, report) => {
  each(s.collections, (name, c) => {
    c.models.forEach((m, i) => {
      if (!has(s.models, m)) report(pointer('collections', name, 'models', i), `unknown model '${m}'`);
    });
  });
};

const defaultModelExists: SnapshotRule = (s, report) => {
  const d = s.settings.defaultModel;
  if (d !== null && !has(s.models, d)) report(pointer('settings', 'defaultModel'), `unknown model '${d}'`);
};

const availabilityGroupsExist: SnapshotRule = (s, report) => {
  checkAvailability(s, s.settings.defaultAvailability, ['settings', 'defaultAvailability'], report);
  for (const kind of ['models', 'tiers', 'collections'] as const) {
    each<{ availability: SnapshotAvailability }>(s[kind], (name, r) => checkAvailability(s, r.availability, [kind, name, 'availability'], report));
  }
};

const nativeToolsExist: SnapshotRule = (s, report) => {
  each(s.models, (name, m) => {
    m.nativeTools.forEach((t, i) => {
      if (!has(s.nativeTools, t)) report(pointer('models', name, 'nativeTools', i), `unknown native tool '${t}'`);
    });
  });
};

/**
 * Rules that look at each model on its own, against parts of the snapshot a
 * change to models alone leaves as they were (providers, groups, native
 * tools): a snapshot that passed, then changed only in some models, passes
 * them when it passes them with only those models (validate-snapshot.ts
 * passesWithChangedModels). The others — unique source ids, what tiers,
 * collections and settings name — read the whole models map.
 */
export const MODEL_LOCAL_RULES: ReadonlySet<SnapshotRule> = new Set([sourceProviderExists, availabilityGroupsExist, nativeToolsExist]);

export const SNAPSHOT_RULES: readonly SnapshotRule[] = [
  sourceProviderExists,
  sourceIdsUnique,
  tierReferencesExist,
  collectionModelsExist,
  defaultModelExists,
  availabilityGroupsExist,
  nativeToolsExist,
];
