// version = sha256 over the canonical bytes of everything but `version` (design §4).
import { createHash } from 'node:crypto';
import type { Snapshot } from '../generated/types.js';
import { canonicalJson } from '../runtime/canonical.js';

export function snapshotVersion(content: Omit<Snapshot, 'version'>): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

export function withVersion(content: Omit<Snapshot, 'version'>): Snapshot {
  return { ...content, version: snapshotVersion(content) } as Snapshot;
}

/** The bytes written to disk and signed: canonical JSON plus a final newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return canonicalJson(snapshot) + '\n';
}
