// version = sha256 over the canonical bytes of everything but `version` (design §4).
import { createHash } from 'node:crypto';
import type { Snapshot } from '../generated/types.js';
import { canonicalJson } from '../runtime/canonical.js';

const sha256 = (data: string | Uint8Array): string => 'sha256:' + createHash('sha256').update(data).digest('hex');

export function snapshotVersion(content: Omit<Snapshot, 'version'>): string {
  return sha256(canonicalJson(content));
}

/**
 * The document bytes of snapshots made by withVersion (canonical JSON and a
 * newline), so neither serializing, nor hashing, nor sending it converts or
 * walks 1.5 MB per 1,000 models again.
 */
const documents = new WeakMap<Snapshot, Buffer>();

/** `,"version":"sha256:<64 hex>"}` and the newline: what follows the content's bytes, less its closing brace. */
const TAIL_BYTES = ',"version":"sha256:"}\n'.length + 64;

export function withVersion(content: Omit<Snapshot, 'version'>): Snapshot {
  const json = canonicalJson(content);
  // `version` sorts after every other top-level key, so the canonical form of the
  // whole snapshot is the content's with `"version":…` in place of its closing brace.
  if (!Object.keys(content).every((k) => k < 'version') || !json.endsWith('}') || json === '{}') {
    return Object.freeze({ ...content, version: sha256(json) }) as Snapshot;
  }
  // One UTF-8 encoding, into a buffer the size of the whole document: the
  // content's bytes are hashed where they lie (hashing the string would encode
  // it again), then the version and the newline are written over the brace.
  const size = Buffer.byteLength(json, 'utf8');
  const doc = Buffer.allocUnsafe(size - 1 + TAIL_BYTES);
  doc.write(json, 0, 'utf8');
  const version = sha256(doc.subarray(0, size));
  doc.write(`,"version":${JSON.stringify(version)}}\n`, size - 1, 'latin1');
  const snapshot = Object.freeze({ ...content, version }) as Snapshot;
  documents.set(snapshot, doc);
  return snapshot;
}

/** The document bytes of a snapshot withVersion made (canonical JSON plus a newline); undefined for any other. */
export function documentBytesOf(snapshot: Snapshot): Buffer | undefined {
  return documents.get(snapshot);
}

/** Canonical JSON of a snapshot, from the bytes withVersion made when it made it. */
export function canonicalSnapshot(snapshot: Snapshot): string {
  const doc = documents.get(snapshot);
  return doc ? doc.toString('utf8', 0, doc.length - 1) : canonicalJson(snapshot);
}

/** The bytes written to disk and signed: canonical JSON plus a final newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return canonicalSnapshot(snapshot) + '\n';
}
