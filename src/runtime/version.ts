// The snapshot `version` (design §4): sha256 over the canonical bytes of
// everything except `version` itself, so it can be recomputed from the content.
import { canonicalJson } from './canonical.js';
import { sha256Hex, utf8 } from './bytes.js';

/** `sha256:<hex>` of canonicalJson(snapshot without `version`). */
export async function computeVersion(snapshot: object): Promise<string> {
  const { version: _ignored, ...content } = snapshot as Record<string, unknown>;
  return `sha256:${await sha256Hex(utf8(canonicalJson(content)))}`;
}

/** The bytes an Ed25519 signature covers: UTF-8 of canonicalJson(snapshot), version included. */
export function signedBytes(snapshot: object): Uint8Array {
  return utf8(canonicalJson(snapshot));
}
