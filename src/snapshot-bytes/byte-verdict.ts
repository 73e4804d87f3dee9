// The worker's check of a canonical push without parsing it. Every modelctl
// client sends canonical JSON, and for those bytes the version hash and the
// signature are checks on bytes: the version is the sha256 of the bytes
// without their final `,"version":…` member, and the signature covers the
// snapshot's bytes as they are. What needs the value — the schema and the
// cross-reference rules — runs once, on the main thread, meanwhile, on the
// value it rebuilds for the resolver anyway (speculate.ts). Parsing the
// document a second time in the worker only to validate it was ~300 ms of a
// 10,000-model push.
//
// Anything that does not pass here (not canonical, a wrong hash, a bad
// signature) returns null, and the full check in the worker
// gives the exact error, as it would have without this path.
import { createHash } from 'node:crypto';
import { verifyCanonicalSignature } from '../runtime/envelope.js';

const decoder = new TextDecoder();
/** The last member of a canonical snapshot ("version" sorts after every other key the schema allows). */
const VERSION_TAIL = /,"version":"(sha256:[0-9a-f]{64})"\}$/;
const ENVELOPE_HEAD = '{"signature":';
const SNAPSHOT_KEY = ',"snapshot":';

export type ByteVerdict = { serial?: number };

/**
 * `canonical`: the snapshot's canonical bytes within `bytes`, as
 * canonicalSnapshotBytes found them (the whole document, or the `snapshot`
 * member of an envelope whose only other member, first, is `signature`).
 */
export async function byteVerdict(bytes: Uint8Array, canonical: Uint8Array, publicKey: string | undefined): Promise<ByteVerdict | null> {
  const tail = versionTail(canonical);
  if (!tail) return null;
  const version = tail.version;
  if (contentVersion(canonical, tail.length) !== version) return null;
  if (publicKey === undefined) return {};
  const at = canonical.byteOffset - bytes.byteOffset;
  if (at === 0) return null; // a bare snapshot, and a key wants a signature: the full check says so
  // Canonical, so the envelope is exactly {"signature":<value>,"snapshot":<canonical>}.
  const signature = JSON.parse(decoder.decode(bytes.subarray(ENVELOPE_HEAD.length, at - SNAPSHOT_KEY.length))) as unknown;
  const serial = await verifyCanonicalSignature(signature, publicKey, canonical);
  return typeof serial === 'number' ? { serial } : null;
}

/** The version a canonical snapshot's last member states, and that member's length in bytes (with the closing brace). */
export function versionTail(canonical: Uint8Array): { version: string; length: number } | null {
  const tail = VERSION_TAIL.exec(decoder.decode(canonical.subarray(Math.max(0, canonical.length - 90))));
  return tail ? { version: tail[1]!, length: tail[0]!.length } : null;
}

/**
 * runtime versionFromCanonical's answer, hashed in place with node:crypto:
 * the content is the bytes without their version member, closed again.
 * (The runtime's portable Web Crypto path copies 15 MB twice to do it.)
 */
export function contentVersion(canonical: Uint8Array, tailLength: number): string {
  return `sha256:${createHash('sha256').update(canonical.subarray(0, canonical.length - tailLength)).update('}').digest('hex')}`;
}
