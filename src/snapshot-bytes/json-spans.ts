// Where each member of a JSON object sits in the UTF-8 bytes of a document,
// so the main thread can parse a 15 MB pushed snapshot one model at a time
// (between requests) instead of in one JSON.parse that stalls every request.
// The main thread scans a push while the worker checks it (speculate.ts), so
// the bytes may be anything: the scanner assumes valid JSON, and on anything
// else it throws or finds wrong spans, in time linear in the bytes; either
// way its result is used only for bytes the worker passed (canonical JSON, or
// what JSON.parse and the duplicate-key check accepted). It works on bytes:
// JSON's structural characters are ASCII, and no byte of a multi-byte UTF-8
// sequence is below 0x80.

import { drain } from '../runtime/steps.js';

const decoder = new TextDecoder();
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The index just past the string whose opening quote is at `start`. */
function stringEnd(bytes: Uint8Array, start: number): number {
  let j = bytes.indexOf(QUOTE, start + 1);
  for (;;) {
    if (j === -1) throw new Error('unterminated string');
    let k = j - 1;
    while (bytes[k] === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
    j = bytes.indexOf(QUOTE, j + 1);
  }
}

/** Bytes of a container scanned between two steps of containerEndSteps. */
const BYTES_PER_STEP = 256 * 1024;

/** The index just past the value starting at `start` (no leading space). */
function* valueEndSteps(bytes: Uint8Array, start: number, limit: number): Generator<void, number> {
  const c = bytes[start];
  if (c === QUOTE) return stringEnd(bytes, start);
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
    // A number, true, false or null: up to the next delimiter.
    let i = start;
    while (i < limit && bytes[i] !== COMMA && bytes[i] !== CLOSE_BRACE && bytes[i] !== CLOSE_BRACKET && !isSpace(bytes[i]!)) i++;
    return i;
  }
  let depth = 0;
  let stepEnd = start + BYTES_PER_STEP;
  for (let i = start; i < limit; i++) {
    const b = bytes[i];
    if (b === QUOTE) i = stringEnd(bytes, i) - 1;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
    }
    if (i >= stepEnd) {
      stepEnd = i + BYTES_PER_STEP;
      yield;
    }
  }
  throw new Error('unterminated value');
}

const skipSpace = (bytes: Uint8Array, i: number): number => {
  while (isSpace(bytes[i]!)) i++;
  return i;
};

/** Members scanned between two steps of scanObject. */
const MEMBERS_PER_STEP = 500;

/** Members whose own members to collect while scanning, by key, and what to collect inside each. */
type Wanted = { readonly [key: string]: Wanted };

interface Scanned {
  /** Four numbers per member: key start and end (the quoted key), value start and end. */
  members: Uint32Array;
  /** Just past the closing brace. */
  end: number;
  /** The wanted members whose values are objects, scanned the same way (the last of a repeated key, as JSON.parse keeps). */
  inner: Map<string, Scanned>;
}

/**
 * The members of the object at `start`, scanning each byte once: a wanted
 * member's object is scanned for its own members on the way, not skipped
 * and scanned again. In steps, so the main thread can scan a 10,000-model
 * map between requests.
 */
function* scanObject(bytes: Uint8Array, start: number, limit: number, wanted: Wanted): Generator<void, Scanned> {
  let i = skipSpace(bytes, start);
  if (bytes[i] !== OPEN_BRACE) throw new Error('not an object');
  const out: number[] = [];
  const inner = new Map<string, Scanned>();
  const anyWanted = Object.keys(wanted).length > 0;
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_BRACE) return { members: new Uint32Array(0), end: i + 1, inner };
  for (let n = 1; ; n++) {
    const keyStart = i;
    const keyEnd = stringEnd(bytes, i);
    i = skipSpace(bytes, keyEnd);
    if (bytes[i] !== COLON) throw new Error('expected a colon');
    const vs = skipSpace(bytes, i + 1);
    let ve: number;
    const key = anyWanted ? (JSON.parse(decoder.decode(bytes.subarray(keyStart, keyEnd))) as string) : '';
    if (anyWanted && Object.hasOwn(wanted, key) && bytes[vs] === OPEN_BRACE) {
      const sub = yield* scanObject(bytes, vs, limit, wanted[key]!);
      inner.set(key, sub);
      ve = sub.end;
    } else {
      ve = yield* valueEndSteps(bytes, vs, limit);
    }
    out.push(keyStart, keyEnd, vs, ve);
    i = skipSpace(bytes, ve);
    if (bytes[i] === CLOSE_BRACE) return { members: Uint32Array.from(out), end: i + 1, inner };
    if (bytes[i] !== COMMA) throw new Error('expected a comma');
    i = skipSpace(bytes, i + 1);
    if (n % MEMBERS_PER_STEP === 0) yield;
  }
}

const NOTHING: Wanted = {};

/** The members of the object spanning [start, end): four numbers per member (see Scanned). */
export function objectMembers(bytes: Uint8Array, start: number, end: number): Uint32Array {
  return drain(scanObject(bytes, start, end, NOTHING)).members;
}


/** Spans of a snapshot document: its own members and its models' (bare or inside a signed envelope). */
export interface SnapshotSpans {
  /** Members of the envelope ({ snapshot, signature }); empty for a bare snapshot. */
  envelope: Uint32Array;
  /** Members of the snapshot object. */
  snapshot: Uint32Array;
  /** Members of snapshot.models. */
  models: Uint32Array;
}

const keyAt = (bytes: Uint8Array, spans: Uint32Array, m: number): string => JSON.parse(decoder.decode(bytes.subarray(spans[m * 4]!, spans[m * 4 + 1]!))) as string;

/** A snapshot's own members and its models', bare or inside an envelope's `snapshot`. */
const SNAPSHOT_WANTED: Wanted = { snapshot: { models: {} }, models: {} };

/**
 * The spans of a snapshot document, bare or a signed envelope (runtime isEnvelope's rule:
 * only `snapshot` and `signature`), in steps: the models map is scanned a few hundred
 * members at a time. Throws on what is not a snapshot's shape.
 */
export function* snapshotSpansSteps(bytes: Uint8Array): Generator<void, SnapshotSpans> {
  const top = yield* scanObject(bytes, 0, bytes.length, SNAPSHOT_WANTED);
  const keys = top.members.length === 8 ? [keyAt(bytes, top.members, 0), keyAt(bytes, top.members, 1)].sort() : [];
  const envelope = keys[0] === 'signature' && keys[1] === 'snapshot';
  const snapshot = envelope ? top.inner.get('snapshot') : top;
  if (!snapshot) throw new Error('no snapshot member');
  const models = snapshot.inner.get('models');
  if (!models) throw new Error('no models member');
  return { envelope: envelope ? top.members : new Uint32Array(0), snapshot: snapshot.members, models: models.members };
}
