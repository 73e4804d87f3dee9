// Loading a snapshot, bare or in a signed envelope (design §4):
//   { snapshot, signature: { keyId, algorithm: 'ed25519', value: <base64> } }
// The signature covers UTF-8 of canonicalJson(snapshot), so transport
// formatting never matters. With a public key configured, only snapshots
// signed by that key load; without one, a signature is carried but unchecked.
import type { Snapshot } from '../generated/types.js';
import { fromBase64, verifyEd25519 } from './bytes.js';
import { keyIdFromSpkiDer, pemToDer } from './keys.js';
import { validateSnapshot } from './validate-snapshot.js';
import { computeVersion, signedBytes } from './version.js';

export interface SnapshotSignature {
  keyId: string;
  algorithm: 'ed25519';
  /** Base64 of the 64-byte Ed25519 signature. */
  value: string;
}

export interface SignedEnvelope {
  snapshot: Snapshot;
  signature: SnapshotSignature;
}

export interface LoadOptions {
  /** PEM (SPKI) Ed25519 public key; when set, anything not signed by it is rejected. */
  publicKey?: string;
}

export type LoadResult = { ok: true; snapshot: Snapshot; verified: boolean } | { ok: false; errors: string[] };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** An envelope is an object whose only keys are `snapshot` and `signature`. */
export function isEnvelope(x: unknown): x is { snapshot: unknown; signature: unknown } {
  if (!isRecord(x) || !('snapshot' in x) || !('signature' in x)) return false;
  return Object.keys(x).length === 2;
}

function parseSignature(x: unknown): { keyId: string; value: Uint8Array } | string {
  if (!isRecord(x)) return '/signature: must be an object';
  if (x['algorithm'] !== 'ed25519') return `/signature/algorithm: unsupported algorithm ${JSON.stringify(x['algorithm'])}`;
  if (typeof x['keyId'] !== 'string') return '/signature/keyId: must be a string';
  const value = typeof x['value'] === 'string' ? fromBase64(x['value']) : null;
  if (!value || value.length !== 64) return '/signature/value: must be base64 of a 64-byte Ed25519 signature';
  return { keyId: x['keyId'], value };
}

async function verify(snapshot: unknown, signature: unknown, publicKey: string): Promise<string | null> {
  if (!isRecord(snapshot)) return '/snapshot: must be an object';
  const sig = parseSignature(signature);
  if (typeof sig === 'string') return sig;
  let der: Uint8Array;
  let keyId: string;
  try {
    der = pemToDer(publicKey);
    keyId = await keyIdFromSpkiDer(der);
  } catch (e) {
    return `verify key: ${(e as Error).message}`;
  }
  if (sig.keyId !== keyId) return `/signature/keyId: signed by key '${sig.keyId}', expected '${keyId}'`;
  const valid = await verifyEd25519(der, sig.value, signedBytes(snapshot));
  return valid ? null : '/signature/value: signature does not match the snapshot content';
}

function parseInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  return JSON.parse(input) as unknown;
}

/** Accepts a snapshot or envelope (object or JSON text); checks signature, schema, references and version. */
export async function loadSnapshot(input: unknown, opts: LoadOptions = {}): Promise<LoadResult> {
  let value: unknown;
  try {
    value = parseInput(input);
  } catch (e) {
    return { ok: false, errors: [`/: not JSON: ${(e as Error).message}`] };
  }
  const envelope = isEnvelope(value) ? value : null;
  const candidate = envelope ? envelope.snapshot : value;
  if (opts.publicKey !== undefined) {
    if (!envelope) return { ok: false, errors: ['/: snapshot is not signed, and a verify key is configured'] };
    const problem = await verify(envelope.snapshot, envelope.signature, opts.publicKey);
    if (problem) return { ok: false, errors: [problem] };
  }
  const checked = validateSnapshot(candidate);
  const prefix = envelope ? '/snapshot' : '';
  if (!checked.ok) return { ok: false, errors: checked.errors.map((e) => prefix + e) };
  const expected = await computeVersion(checked.snapshot);
  if (checked.snapshot.version !== expected) {
    return { ok: false, errors: [`${prefix}/version: is ${checked.snapshot.version}, content hashes to ${expected}`] };
  }
  return { ok: true, snapshot: checked.snapshot, verified: envelope !== null && opts.publicKey !== undefined };
}
