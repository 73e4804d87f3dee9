// Is a pushed document already in canonical form (design §4)? Every client
// that pushes through modelctl sends canonical bytes, and when they are, the
// version hash and the signature can be checked over the bytes as sent
// instead of re-serializing a 15 MB snapshot (a third of a push's CPU).
//
// Canonical here means exactly what canonicalJson writes: no whitespace,
// object keys strictly ascending in string (UTF-16) order — which also rules
// out duplicate keys — strings escaped as JSON.stringify escapes them, and
// numbers as JSON.stringify prints them. Anything this scanner is not sure
// of (an escape JSON.stringify would not write, say) answers "not
// canonical", and the caller takes the general path: a false "no" only
// costs time; a false "yes" is impossible by construction, and
// test/server/canonical-scan.test.ts checks both against canonicalJson.
import { isUtf8 } from 'node:buffer';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

class NotCanonical extends Error {}
const no = (): never => {
  throw new NotCanonical();
};

/** Short escapes JSON.stringify writes; every other control character is \u00xx. */
const SHORT_ESCAPES = new Set([QUOTE, BACKSLASH, 0x62 /* b */, 0x66 /* f */, 0x6e /* n */, 0x72 /* r */, 0x74 /* t */]);
const SHORT_FORM_CONTROLS = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);
const HEX_LOWER = /^[0-9a-f]{2}$/;

class Scanner {
  i = 0;
  constructor(private readonly b: Uint8Array) {}

  /** A string as JSON.stringify would write it; returns its decoded value when `decode`. */
  string(decode: boolean): string | undefined {
    const b = this.b;
    if (b[this.i] !== QUOTE) no();
    const start = this.i;
    let escaped = false;
    for (let i = start + 1; ; i++) {
      const c = b[i];
      if (c === undefined || c < 0x20) no();
      if (c === QUOTE) {
        this.i = i + 1;
        if (!decode) return undefined;
        const raw = b.subarray(start + 1, i);
        if (!escaped) return latin1OrUtf8(raw);
        return JSON.parse(utf8.decode(b.subarray(start, i + 1))) as string;
      }
      if (c === BACKSLASH) {
        escaped = true;
        const e = b[i + 1]!;
        if (SHORT_ESCAPES.has(e)) {
          i++;
          continue;
        }
        // \u00xx for a control character without a short form; anything else JSON.stringify writes literally.
        if (e !== 0x75 /* u */ || b[i + 2] !== 0x30 || b[i + 3] !== 0x30) no();
        const hex = String.fromCharCode(b[i + 4]!, b[i + 5]!);
        if (!HEX_LOWER.test(hex)) no();
        const code = parseInt(hex, 16);
        if (code >= 0x20 || SHORT_FORM_CONTROLS.has(code)) no();
        i += 5;
      }
    }
  }

  /** The decoded key whose quoted form spans [start, end). */
  key(start: number, end: number): string {
    const raw = this.b.subarray(start + 1, end - 1);
    return plainAscii(this.b, start + 1, end - 1) ? latin1.decode(raw) : (JSON.parse(utf8.decode(this.b.subarray(start, end))) as string);
  }

  /**
   * Whether key [as, ae) sorts strictly before key [bs, be) as strings. Plain
   * ASCII compares byte by byte (the same order as UTF-16 code units); keys
   * with escapes or non-ASCII are decoded and compared as JavaScript strings.
   */
  ascending(as: number, ae: number, bs: number, be: number): boolean {
    const b = this.b;
    if (!plainAscii(b, as, ae) || !plainAscii(b, bs, be)) return this.key(as, ae) < this.key(bs, be);
    // Inside the quotes; the closing quote (0x22) sorts below every other printable byte.
    const n = Math.min(ae - as, be - bs);
    for (let k = 1; k < n; k++) {
      const x = b[as + k]!;
      const y = b[bs + k]!;
      if (x !== y) return (x === QUOTE ? -1 : x) < (y === QUOTE ? -1 : y);
    }
    return ae - as < be - bs;
  }

  number(): void {
    const b = this.b;
    const start = this.i;
    let i = start;
    let plain = true;
    while (i < b.length) {
      const c = b[i]!;
      if (c >= 0x30 && c <= 0x39) i++;
      else if (c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45) {
        plain &&= c === 0x2d && i === start;
        i++;
      } else break;
    }
    // The common case without a decode: a short integer with no leading zero ("0", "42", "-7").
    const digits = i - start - (b[start] === 0x2d ? 1 : 0);
    const first = b[i - digits];
    if (plain && digits >= 1 && digits <= 15 && (first !== 0x30 || (digits === 1 && b[start] !== 0x2d))) {
      this.i = i;
      return;
    }
    const token = latin1.decode(b.subarray(start, i));
    // JSON.stringify's form of the number the token denotes (also rejects what is not a number).
    const n = Number(token);
    if (token === '' || !Number.isFinite(n) || JSON.stringify(n) !== token) no();
    this.i = i;
  }

  literal(word: string): void {
    for (let k = 0; k < word.length; k++) if (this.b[this.i + k] !== word.charCodeAt(k)) no();
    this.i += word.length;
  }

  value(onMember?: (key: string, start: number, end: number) => void): void {
    const c = this.b[this.i];
    if (c === 0x7b /* { */) this.object(onMember);
    else if (c === 0x5b /* [ */) this.array();
    else if (c === QUOTE) this.string(false);
    else if (c === 0x74) this.literal('true');
    else if (c === 0x66) this.literal('false');
    else if (c === 0x6e) this.literal('null');
    else this.number();
  }

  array(): void {
    this.i++;
    if (this.b[this.i] === 0x5d) {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      const c = this.b[this.i++];
      if (c === 0x5d) return;
      if (c !== 0x2c) no();
    }
  }

  /** `onMember`: told each member's key and value span (only for the object it is given to). */
  object(onMember?: (key: string, start: number, end: number) => void): void {
    this.i++;
    if (this.b[this.i] === 0x7d) {
      this.i++;
      return;
    }
    let prevStart = -1;
    let prevEnd = -1;
    for (;;) {
      const keyStart = this.i;
      this.string(false);
      const keyEnd = this.i;
      if (prevStart >= 0 && !this.ascending(prevStart, prevEnd, keyStart, keyEnd)) no();
      prevStart = keyStart;
      prevEnd = keyEnd;
      if (this.b[this.i++] !== 0x3a /* : */) no();
      const start = this.i;
      this.value();
      onMember?.(this.key(keyStart, keyEnd), start, this.i);
      const c = this.b[this.i++];
      if (c === 0x7d) return;
      if (c !== 0x2c) no();
    }
  }
}

/** ASCII decodes the same either way; latin1 is the cheap one. */
function plainAscii(b: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (b[k]! >= 0x80 || b[k] === BACKSLASH) return false;
  return true;
}

/** ASCII decodes the same either way; latin1 is the cheap one. */
function latin1OrUtf8(raw: Uint8Array): string {
  for (let k = 0; k < raw.length; k++) if (raw[k]! >= 0x80) return utf8.decode(raw);
  return latin1.decode(raw);
}

/**
 * The bytes of the snapshot, when the document (a bare snapshot or a signed
 * envelope, plus an optional final newline) is canonical throughout; null
 * otherwise. For an envelope the snapshot is its `snapshot` member.
 */
export function canonicalSnapshotBytes(bytes: Uint8Array): Uint8Array | null {
  if (!isUtf8(bytes)) return null;
  let end = bytes.length;
  if (bytes[end - 1] === 0x0a) end--;
  const body = bytes.subarray(0, end);
  const scan = new Scanner(body);
  const members: [string, number, number][] = [];
  try {
    if (body[0] !== 0x7b) return null;
    scan.object((key, start, stop) => members.push([key, start, stop]));
    if (scan.i !== body.length) return null;
  } catch (err) {
    if (err instanceof NotCanonical || err instanceof SyntaxError) return null;
    throw err;
  }
  if (members.length === 2 && members[0]![0] === 'signature' && members[1]![0] === 'snapshot') {
    const [, start, stop] = members[1]!;
    return body[start] === 0x7b ? body.subarray(start, stop) : null;
  }
  return body;
}

/**
 * Whether `bytes` hold exactly one canonical JSON value (for the piece of a
 * document that changed: see delta.ts).
 */
export function isCanonicalValue(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || !isUtf8(bytes)) return false;
  const scan = new Scanner(bytes);
  try {
    scan.value();
    return scan.i === bytes.length;
  } catch (err) {
    if (err instanceof NotCanonical || err instanceof SyntaxError) return false;
    throw err;
  }
}

/** A key's quoted form in the bytes: [start, end). */
export type KeySpan = readonly [number, number];

/**
 * Whether bytes[start, end) are canonical object members — `"key":value`
 * joined by commas, at least one, keys strictly ascending — whose keys also
 * sort strictly after the key at `after` and before the key at `before` (in
 * the same bytes), when given. `onMember` is told each member's spans. For a
 * run of members of a canonical object that changed (delta.ts).
 */
export function canonicalMembers(bytes: Uint8Array, start: number, end: number, after: KeySpan | null, before: KeySpan | null, onMember: (keyStart: number, keyEnd: number, valueStart: number, valueEnd: number) => void): boolean {
  if (end <= start || !isUtf8(bytes.subarray(start, end))) return false;
  const scan = new Scanner(bytes.subarray(0, end));
  scan.i = start;
  let previous = after;
  try {
    for (;;) {
      const keyStart = scan.i;
      scan.string(false);
      const keyEnd = scan.i;
      if (previous && !scan.ascending(previous[0], previous[1], keyStart, keyEnd)) return false;
      previous = [keyStart, keyEnd];
      if (bytes[scan.i++] !== 0x3a /* : */) return false;
      const valueStart = scan.i;
      scan.value();
      onMember(keyStart, keyEnd, valueStart, scan.i);
      if (scan.i === end) break;
      if (bytes[scan.i++] !== 0x2c /* , */) return false;
    }
  } catch (err) {
    if (err instanceof NotCanonical || err instanceof SyntaxError) return false;
    throw err;
  }
  // `before` lies past `end`: compared over the whole bytes.
  return before === null || new Scanner(bytes).ascending(previous[0], previous[1], before[0], before[1]);
}
