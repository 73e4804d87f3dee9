// The bytes a target stores or sends: the snapshot, or a signed envelope
// around it. Canonical JSON, so the stored text hashes as the version says.
import { canonicalSnapshot } from '../compile/version.js';
import type { Snapshot } from '../generated/types.js';
import { canonicalJson, isEnvelope, loadSnapshot, type LoadResult, type SnapshotSignature } from '../runtime/index.js';

export function serializeDocument(snapshot: Snapshot, signature?: SnapshotSignature): string {
  // An envelope's keys sort as signature < snapshot, so its canonical form
  // wraps the snapshot's own canonical bytes (reused from compile, not rebuilt).
  const body = canonicalSnapshot(snapshot);
  return (signature ? `{"signature":${canonicalJson(signature)},"snapshot":${body}}` : body) + '\n';
}

/** Parses and checks a stored or received document: schema, references, version hash, and the signature when a key is given. */
export async function parseDocument(text: string, publicKey?: string): Promise<LoadResult> {
  return loadSnapshot(text, publicKey === undefined ? {} : { publicKey });
}

export { isEnvelope };
