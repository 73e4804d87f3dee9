// Loading a snapshot, bare or in a signed envelope (design §4):
//   { snapshot, signature: { keyId, algorithm: 'ed25519', serial, value: <base64> } }
// The signature covers a fixed prefix naming the serial, then UTF-8 of
// canonicalJson(snapshot) (see signedEnvelopeBytes), so transport formatting
// never matters. The serial is a signed, monotonically increasing number a
// server uses to refuse the replay of an older signed snapshot; it lives in
// the envelope, never in the hashed content, so versions stay deterministic.
// With a public key configured, only snapshots signed by that key, with a
// serial, load; without one, a signature is carried but unchecked.
import type { Snapshot } from '../generated/types.js';
import { fromBase64, utf8, verifyEd25519 } from './bytes.js';
import { keyIdFromSpkiDer, pemToDer } from './keys.js';
import { validateSnapshot } from './validate-snapshot.js';
import { computeVersion, signedBytes, versionFromCanonical } from './version.js';

export interface SnapshotSignature {
  keyId: string;
  algorithm: 'ed25519';
  /** Signed with the content; a server with a verify key takes only serials above the newest it accepted. */
  serial: number;
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

/** `serial` is set only when the signature was verified (an unchecked serial proves nothing). */
export type LoadResult = { ok: true; snapshot: Snapshot; verified: boolean; serial?: number } | { ok: false; errors: string[] };

/** The prefix names the format, so these bytes can never be mistaken for a bare snapshot's. */
const SIGNED_PREFIX = 'modelctl-envelope/v2\nserial:';

/** What an Ed25519 envelope signature covers: the prefix, the serial, a newline, then canonicalJson(snapshot). */
export function signedEnvelopeBytes(snapshot: object, serial: number): Uint8Array {
  const head = utf8(`${SIGNED_PREFIX}${serial}\n`);
  const body = signedBytes(snapshot);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

function withSerialPrefix(body: Uint8Array, serial: number): Uint8Array {
  const head = utf8(`${SIGNED_PREFIX}${serial}\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

export const isSerial = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** An envelope is an object whose only keys are `snapshot` and `signature`. */
export function isEnvelope(x: unknown): x is { snapshot: unknown; signature: unknown } {
  if (!isRecord(x) || !('snapshot' in x) || !('signature' in x)) return false;
  return Object.keys(x).length === 2;
}

function parseSignature(x: unknown): { keyId: string; serial: number; value: Uint8Array } | string {
  if (!isRecord(x)) return '/signature: must be an object';
  if (x['algorithm'] !== 'ed25519') return `/signature/algorithm: unsupported algorithm ${JSON.stringify(x['algorithm'])}`;
  if (typeof x['keyId'] !== 'string') return '/signature/keyId: must be a string';
  if (x['serial'] === undefined) {
    return '/signature/serial: missing: this envelope was signed without a serial (before replay protection); sign it again (compile or apply --sign-key)';
  }
  if (!isSerial(x['serial'])) return '/signature/serial: must be a non-negative integer';
  const value = typeof x['value'] === 'string' ? fromBase64(x['value']) : null;
  if (!value || value.length !== 64) return '/signature/value: must be base64 of a 64-byte Ed25519 signature';
  return { keyId: x['keyId'], serial: x['serial'], value };
}

/** The verified serial, or what is wrong. `canonical`: canonicalJson(snapshot) as UTF-8, when the caller has it. */
async function verify(snapshot: unknown, signature: unknown, publicKey: string, canonical?: Uint8Array): Promise<number | string> {
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
  const valid = await verifyEd25519(der, sig.value, canonical ? withSerialPrefix(canonical, sig.serial) : signedEnvelopeBytes(snapshot, sig.serial));
  return valid ? sig.serial : '/signature/value: signature does not match the snapshot content and serial';
}

/**
 * The signature's serial when `signature` signs `canonical` (the canonical
 * bytes of the snapshot beside it) under `publicKey`, else what is wrong.
 * For a server that has proved those bytes canonical; not public API.
 */
export function verifyCanonicalSignature(signature: unknown, publicKey: string, canonical: Uint8Array): Promise<number | string> {
  return verify({}, signature, publicKey, canonical);
}

function parseInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  return JSON.parse(input) as unknown;
}

/** Accepts a snapshot or envelope (object or JSON text); checks signature, schema, references and version. */
export function loadSnapshot(input: unknown, opts: LoadOptions = {}): Promise<LoadResult> {
  return loadSnapshotWith(input, opts);
}

/**
 * loadSnapshot for a caller that has checked its input's snapshot is already
 * canonical and holds those bytes (a server, for pushes): the version hash
 * and the signature are checked over `canonical` instead of serializing the
 * snapshot again. Not part of the public API: passing bytes that are not
 * canonicalJson(snapshot) would check the wrong thing.
 */
export async function loadSnapshotWith(input: unknown, opts: LoadOptions = {}, canonical?: Uint8Array): Promise<LoadResult> {
  let value: unknown;
  try {
    value = parseInput(input);
  } catch (e) {
    return { ok: false, errors: [`/: not JSON: ${(e as Error).message}`] };
  }
  const envelope = isEnvelope(value) ? value : null;
  const candidate = envelope ? envelope.snapshot : value;
  let serial: number | undefined;
  if (opts.publicKey !== undefined) {
    if (!envelope) return { ok: false, errors: ['/: snapshot is not signed, and a verify key is configured'] };
    const verified = await verify(envelope.snapshot, envelope.signature, opts.publicKey, canonical);
    if (typeof verified === 'string') return { ok: false, errors: [verified] };
    serial = verified;
  }
  const checked = validateSnapshot(candidate);
  const prefix = envelope ? '/snapshot' : '';
  if (!checked.ok) return { ok: false, errors: checked.errors.map((e) => prefix + e) };
  const expected = (canonical && (await versionFromCanonical(canonical, checked.snapshot.version))) || (await computeVersion(checked.snapshot));
  if (checked.snapshot.version !== expected) {
    return { ok: false, errors: [`${prefix}/version: is ${checked.snapshot.version}, content hashes to ${expected}`] };
  }
  if (serial === undefined) return { ok: true, snapshot: checked.snapshot, verified: false };
  return { ok: true, snapshot: checked.snapshot, verified: true, serial };
}
