// The bytes a target stores or sends: the snapshot, or a signed envelope
// around it. Canonical JSON, so the stored text hashes as the version says.
import { canonicalSnapshot, documentBytesOf } from '../compile/version.js';
import type { Snapshot } from '../generated/types.js';
import { canonicalJson, isEnvelope, loadSnapshot, type LoadResult, type SnapshotSignature } from '../runtime/index.js';
import { basisFor, checkDelta, holdsBasis } from '../snapshot-bytes/delta.js';
import { documentBuffer } from '../io/buffers.js';

export function serializeDocument(snapshot: Snapshot, signature?: SnapshotSignature): string {
  // An envelope's keys sort as signature < snapshot, so its canonical form
  // wraps the snapshot's own canonical bytes (reused from compile, not rebuilt).
  const body = canonicalSnapshot(snapshot);
  return (signature ? `{"signature":${canonicalJson(signature)},"snapshot":${body}}` : body) + '\n';
}

/** serializeDocument's bytes: made once when the snapshot was compiled, when it was and is sent unsigned. */
export function documentBytes(snapshot: Snapshot, signature?: SnapshotSignature): Buffer {
  return (!signature && documentBytesOf(snapshot)) || Buffer.from(serializeDocument(snapshot, signature), 'utf8');
}

/** Parses and checks a stored or received document: schema, references, version hash, and the signature when a key is given. */
export async function parseDocument(text: string, publicKey?: string): Promise<LoadResult> {
  return loadSnapshot(text, publicKey === undefined ? {} : { publicKey });
}

/**
 * The live document a target holds, checked by difference from the desired
 * snapshot, which this process compiled (valid by construction); null when
 * that does not apply, and the caller runs its full check.
 *
 * Usually the live document is the desired one with a few models changed (the
 * models edited since the last apply), or the same. Then, as a server checks a
 * push (snapshot-bytes/delta.ts): the changed models are parsed and checked
 * against the schema, the cross-reference rules run whole, and the version
 * hash is taken over the bytes; every unchanged model is the desired
 * snapshot's own object, so the plan compares it by identity rather than
 * field by field. The same bytes: the desired snapshot itself. Anything else
 * (settings, providers or tiers changed, bytes not canonical) gets the full
 * check. An envelope's signature is not verified here, as the full check a
 * plan makes does not verify it either.
 */
export async function checkedByDifference(bytes: Uint8Array, desired: Snapshot | null | undefined): Promise<Snapshot | null> {
  if (!desired) return null;
  const doc = documentBytesOf(desired);
  const basis = basisFor(doc ? doc.subarray(0, doc.length - 1) : Buffer.from(canonicalSnapshot(desired), 'utf8'), desired);
  if (!basis) return null;
  if (holdsBasis(bytes, basis)) return desired;
  try {
    return (await checkDelta(bytes, basis, undefined))?.snapshot ?? null;
  } catch {
    return null; // deep nesting, say: the full check decides and says what is wrong
  }
}

/** What the `desired` a target's read is given comes to; null when there is none or it failed (its own caller reports that). */
export const settled = async (desired: PromiseLike<Snapshot | null> | undefined): Promise<Snapshot | null> => (desired ? Promise.resolve(desired).then((d) => d, () => null) : null);

/** parseDocument for a live document, checked by difference from `desired` when that applies (checkedByDifference). */
export async function parseLiveDocument(text: string, desired: Snapshot | null | undefined): Promise<LoadResult> {
  const near = desired ? await checkedByDifference(documentBuffer(text), desired) : null;
  return near ? { ok: true, snapshot: near, verified: false } : parseDocument(text);
}

export { isEnvelope };
