// Ed25519 signing with node:crypto over the canonical bytes the runtime verifies
// (signedBytes). The envelope travels beside the snapshot, never inside its hash.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Snapshot } from '../generated/types.js';
import { isSerial, signedEnvelopeBytes, type SignedEnvelope } from '../runtime/envelope.js';

/** First 16 hex chars of sha256 over the raw 32-byte public key (matches the runtime). */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der.subarray(der.length - 32)).digest('hex').slice(0, 16);
}

export interface SignOptions {
  /**
   * Replay protection: a server with --verify-key takes only serials above the
   * newest it accepted. Default: the current time in milliseconds, which grows
   * from one CI run to the next without any state to keep.
   */
  serial?: number;
}

export function signSnapshot(snapshot: Snapshot, privateKeyPem: string, opts: SignOptions = {}): SignedEnvelope {
  const serial = opts.serial ?? Date.now();
  if (!isSerial(serial)) throw new Error('the signing serial must be a non-negative integer');
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('signing key must be an Ed25519 private key (PEM, PKCS#8)');
  const value = sign(null, signedEnvelopeBytes(snapshot, serial), key).toString('base64');
  return { snapshot, signature: { keyId: keyIdOf(createPublicKey(key)), algorithm: 'ed25519', serial, value } };
}

export function generateSigningKeys(): { privateKeyPem: string; publicKeyPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}
