// Checking --verify-key before the server listens: a private key, an RSA or
// X25519 key, or text that is no key at all would otherwise start a server
// that refuses every push (or, worse, an operator who pasted the private key
// would leave it on every gateway). Messages name the problem, never the
// key's text, and never repeat a parser's message about it.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { keyIdFromSpkiDer, pemToDer } from '../runtime/index.js';

/** A configuration the server cannot start with; the CLI maps it to a usage error. */
export class ServerConfigError extends Error {
  override readonly name = 'ServerConfigError';
}

function isPrivate(pem: string): boolean {
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(pem)) return true;
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

/** The key id of a valid Ed25519 public key (PEM, SPKI); throws ServerConfigError otherwise. */
export async function checkVerifyKey(pem: string): Promise<string> {
  if (isPrivate(pem)) throw new ServerConfigError('the verify key is a private key: give the server the public key (PREFIX.pub from modelctl keygen), and keep the private one in CI');
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new ServerConfigError('the verify key is not a PEM public key (expected -----BEGIN PUBLIC KEY----- with an Ed25519 key)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ServerConfigError(`the verify key is of type ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519: snapshots are signed with Ed25519`);
  try {
    // The runtime verifies with its own PEM reader: it must read the same key.
    return await keyIdFromSpkiDer(pemToDer(pem));
  } catch {
    throw new ServerConfigError('the verify key must be a single Ed25519 PEM public key block');
  }
}
