// Public-key plumbing for signed envelopes: PEM → DER and the key id that
// names a key in `signature.keyId`.
import { fromBase64, sha256Hex } from './bytes.js';

/** Ed25519 SPKI DER is a fixed 12-byte header followed by the raw 32-byte key. */
const ED25519_SPKI_LENGTH = 44;
/** SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING (33 bytes) }: checked whole, since an
 * X25519 key is also 44 bytes long and would otherwise pass for a key that verifies nothing. */
const ED25519_SPKI_HEADER = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

/** Decodes the first PEM block (e.g. `-----BEGIN PUBLIC KEY-----`). Throws on malformed input. */
export function pemToDer(pem: string): Uint8Array {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match) throw new Error('not a PEM block (expected -----BEGIN PUBLIC KEY-----)');
  const der = fromBase64((match[2] ?? '').replace(/\s+/g, ''));
  if (!der || der.length === 0) throw new Error(`PEM block ${match[1]} is not valid base64`);
  return der;
}

/** First 16 hex chars of sha256 over the raw 32-byte public key (the last 32 bytes of the SPKI DER). */
export async function keyIdFromSpkiDer(der: Uint8Array): Promise<string> {
  if (der.length !== ED25519_SPKI_LENGTH) {
    throw new Error(`not an Ed25519 SPKI public key (${der.length} bytes, expected ${ED25519_SPKI_LENGTH})`);
  }
  if (ED25519_SPKI_HEADER.some((b, i) => der[i] !== b)) throw new Error('not an Ed25519 SPKI public key (another algorithm or a malformed header)');
  return (await sha256Hex(der.subarray(der.length - 32))).slice(0, 16);
}
