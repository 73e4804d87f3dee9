// The snapshot `version` (design §4): sha256 over the canonical bytes of
// everything except `version` itself, so it can be recomputed from the content.
import { canonicalJson } from './canonical.js';
import { sha256Hex, utf8 } from './bytes.js';

/** `sha256:<hex>` of canonicalJson(snapshot without `version`). */
export async function computeVersion(snapshot: object): Promise<string> {
  const { version: _ignored, ...content } = snapshot as Record<string, unknown>;
  return `sha256:${await sha256Hex(utf8(canonicalJson(content)))}`;
}

/**
 * The version of a snapshot given as its canonical bytes, without
 * re-serializing it: `version` sorts after every other top-level key, so the
 * content's canonical form is the bytes without their final
 * `,"version":"…"` member. Null when the bytes do not end that way (the
 * caller then hashes canonicalJson instead).
 */
export async function versionFromCanonical(canonical: Uint8Array, version: string): Promise<string | null> {
  const suffix = utf8(`,"version":${JSON.stringify(version)}}`);
  const cut = canonical.length - suffix.length;
  if (cut < 1) return null;
  for (let k = 0; k < suffix.length; k++) if (canonical[cut + k] !== suffix[k]) return null;
  const content = new Uint8Array(cut + 1);
  content.set(canonical.subarray(0, cut), 0);
  content[cut] = 0x7d; // }
  return `sha256:${await sha256Hex(content)}`;
}

/** The bytes an Ed25519 signature covers: UTF-8 of canonicalJson(snapshot), version included. */
export function signedBytes(snapshot: object): Uint8Array {
  return utf8(canonicalJson(snapshot));
}
