// Where pushed snapshots are kept: a --state-dir (durable, survives restarts)
// or memory (no --state-dir: rollback still works within one process).
// Beside them, the highest signed serial ever accepted, in a file of its own:
// the kept documents alone cannot hold it, since rollbacks re-append older
// versions and pruning may drop the one that carried it.
import { join } from 'node:path';
import { cleanMeta, type ApplyMeta } from '../io/apply-meta.js';
import { writeFileDurable } from '../io/durable-write.js';
import { readTextIfExists } from '../io/read-capped.js';
import { VersionDir } from '../io/version-dir.js';

export interface KeptVersion {
  version: string;
  appliedAt: string;
  /** Who applied it and why, when the push said. */
  meta?: ApplyMeta;
  read(): Promise<string>;
}

export interface SnapshotStore {
  readonly durable: boolean;
  init(): Promise<void>;
  /** Newest first. */
  list(): Promise<KeptVersion[]>;
  append(version: string, document: string | Uint8Array, meta?: ApplyMeta): Promise<void>;
  /** The highest signed serial accepted, or null. */
  newestSerial(): Promise<number | null>;
  setNewestSerial(serial: number): Promise<void>;
}

/** The file name never matches VersionDir's pattern, so it is neither listed nor pruned. */
const SERIAL_FILE = 'newest-serial.json';

async function readSerialFile(path: string): Promise<number | null> {
  const text = await readTextIfExists(path);
  if (text === null) return null;
  const serial = (JSON.parse(text) as { serial?: unknown }).serial;
  // A damaged file must not silently reopen replays: refuse to start instead.
  if (typeof serial !== 'number' || !Number.isSafeInteger(serial)) throw new Error(`${path}: not a serial record; restore it or remove it deliberately`);
  return serial;
}

export function dirStore(dir: string, keep: number): SnapshotStore {
  const versions = new VersionDir(dir, keep);
  return {
    durable: true,
    init: () => versions.init(),
    list: async () => (await versions.list()).map((e) => ({ version: e.version, appliedAt: e.appliedAt, ...(e.meta ? { meta: e.meta } : {}), read: () => versions.read(e) })),
    append: async (version, document, meta) => void (await versions.append(version, document, meta)),
    newestSerial: () => readSerialFile(join(dir, SERIAL_FILE)),
    setNewestSerial: (serial) => writeFileDurable(join(dir, SERIAL_FILE), JSON.stringify({ serial }) + '\n'),
  };
}

export function memoryStore(keep: number): SnapshotStore {
  let kept: { version: string; appliedAt: string; document: string | Uint8Array; meta?: ApplyMeta }[] = [];
  let serial: number | null = null;
  return {
    durable: false,
    init: async () => undefined,
    list: async () => kept.map((e) => ({ version: e.version, appliedAt: e.appliedAt, ...(e.meta ? { meta: e.meta } : {}), read: async () => (typeof e.document === 'string' ? e.document : Buffer.from(e.document).toString('utf8')) })),
    append: async (version, document, meta) => {
      const clean = cleanMeta(meta);
      kept = [{ version, appliedAt: new Date().toISOString(), document, ...(clean ? { meta: clean } : {}) }, ...kept].slice(0, keep);
    },
    newestSerial: async () => serial,
    setNewestSerial: async (n) => void (serial = n),
  };
}
