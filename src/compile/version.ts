// version = sha256 over the canonical bytes of everything but `version` (design §4).
import { createHash } from 'node:crypto';
import type { Snapshot } from '../generated/types.js';
import { canonicalJson } from '../runtime/canonical.js';

function versionOfCanonical(json: string): string {
  return 'sha256:' + createHash('sha256').update(json, 'utf8').digest('hex');
}

export function snapshotVersion(content: Omit<Snapshot, 'version'>): string {
  return versionOfCanonical(canonicalJson(content));
}

/** Canonical bytes of snapshots made by withVersion, so serializing does not walk 15 MB twice. */
const serialized = new WeakMap<Snapshot, string>();

export function withVersion(content: Omit<Snapshot, 'version'>): Snapshot {
  const json = canonicalJson(content);
  const version = versionOfCanonical(json);
  const snapshot = Object.freeze({ ...content, version }) as Snapshot;
  // `version` sorts after every other top-level key, so the canonical form of the
  // whole snapshot is the content's with `"version":…` appended.
  if (Object.keys(content).every((k) => k < 'version') && json.endsWith('}') && json !== '{}') serialized.set(snapshot, `${json.slice(0, -1)},"version":${JSON.stringify(version)}}`);
  return snapshot;
}

/** Canonical JSON of a snapshot, reusing the bytes withVersion hashed when it made it. */
export function canonicalSnapshot(snapshot: Snapshot): string {
  return serialized.get(snapshot) ?? canonicalJson(snapshot);
}

/** The bytes written to disk and signed: canonical JSON plus a final newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return canonicalSnapshot(snapshot) + '\n';
}
