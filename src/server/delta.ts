// A push that changes one model of the live snapshot — the usual GitOps
// change — checked by what changed. The live document's canonical bytes and
// its models' spans are kept (Basis); a new canonical document that differs
// from them inside one model's value is the old bytes with that value
// replaced, so:
//   - canonical form: only the new value is scanned (canonical form is
//     local: sorted keys, escapes and number forms inside each value; the
//     keys around it are the same bytes as before);
//   - the version hash and the signature: over the new bytes, natively, as
//     for any push (byte-verdict.ts);
//   - the value: the old snapshot with one model parsed anew, which is what
//     JSON.parse of the new bytes gives (same keys, same order);
//   - the schema on that model, then the cross-reference rules whole
//     (validate-snapshot.ts passesWithChangedModels).
// Anything else — several models changed, a model added or renamed, a
// settings change, bytes that are not canonical, any check failing — is
// answered null, and the caller runs the full check, which also names what
// is wrong. At 1,000 models this is ~5 ms instead of ~25 ms warm (and over
// 100 ms cold, as on a replica that checks one document per apply).
import { isUtf8 } from 'node:buffer';
import type { Snapshot } from '../runtime/index.js';
import { verifyCanonicalSignature } from '../runtime/envelope.js';
import { passesWithChangedModels } from '../runtime/validate-snapshot.js';
import { contentVersion, versionTail } from './byte-verdict.js';
import { isCanonicalValue } from './canonical-scan.js';

/** What a live document keeps so the next push can be checked by what changed. */
export interface Basis {
  /** The snapshot's canonical bytes: the whole document, or an envelope's `snapshot` member. */
  readonly canonical: Uint8Array;
  /** Its models' spans, relative to `canonical`: key start, key end, value start, value end, per model. */
  readonly models: Uint32Array;
  readonly snapshot: Snapshot;
}

export interface DeltaChecked {
  snapshot: Snapshot;
  serial?: number;
  basis: Basis;
}

const ENVELOPE_HEAD = Buffer.from('{"signature":');
const SNAPSHOT_KEY = Buffer.from(',"snapshot":');
const decoder = new TextDecoder();

/** The document's canonical snapshot bytes and, for an envelope, its signature's; null when this path cannot tell. */
function locate(bytes: Uint8Array): { canonical: Uint8Array; signature?: Uint8Array } | null {
  const body = bytes[bytes.length - 1] === 0x0a ? bytes.subarray(0, bytes.length - 1) : bytes;
  if (!startsWith(body, ENVELOPE_HEAD)) return body[0] === 0x7b ? { canonical: body } : null;
  // {"signature":<value>,"snapshot":<snapshot>}: the signature is small; its end is where `,"snapshot":{` follows a canonical value.
  const at = indexOf(body, SNAPSHOT_KEY, ENVELOPE_HEAD.length);
  if (at < 0 || body[body.length - 1] !== 0x7d || body[at + SNAPSHOT_KEY.length] !== 0x7b) return null;
  const signature = body.subarray(ENVELOPE_HEAD.length, at);
  if (!isCanonicalValue(signature)) return null;
  return { canonical: body.subarray(at + SNAPSHOT_KEY.length, body.length - 1), signature };
}

const startsWith = (b: Uint8Array, head: Uint8Array): boolean => b.length >= head.length && Buffer.compare(b.subarray(0, head.length), head) === 0;
const indexOf = (b: Uint8Array, needle: Uint8Array, from: number): number => Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(needle, from);

/** Compared natively this many bytes at a time before narrowing down. */
const CHUNK = 4096;

/** Length of the common prefix of a[0, n) and b[0, n). */
function commonPrefix(a: Uint8Array, b: Uint8Array, n: number): number {
  let i = 0;
  while (i + CHUNK <= n && Buffer.compare(a.subarray(i, i + CHUNK), b.subarray(i, i + CHUNK)) === 0) i += CHUNK;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Length of the common suffix of a[0, aEnd) and b[0, bEnd), at most `max`. */
function commonSuffix(a: Uint8Array, aEnd: number, b: Uint8Array, bEnd: number, max: number): number {
  let k = 0;
  while (k + CHUNK <= max && Buffer.compare(a.subarray(aEnd - k - CHUNK, aEnd - k), b.subarray(bEnd - k - CHUNK, bEnd - k)) === 0) k += CHUNK;
  while (k < max && a[aEnd - k - 1] === b[bEnd - k - 1]) k++;
  return k;
}

/** The model whose value span holds [from, to) of the old bytes, or -1. */
function modelHolding(models: Uint32Array, from: number, to: number): number {
  let lo = 0;
  let hi = models.length / 4 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (models[mid * 4 + 3]! < to) lo = mid + 1;
    else hi = mid - 1;
  }
  const m = lo;
  return m < models.length / 4 && models[m * 4 + 2]! <= from && to <= models[m * 4 + 3]! ? m : -1;
}

/** obj[key] = value as JSON.parse would: `__proto__` becomes an own property, not the prototype. */
function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * The check of `bytes` against the live `basis`, when they differ from it in
 * one model's value; null when they do not (or anything fails), and the full
 * check decides.
 */
export async function checkDelta(bytes: Uint8Array, basis: Basis, publicKey: string | undefined): Promise<DeltaChecked | null> {
  const found = locate(bytes);
  if (!found || (publicKey !== undefined && !found.signature)) return null;
  const { canonical } = found;
  const oldTail = versionTail(basis.canonical);
  const newTail = versionTail(canonical);
  if (!oldTail || !newTail) return null;
  // The content: everything before `,"version":…}`.
  const oldEnd = basis.canonical.length - oldTail.length;
  const newEnd = canonical.length - newTail.length;
  const prefix = commonPrefix(basis.canonical, canonical, Math.min(oldEnd, newEnd));
  if (prefix === oldEnd && prefix === newEnd) return null; // the same content: nothing to check by difference
  const suffix = commonSuffix(basis.canonical, oldEnd, canonical, newEnd, Math.min(oldEnd, newEnd) - prefix);
  const m = modelHolding(basis.models, prefix, oldEnd - suffix);
  if (m < 0) return null;
  const delta = newEnd - oldEnd;
  const [keyStart, keyEnd, valueStart, valueEnd] = [basis.models[m * 4]!, basis.models[m * 4 + 1]!, basis.models[m * 4 + 2]!, basis.models[m * 4 + 3]!];
  const value = canonical.subarray(valueStart, valueEnd + delta);
  if (value[0] !== 0x7b || !isCanonicalValue(value)) return null;
  if (contentVersion(canonical, newTail.length) !== newTail.version) return null;
  let serial: number | undefined;
  if (publicKey !== undefined) {
    const checked = await verifyCanonicalSignature(JSON.parse(decoder.decode(found.signature)) as unknown, publicKey, canonical);
    if (typeof checked !== 'number') return null;
    serial = checked;
  }
  const name = JSON.parse(decoder.decode(basis.canonical.subarray(keyStart, keyEnd))) as string;
  const snapshot = withModel(basis.snapshot, name, JSON.parse(decoder.decode(value)) as unknown, newTail.version);
  if (!passesWithChangedModels(snapshot, [name])) return null;
  const models = basis.models.slice();
  models[m * 4 + 3]! += delta;
  for (let k = (m + 1) * 4; k < models.length; k++) models[k]! += delta;
  const next: Basis = { canonical, models, snapshot: snapshot as unknown as Snapshot };
  return serial === undefined ? { snapshot: next.snapshot, basis: next } : { snapshot: next.snapshot, serial, basis: next };
}

/** The old snapshot with one model and the version replaced: every other member shared, keys in the same order. */
function withModel(old: Snapshot, name: string, model: unknown, version: string): Record<string, unknown> & { models: Record<string, unknown> } {
  const models: Record<string, unknown> = {};
  for (const key of Object.keys(old.models)) define(models, key, key === name ? model : old.models[key]);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(old)) define(out, key, key === 'models' ? models : key === 'version' ? version : (old as unknown as Record<string, unknown>)[key]);
  return out as Record<string, unknown> & { models: Record<string, unknown> };
}
