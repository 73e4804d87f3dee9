// Cross-reference checks that JSON Schema cannot express. Each rule is small,
// named, and reports `pointer: message`; all rules run, nothing stops early.
// The compiler enforces the same invariants on the way in; these guard a
// resolver against hand-edited or foreign snapshots.
import type { Snapshot, SnapshotAvailability } from '../generated/types.js';
import { pointer } from './pointer.js';

type Report = (at: string, message: string) => void;
export type SnapshotRule = (s: Snapshot, report: Report) => void;

const entries = <T>(record: Record<string, T | undefined>): [string, T][] =>
  Object.entries(record).filter((e): e is [string, T] => e[1] !== undefined);

function checkAvailability(s: Snapshot, a: SnapshotAvailability, at: string[], report: Report): void {
  if (typeof a === 'string') return;
  a.groups.forEach((g, i) => {
    if (!s.groups[g]) report(pointer(...at, 'groups', i), `unknown group '${g}'`);
  });
}

const sourceProviderExists: SnapshotRule = (s, report) => {
  for (const [name, m] of entries(s.models)) {
    m.sources.forEach((src, i) => {
      if (!s.providers[src.provider]) report(pointer('models', name, 'sources', i, 'provider'), `unknown provider '${src.provider}'`);
    });
  }
};

const sourceIdsUnique: SnapshotRule = (s, report) => {
  // report(sourceId) addresses breakers by id, so ids must be unique snapshot-wide.
  const seen = new Set<string>();
  for (const [name, m] of entries(s.models)) {
    m.sources.forEach((src, i) => {
      if (seen.has(src.id)) report(pointer('models', name, 'sources', i, 'id'), `duplicate source id '${src.id}'`);
      seen.add(src.id);
    });
  }
};

const tierReferencesExist: SnapshotRule = (s, report) => {
  for (const [name, t] of entries(s.tiers)) {
    if (!s.entryPointGroups[t.entryPointGroup]) {
      report(pointer('tiers', name, 'entryPointGroup'), `unknown entry point group '${t.entryPointGroup}'`);
    }
    t.models.forEach((m, i) => {
      if (!s.models[m]) report(pointer('tiers', name, 'models', i), `unknown model '${m}'`);
    });
  }
};

const collectionModelsExist: SnapshotRule = (s, report) => {
  for (const [name, c] of entries(s.collections)) {
    c.models.forEach((m, i) => {
      if (!s.models[m]) report(pointer('collections', name, 'models', i), `unknown model '${m}'`);
    });
  }
};

const defaultModelExists: SnapshotRule = (s, report) => {
  const d = s.settings.defaultModel;
  if (d !== null && !s.models[d]) report(pointer('settings', 'defaultModel'), `unknown model '${d}'`);
};

const availabilityGroupsExist: SnapshotRule = (s, report) => {
  checkAvailability(s, s.settings.defaultAvailability, ['settings', 'defaultAvailability'], report);
  for (const kind of ['models', 'tiers', 'collections'] as const) {
    for (const [name, r] of entries<{ availability: SnapshotAvailability }>(s[kind])) {
      checkAvailability(s, r.availability, [kind, name, 'availability'], report);
    }
  }
};

const nativeToolsExist: SnapshotRule = (s, report) => {
  for (const [name, m] of entries(s.models)) {
    m.nativeTools.forEach((t, i) => {
      if (!s.nativeTools[t]) report(pointer('models', name, 'nativeTools', i), `unknown native tool '${t}'`);
    });
  }
};

export const SNAPSHOT_RULES: readonly SnapshotRule[] = [
  sourceProviderExists,
  sourceIdsUnique,
  tierReferencesExist,
  collectionModelsExist,
  defaultModelExists,
  availabilityGroupsExist,
  nativeToolsExist,
];
