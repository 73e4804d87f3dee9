// A patch from one document's bytes to the next one's, so a replica that
// holds the previous version fetches a few kilobytes per apply instead of the
// whole document (1.5 MB at 1,000 models, ~15 MB at 10,000; fifty replicas
// each reading it is Redis busy copying it fifty times).
//
// A patch is only a way of moving bytes: the replica checks what it rebuilds
// exactly as it checks a document it fetched whole (schema, version hash,
// signature), and reads the document whole when the rebuilt bytes are not
// the version the source says is live. So a wrong or forged patch costs a
// fetch, never a wrong snapshot.
//
// What it finds: regions that differ between two documents aligned at their
// start, then aligned at their end, each region ended by GAP bytes that are
// the same again; what lies between the last region found from the start and
// the first found from the end goes whole. That covers what an apply does to
// a canonical snapshot: a model edited in place (aligned both ways), a model
// whose length changed (the alignment from the start holds before it, the
// one from the end after it), the version at the end, an envelope's signature
// at the start. Two changes of length far apart leave everything between them
// to send whole; past a quarter of the document, there is no patch.
//
// Wire form: one line of JSON, {"patch":"modelctl-patch/1","base":B,"length":N,
// "ops":[…]}, then the literal bytes. `ops` are pairs: [start, length] copies
// base[start, start + length); [-1, length] takes the next `length` literal
// bytes. B is the base's length, N the result's.
import { sameBackward, sameForward } from './byte-runs.js';

const MAGIC = 'modelctl-patch/1';
/** The format's name where HTTP names it (RFC 3229 delta encoding: `A-IM` asks for it, `IM` says a 226 answer is one). */
export const PATCH_IM = 'modelctl-patch';
/** This many equal bytes in a row end a differing region. */
const GAP = 32;
/** A differing region longer than this means the alignment is lost (a change of length), not a local edit. */
const REGION = 1024;
/** Op pairs at most: bounds the header a reader parses. */
const MAX_OPS = 4096;
/** The header line's largest size: MAX_OPS pairs of numbers, with room. */
const MAX_HEADER = 160 * 1024;
/** No patch when its literal bytes exceed this share of the document: fetching it whole costs about the same. */
const MAX_LITERAL_SHARE = 0.25;

type Op = [start: number, length: number];

/** Ops in the result's order, adjacent copies and adjacent literals merged. */
class OpList {
  readonly ops: Op[] = [];
  literal = 0;

  copy(start: number, length: number): void {
    if (length === 0) return;
    const last = this.ops[this.ops.length - 1];
    if (last && last[0] >= 0 && last[0] + last[1] === start) last[1] += length;
    else this.ops.push([start, length]);
  }

  take(length: number): void {
    if (length === 0) return;
    this.literal += length;
    const last = this.ops[this.ops.length - 1];
    if (last && last[0] === -1) last[1] += length;
    else this.ops.push([-1, length]);
  }
}

/**
 * Where a region differing from `from` on (a and b aligned: the same offset
 * in both) ends: the offset where GAP equal bytes begin; -1 when none does
 * within REGION bytes and before `limit`.
 */
function regionEndForward(a: Uint8Array, b: Uint8Array, from: number, limit: number): number {
  const stop = Math.min(limit, from + REGION + GAP);
  let run = 0;
  for (let k = from; k < stop; k++) {
    if (a[k] !== b[k]) run = 0;
    else if (++run === GAP) return k + 1 - GAP;
  }
  return -1;
}

/** The same from the end: `t` bytes from the end of both; returns the count from the end where GAP equal bytes begin, or -1. */
function regionEndBackward(a: Uint8Array, b: Uint8Array, from: number, limit: number): number {
  const stop = Math.min(limit, from + REGION + GAP);
  let run = 0;
  for (let t = from; t < stop; t++) {
    if (a[a.length - 1 - t] !== b[b.length - 1 - t]) run = 0;
    else if (++run === GAP) return t + 1 - GAP;
  }
  return -1;
}

/** The patch that turns `base` into `next`, or null when there is none worth sending (see the header). */
export function makePatch(base: Uint8Array, next: Uint8Array): Buffer | null {
  const shorter = Math.min(base.length, next.length);
  // From the start: [0, front) of both is covered by `head`.
  const head = new OpList();
  let front = 0;
  while (head.ops.length < MAX_OPS) {
    const same = sameForward(base, front, next, front, shorter - front);
    head.copy(front, same);
    front += same;
    if (front >= shorter) break;
    const end = regionEndForward(base, next, front, shorter);
    if (end < 0) break;
    head.take(end - front);
    front = end;
  }
  // From the end: the last `back` bytes of both, never reaching into [0, front).
  // Found from the end, so in reverse: [offset from the end, length] for a copy; [-1 - offset, length] for literal bytes.
  const tail: Op[] = [];
  const room = shorter - front;
  let back = 0;
  while (tail.length < MAX_OPS) {
    const same = sameBackward(base, base.length - back, next, next.length - back, room - back);
    if (same > 0) tail.push([back, same]);
    back += same;
    if (back >= room) break;
    const end = regionEndBackward(base, next, back, room);
    if (end < 0) break;
    tail.push([-1 - back, end - back]);
    back = end;
  }
  const ops = head;
  ops.take(next.length - back - front);
  for (let i = tail.length - 1; i >= 0; i--) {
    const [at, length] = tail[i]!;
    if (at >= 0) ops.copy(base.length - at - length, length);
    else ops.take(length);
  }
  if (ops.literal > next.length * MAX_LITERAL_SHARE || ops.ops.length > MAX_OPS) return null;
  // Literal bytes, in order: walk the ops over `next`.
  const header = Buffer.from(`${JSON.stringify({ patch: MAGIC, base: base.length, length: next.length, ops: ops.ops.flat() })}\n`);
  if (header.length > MAX_HEADER) return null;
  const out = Buffer.allocUnsafe(header.length + ops.literal);
  header.copy(out, 0);
  let at = header.length;
  let pos = 0;
  for (const [start, length] of ops.ops) {
    if (start === -1) {
      out.set(next.subarray(pos, pos + length), at);
      at += length;
    }
    pos += length;
  }
  return out;
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/**
 * `base` patched, or null when `patch` is not a patch of `base` (another base
 * length, ranges outside it, literal bytes short or left over, a result over
 * `maxBytes`, or not a patch at all). Linear in the patch and the result; it
 * never throws on what it is given.
 */
export function applyPatch(base: Uint8Array, patch: Uint8Array, maxBytes: number): Buffer | null {
  const newline = Buffer.from(patch.buffer, patch.byteOffset, Math.min(patch.length, MAX_HEADER)).indexOf(0x0a);
  if (newline < 0) return null;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(patch.buffer, patch.byteOffset, newline).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof header !== 'object' || header === null) return null;
  const { patch: magic, base: baseLength, length, ops } = header as Record<string, unknown>;
  if (magic !== MAGIC || baseLength !== base.length || !isCount(length) || length > maxBytes) return null;
  if (!Array.isArray(ops) || ops.length % 2 !== 0 || ops.length > MAX_OPS * 2) return null;
  const literals = patch.subarray(newline + 1);
  let total = 0;
  let used = 0;
  for (let i = 0; i < ops.length; i += 2) {
    const start: unknown = ops[i];
    const size: unknown = ops[i + 1];
    if (!isCount(size)) return null;
    if (start === -1) used += size;
    else if (!isCount(start) || start + size > base.length) return null;
    total += size;
  }
  if (total !== length || used !== literals.length) return null;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  let from = 0;
  for (let i = 0; i < ops.length; i += 2) {
    const start = ops[i] as number;
    const size = ops[i + 1] as number;
    if (start === -1) {
      out.set(literals.subarray(from, from + size), at);
      from += size;
    } else out.set(base.subarray(start, start + size), at);
    at += size;
  }
  return out;
}
