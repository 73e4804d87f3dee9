// Where pushed snapshots are kept: a --state-dir (durable, survives restarts)
// or memory (no --state-dir: rollback still works within one process).
import { VersionDir } from '../apply/version-dir.js';

export interface KeptVersion {
  version: string;
  appliedAt: string;
  read(): Promise<string>;
}

export interface SnapshotStore {
  readonly durable: boolean;
  init(): Promise<void>;
  /** Newest first. */
  list(): Promise<KeptVersion[]>;
  append(version: string, document: string): Promise<void>;
}

export function dirStore(dir: string, keep: number): SnapshotStore {
  const versions = new VersionDir(dir, keep);
  return {
    durable: true,
    init: () => versions.init(),
    list: async () => (await versions.list()).map((e) => ({ version: e.version, appliedAt: e.appliedAt, read: () => versions.read(e) })),
    append: async (version, document) => void (await versions.append(version, document)),
  };
}

export function memoryStore(keep: number): SnapshotStore {
  let kept: { version: string; appliedAt: string; document: string }[] = [];
  return {
    durable: false,
    init: async () => undefined,
    list: async () => kept.map((e) => ({ version: e.version, appliedAt: e.appliedAt, read: async () => e.document })),
    append: async (version, document) => {
      kept = [{ version, appliedAt: new Date().toISOString(), document }, ...kept].slice(0, keep);
    },
  };
}
