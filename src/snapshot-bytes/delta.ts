// A push that changes models of the live snapshot — the usual GitOps change
// — checked by what changed. The live document's canonical bytes and its
// models' spans are kept (Basis); a new canonical document that differs from
// them only inside the models map is the old bytes with a run of models
// replaced, so:
//   - canonical form: only that run is scanned (canonical form is local:
//     sorted keys, escapes and number forms inside each value; the run's
//     keys are checked against its neighbours');
//   - the version hash and the signature: over the new bytes, natively, as
//     for any push (byte-verdict.ts);
//   - the value: the old snapshot with the run's changed models parsed anew,
//     which is what JSON.parse of the new bytes gives (same keys, same order);
//   - the schema on the changed models, then the cross-reference rules whole
//     (validate-snapshot.ts passesWithChangedModels).
// Anything else — a change to settings, tiers or providers, bytes that are
// not canonical, any check failing — is answered null, and the caller runs
// the full check, which also names what is wrong. For one changed model of
// 1,000: ~3 ms warm instead of ~25 (and over 100 ms cold, as on a replica
// that checks one document per apply).
import { isUtf8 } from 'node:buffer';
import type { Snapshot } from '../runtime/index.js';
import { verifyCanonicalSignature } from '../runtime/envelope.js';
import { passesWithChangedModels } from '../runtime/validate-snapshot.js';
import { idsNamedByModel } from '../runtime/snapshot-rules.js';
import { contentVersion, versionTail } from './byte-verdict.js';
import { canonicalMembers, isCanonicalValue, type KeySpan } from './canonical-scan.js';
import { define } from './assemble.js';
import { asBuffer } from '../io/buffers.js';
import { sameBackward, sameForward } from './byte-runs.js';
import { drain } from '../runtime/steps.js';
import { snapshotSpansSteps, type SnapshotSpans } from './json-spans.js';

/** What a live document keeps so the next push can be checked by what changed. */
export interface Basis {
  /** The snapshot's canonical bytes: the whole document, or an envelope's `snapshot` member. */
  readonly canonical: Uint8Array;
  /** Its models' spans, relative to `canonical`: key start, key end, value start, value end, per model. */
  readonly models: Uint32Array;
  readonly snapshot: Snapshot;
  /** Whether every source id is named after its model (runtime idsNamedByModel); worked out on the first change checked against it. */
  readonly namedIds?: boolean;
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
const indexOf = (b: Uint8Array, needle: Uint8Array, from: number): number => asBuffer(b).indexOf(needle, from);

/** The first model whose span number `field` (0 key start … 3 value end) is at least `atLeast`, or the count when none is. */
function firstWith(models: Uint32Array, field: number, atLeast: number): number {
  let lo = 0;
  let hi = models.length / 4 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (models[mid * 4 + field]! < atLeast) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo;
}

/** The last model whose key starts at or before `offset`, or -1. */
const lastStartingBy = (models: Uint32Array, offset: number): number => firstWith(models, 0, offset + 1) - 1;
/** The first model whose value ends at or after `offset`, or the count when none does. */
const firstEndingBy = (models: Uint32Array, offset: number): number => firstWith(models, 3, offset);

/** A name JS lists first among an object's keys ("7"); the first character rules most names out without the regex (asked of every model name per push). */
const isIndexLike = (name: string): boolean => {
  const c = name.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && /^(?:0|[1-9][0-9]*)$/.test(name);
};
const keyOf = (bytes: Uint8Array, start: number, end: number): string => JSON.parse(decoder.decode(bytes.subarray(start, end))) as string;
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;

/**
 * The check of `bytes` against the live `basis`, when they differ from it
 * only inside the models map; null when they do not (or anything fails), and
 * the full check decides.
 *
 * The changed bytes lie between the first and last difference; the run of
 * models they touch, widened by one unchanged model on each side (so a model
 * removed or added between two others is a run of members too), is read
 * anew from the new bytes: canonical members, keys ascending and between
 * their neighbours'. Every byte outside the run is the same as before, in
 * the same place (before it) or moved by the change in length (after it).
 */
export async function checkDelta(bytes: Uint8Array, basis: Basis, publicKey: string | undefined): Promise<DeltaChecked | null> {
  const found = locate(bytes);
  if (!found || (publicKey !== undefined && !found.signature)) return null;
  const { canonical } = found;
  const old = basis.canonical;
  const spans = basis.models;
  const count = spans.length / 4;
  const oldTail = versionTail(old);
  const newTail = versionTail(canonical);
  if (!oldTail || !newTail || count === 0) return null;
  // The content: everything before `,"version":…}`.
  const oldEnd = old.length - oldTail.length;
  const newEnd = canonical.length - newTail.length;
  const prefix = sameForward(old, 0, canonical, 0, Math.min(oldEnd, newEnd));
  if (prefix === oldEnd && prefix === newEnd) return null; // the same content: nothing to check by difference
  const suffix = sameBackward(old, oldEnd, canonical, newEnd, Math.min(oldEnd, newEnd) - prefix);
  const delta = newEnd - oldEnd;
  // The touched run [first, last], one unchanged neighbour wider on each side where there is one.
  const first = Math.max(0, lastStartingBy(spans, prefix) - 1);
  const last = Math.min(count - 1, firstEndingBy(spans, oldEnd - suffix) + 1);
  if (prefix < spans[0]! || oldEnd - suffix > spans[(count - 1) * 4 + 3]!) return null; // a change outside the models map
  const runStart = spans[first * 4]!;
  const runEnd = spans[last * 4 + 3]! + delta;
  const after: KeySpan | null = first > 0 ? [spans[(first - 1) * 4]!, spans[(first - 1) * 4 + 1]!] : null;
  const before: KeySpan | null = last < count - 1 ? [spans[(last + 1) * 4]! + delta, spans[(last + 1) * 4 + 1]! + delta] : null;
  const run: number[] = [];
  if (!canonicalMembers(canonical, runStart, runEnd, after, before, (ks, ke, vs, ve) => void run.push(ks, ke, vs, ve))) return null;
  for (let k = 2; k < run.length; k += 4) if (canonical[run[k]!] !== 0x7b) return null; // every model is an object
  if (contentVersion(canonical, newTail.length) !== newTail.version) return null;
  let serial: number | undefined;
  if (publicKey !== undefined) {
    const checked = await verifyCanonicalSignature(JSON.parse(decoder.decode(found.signature)) as unknown, publicKey, canonical);
    if (typeof checked !== 'number') return null;
    serial = checked;
  }
  // The run's models: an old one whose bytes did not change is kept as it was (the same object), the rest parsed.
  const oldRun = new Map<string, { start: number; end: number }>();
  for (let m = first; m <= last; m++) oldRun.set(keyOf(old, spans[m * 4]!, spans[m * 4 + 1]!), { start: spans[m * 4 + 2]!, end: spans[m * 4 + 3]! });
  const models: Record<string, unknown> = {};
  const oldModels = basis.snapshot.models as Record<string, unknown>;
  // The old models by position: Object.keys gives the bytes' order, unless a name is an array index ("7"), which JS lists first.
  const names = Object.keys(oldModels);
  if (names.length !== count || names.some(isIndexLike)) return null;
  copyMembers(models, oldModels, names, 0, first);
  const changed: string[] = [];
  for (let k = 0; k < run.length; k += 4) {
    const name = keyOf(canonical, run[k]!, run[k + 1]!);
    const value = canonical.subarray(run[k + 2]!, run[k + 3]!);
    const was = oldRun.get(name);
    if (was && sameBytes(old.subarray(was.start, was.end), value)) define(models, name, oldModels[name]);
    else {
      define(models, name, JSON.parse(decoder.decode(value)) as unknown);
      changed.push(name);
    }
  }
  copyMembers(models, oldModels, names, last + 1, count);
  const snapshot = withMembers(basis.snapshot, models, newTail.version);
  // Every source id named after its model: the unchanged models' as before (worked out once per basis), the changed ones' here.
  const namedIds = (basis.namedIds ?? idsNamedByModel(basis.snapshot)) && idsNamedByModel({ models: Object.fromEntries(changed.map((n) => [n, models[n]])) } as unknown as Snapshot);
  if (!passesWithChangedModels(snapshot, changed, namedIds)) return null;
  const nextSpans = new Uint32Array(first * 4 + run.length + (count - 1 - last) * 4);
  nextSpans.set(spans.subarray(0, first * 4));
  nextSpans.set(run, first * 4);
  shiftInto(nextSpans, first * 4 + run.length, spans, (last + 1) * 4, delta);
  const next: Basis = { canonical, models: nextSpans, snapshot: snapshot as unknown as Snapshot, namedIds };
  return serial === undefined ? { snapshot: next.snapshot, basis: next } : { snapshot: next.snapshot, serial, basis: next };
}

// The loops over every model live in these small functions, not in checkDelta:
// V8 optimizes a function once its loops have run enough, and a replica runs
// checkDelta once per apply, so a loop over 1,000 models inside it made V8
// compile all of checkDelta, and all it inlines, with its optimizing compiler:
// ~100 ms of a background thread's CPU per compile (--trace-opt), paid again
// after a deoptimization, by every replica of a fleet on shared cores.

/** into[names[i]] = from[names[i]] for i in [start, end). */
function copyMembers(into: Record<string, unknown>, from: Record<string, unknown>, names: readonly string[], start: number, end: number): void {
  for (let i = start; i < end; i++) define(into, names[i]!, from[names[i]!]);
}

/** into[at…] = from[start…] + delta, to the end of `from`. */
function shiftInto(into: Uint32Array, at: number, from: Uint32Array, start: number, delta: number): void {
  for (let k = start; k < from.length; k++, at++) into[at] = from[k]! + delta;
}

/** The old snapshot with the models and the version replaced: every other member shared, keys in the same order. */
function withMembers(old: Snapshot, models: Record<string, unknown>, version: string): Record<string, unknown> & { models: Record<string, unknown> } {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(old)) define(out, key, key === 'models' ? models : key === 'version' ? version : (old as unknown as Record<string, unknown>)[key]);
  return out as Record<string, unknown> & { models: Record<string, unknown> };
}

/**
 * The basis of a snapshot known to be valid and its canonical bytes (as
 * canonicalJson writes them), for checking other documents by difference from
 * it; null when the bytes are not a bare snapshot's. checkDelta pairs models
 * with spans by position, so a value whose models are not listed in the
 * bytes' order (one not parsed from them may list its keys in any order) is
 * given a models map that is: the same model objects, sorted.
 */
export function basisFor(canonical: Uint8Array, snapshot: Snapshot): Basis | null {
  let spans: SnapshotSpans;
  try {
    spans = drain(snapshotSpansSteps(canonical));
  } catch {
    return null;
  }
  if (spans.envelope.length > 0) return null;
  const names = Object.keys(snapshot.models);
  if (names.length !== spans.models.length / 4) return null;
  // Canonical bytes list keys ascending in UTF-16 order, which is how `<` and sort() compare.
  let ascending = true;
  for (let i = 1; i < names.length && ascending; i++) ascending = names[i - 1]! < names[i]!;
  if (ascending) return { canonical, models: spans.models, snapshot };
  const models: Record<string, unknown> = {};
  for (const name of names.sort()) define(models, name, snapshot.models[name]);
  return { canonical, models: spans.models, snapshot: { ...snapshot, models } as Snapshot };
}

/** Whether the document `bytes` (bare or an envelope) holds exactly the basis's canonical snapshot. */
export function holdsBasis(bytes: Uint8Array, basis: Basis): boolean {
  const found = locate(bytes);
  return found !== null && sameBytes(found.canonical, basis.canonical);
}
