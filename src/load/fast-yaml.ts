// A fast reader for the plain shape catalog files take: block mappings and
// sequences, one-line flow collections, plain and one-line quoted scalars,
// literal and folded block scalars, comments, `---` between documents; YAML 1.2
// core schema (no yes/no booleans, no 0777 octals), read straight from UTF-8
// bytes so no value keeps a slice of the file's text alive.
//
// It gives up (returns undefined) on anything else — anchors, aliases, tags,
// directives, multi-line plain or quoted scalars, tabs, CR, duplicate keys,
// non-string keys, a `credentials` key (unless asked), empty documents, control characters —
// and the caller parses the file with the `yaml` package instead, which also
// owns every error message. So this path never decides what an invalid file
// means; test/load/fast-yaml.test.ts proves it gives the values `yaml` gives
// for every file it accepts (examples, fixtures, the fuzz corpora, generated
// catalogs and random mutations of them).

const LF = 10;
const SP = 32;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const COLON = 58;
const DASH = 45;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const PIPE = 124;
const GT = 62;
const BACKSLASH = 92;

/** Nesting deeper than this is not a catalog: the `yaml` package takes it. */
const MAX_DEPTH = 64;
/** yaml (strict) refuses implicit keys longer than 1024 characters; stay well inside. */
const MAX_KEY_BYTES = 512;

/**
 * Buffer's own utf8Slice where Node has it (every version so far): toString's
 * argument checks cost as much as decoding a short scalar.
 */
type SliceBuffer = Buffer & { utf8Slice?: (start: number, end: number) => string };
const utf8Slice: (b: Buffer, from: number, to: number) => string =
  typeof (Buffer.prototype as SliceBuffer).utf8Slice === 'function' ? (b, from, to) => (b as SliceBuffer).utf8Slice!(from, to) : (b, from, to) => b.toString('utf8', from, to);

/**
 * Short strings recur across a catalog (keys, kinds, provider names, upstream
 * ids, enum values): the last string seen for each of 4,096 hash slots is
 * handed out again when the bytes match, so 50,000 models share one 'Model'
 * instead of allocating and keeping 50,000. A cache, not a map: a collision
 * just replaces the slot. Its memory is fixed (4,096 slots of 40 bytes).
 */
const INTERN_MAX_BYTES = 40;
const INTERN_SLOTS = 4096;
const internArena = new Uint8Array(INTERN_SLOTS * INTERN_MAX_BYTES);
const internLength = new Int16Array(INTERN_SLOTS).fill(-1);
const internString: string[] = new Array<string>(INTERN_SLOTS).fill('');

function intern(b: Buffer, from: number, to: number): string {
  const len = to - from;
  let h = 0x811c9dc5 ^ len;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  const slot = (h >>> 0) & (INTERN_SLOTS - 1);
  const base = slot * INTERN_MAX_BYTES;
  if (internLength[slot] === len) {
    let k = 0;
    while (k < len && internArena[base + k] === b[from + k]) k++;
    if (k === len) return internString[slot]!;
  }
  const s = utf8Slice(b, from, to);
  for (let k = 0; k < len; k++) internArena[base + k] = b[from + k]!;
  internLength[slot] = len;
  internString[slot] = s;
  return s;
}

/** Thrown to abandon the fast path; never escapes this module. */
const GIVE_UP: unique symbol = Symbol('give up');

/** Keys whose meaning is not a plain property, or that must go through the masking path. */
const SPECIAL_KEYS: ReadonlySet<string> = new Set(['__proto__', '<<', 'credentials']);
/** The same, for a caller that checks what is under `credentials` itself (src/load/parse.ts). */
const SPECIAL_KEYS_BUT_CREDENTIALS: ReadonlySet<string> = new Set(['__proto__', '<<']);

/** `c` may not start a plain scalar (YAML indicators); `-` is allowed before a non-space. */
function badPlainStart(c: number, next: number): boolean {
  switch (c) {
    case DASH:
      return next === SP || next === LF || Number.isNaN(next) || next === COMMA || next === LBRACKET || next === RBRACKET || next === LBRACE || next === RBRACE;
    case 63: // ?
    case COLON:
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case PIPE:
    case GT:
    case SQUOTE:
    case DQUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
    case SP:
    case LF:
      return true;
    default:
      return false;
  }
}

const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

/**
 * A plain scalar as the `yaml` package's core schema resolves it: the same
 * tests in the same order (null, bool, 0o octal, decimal int, 0x hex, .inf/.nan,
 * exponent float, float), the same conversions (parseInt / parseFloat).
 */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 || c === DASH || c === 46) {
    if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
    if (INT.test(s)) return parseInt(s, 10);
    if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
    if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
    return s;
  }
  if (c === 126 || c === 110 || c === 78) return NULL.test(s) ? null : s; // ~ n N
  if (c === 116 || c === 84 || c === 102 || c === 70) return BOOL.test(s) ? s[0] === 't' || s[0] === 'T' : s; // t T f F
  return s;
}

/**
 * Characters YAML does not allow as they stand, or that this reader leaves to
 * `yaml` (tab, CR, C0/C1 controls, DEL, byte-order mark, U+2028/2029, U+FFFE/FFFF).
 * `bytes` is valid UTF-8 (the loader checked).
 */
function hasAwkwardBytes(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) {
      if ((c < SP && c !== LF) || c === 0x7f) return true;
    } else if (c === 0xc2) {
      const d = b[i + 1]!;
      if (d >= 0x80 && d <= 0x9f) return true; // C1 controls, NEL
    } else if (c === 0xe2) {
      if (b[i + 1] === 0x80 && (b[i + 2] === 0xa8 || b[i + 2] === 0xa9)) return true; // LS, PS
    } else if (c === 0xef) {
      if (b[i + 1] === 0xbb && b[i + 2] === 0xbf) return true; // BOM
      if (b[i + 1] === 0xbf && (b[i + 2] === 0xbe || b[i + 2] === 0xbf)) return true; // noncharacters
    }
  }
  return false;
}

class Reader {
  /** Start of the line being read; every block-level step leaves it at a line start. */
  private i = 0;
  private readonly n: number;
  private depth = 0;
  /** Where the scalar or flow collection read last ended (returned through a field: a tuple per scalar was most of the garbage). */
  private end = 0;

  constructor(
    private readonly b: Uint8Array,
    private readonly special: ReadonlySet<string>,
  ) {
    this.n = b.length;
  }

  private str(from: number, to: number): string {
    return to - from <= INTERN_MAX_BYTES ? intern(this.b as Buffer, from, to) : utf8Slice(this.b as Buffer, from, to);
  }

  private at(p: number): number {
    return p < this.n ? this.b[p]! : NaN;
  }

  private endOfLine(p: number): number {
    const b = this.b;
    while (p < this.n && b[p] !== LF) p++;
    return p;
  }

  private nextLine(p: number): number {
    const e = this.endOfLine(p);
    return e < this.n ? e + 1 : this.n;
  }

  private spaces(p: number): number {
    const b = this.b;
    while (p < this.n && b[p] === SP) p++;
    return p;
  }

  /** After a value on its line: only spaces, then the line end or a comment. */
  private endLineAfter(p: number): void {
    const q = this.spaces(p);
    if (q < this.n && this.b[q] !== LF && !(this.b[q] === HASH && q > p)) throw GIVE_UP;
    this.i = this.nextLine(q);
  }

  /** Moves `i` over blank and comment-only lines. */
  private skipBlank(): void {
    const b = this.b;
    while (this.i < this.n) {
      const p = this.spaces(this.i);
      if (p >= this.n) {
        this.i = this.n;
        return;
      }
      if (b[p] === LF) this.i = p + 1;
      else if (b[p] === HASH) this.i = this.nextLine(p);
      else return;
    }
  }

  private isMarker(p: number, c: number): boolean {
    const b = this.b;
    if (b[p] !== c || b[p + 1] !== c || b[p + 2] !== c) return false;
    const after = this.at(p + 3);
    return after === SP || after === LF || Number.isNaN(after);
  }

  documents(): unknown[] | undefined {
    if (hasAwkwardBytes(this.b)) return undefined;
    const docs: unknown[] = [];
    this.skipBlank();
    while (this.i < this.n) {
      if (this.isMarker(this.i, DASH)) {
        this.endLineAfter(this.i + 3);
        this.skipBlank();
        if (this.i >= this.n || this.isMarker(this.i, DASH)) throw GIVE_UP; // an empty document (other than a last one)
      } else if (docs.length > 0) throw GIVE_UP;
      const b = this.b;
      if (b[this.i] === SP || b[this.i] === 37 /* % */ || this.isMarker(this.i, 46 /* . */) || !this.isKey(this.i)) throw GIVE_UP;
      docs.push(this.mapping(0, this.i));
      this.skipBlank();
      if (this.i < this.n && !this.isMarker(this.i, DASH)) throw GIVE_UP;
      if (this.i < this.n && this.trailingMarker()) break;
    }
    return docs.length > 0 ? docs : undefined;
  }

  /**
   * A `---` with nothing but blank lines and comments after it ends many files:
   * `yaml` reads an empty last document there, which the loader skips.
   */
  private trailingMarker(): boolean {
    const at = this.i;
    this.endLineAfter(at + 3);
    this.skipBlank();
    if (this.i >= this.n) return true;
    this.i = at;
    return false;
  }

  /** Whether a mapping key (plain or quoted, then `:` and a space or the line end) starts at `p`. */
  private isKey(p: number): boolean {
    const b = this.b;
    const c = this.at(p);
    let q: number;
    if (c === DQUOTE || c === SQUOTE) {
      this.quoted(p); // a quoted scalar that does not close on its line gives up
      q = this.end;
      if (b[q] !== COLON) return false;
    } else {
      if (badPlainStart(c, this.at(p + 1))) return false;
      q = p;
      for (;;) {
        if (q >= this.n || b[q] === LF) return false;
        if (b[q] === COLON) {
          const next = this.at(q + 1);
          if (next === SP || next === LF || Number.isNaN(next)) break;
        } else if (b[q] === SP && b[q + 1] === HASH) return false;
        q++;
      }
    }
    const next = this.at(q + 1);
    return next === SP || next === LF || Number.isNaN(next);
  }

  /** Reads the key at `p` (isKey was true); `end` is then the offset after its `:`. */
  private key(p: number): string {
    const b = this.b;
    const c = b[p]!;
    let key: string;
    let colon: number;
    if (c === DQUOTE || c === SQUOTE) {
      key = this.quoted(p);
      colon = this.end;
    } else {
      colon = p;
      while (!(b[colon] === COLON && (colon + 1 >= this.n || b[colon + 1] === SP || b[colon + 1] === LF))) colon++;
      if (b[colon - 1] === SP || colon - p > MAX_KEY_BYTES) throw GIVE_UP;
      key = this.str(p, colon);
      if (typeof resolvePlain(key) !== 'string') throw GIVE_UP;
    }
    if (b[colon] !== COLON || this.special.has(key)) throw GIVE_UP;
    this.end = colon + 1;
    return key;
  }

  /** A block mapping whose keys sit at column `indent`; the first key starts at `first`. */
  private mapping(indent: number, first: number): Record<string, unknown> {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    const out: Record<string, unknown> = {};
    let p = first;
    for (;;) {
      if (!this.isKey(p)) throw GIVE_UP;
      const key = this.key(p);
      if (Object.prototype.hasOwnProperty.call(out, key)) throw GIVE_UP;
      out[key] = this.valueAfter(this.end, indent, true);
      this.skipBlank();
      if (this.i >= this.n) break;
      const q = this.spaces(this.i);
      const col = q - this.i;
      if (col < indent || (col === 0 && this.isMarker(q, DASH))) break;
      // A deeper line here would continue a plain scalar over lines (or be an error): `yaml` decides.
      if (col > indent) throw GIVE_UP;
      // A sequence may sit at its key's column; when it ends, the mapping must go on with a key.
      p = q;
    }
    this.depth--;
    return out;
  }

  /** A block sequence whose dashes sit at column `indent`; `i` is at the line of its first entry. */
  private sequence(indent: number): unknown[] {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    const out: unknown[] = [];
    const b = this.b;
    for (;;) {
      this.skipBlank();
      if (this.i >= this.n) break;
      const dash = this.spaces(this.i);
      const col = dash - this.i;
      if (col < indent) break;
      if (col > indent) throw GIVE_UP;
      const next = this.at(dash + 1);
      if (b[dash] !== DASH || !(next === SP || next === LF || Number.isNaN(next))) break;
      if (col === 0 && this.isMarker(dash, DASH)) break;
      const p = this.spaces(dash + 1);
      const c = this.at(p);
      if (c === DASH && (this.at(p + 1) === SP || this.at(p + 1) === LF)) throw GIVE_UP; // `- - x`
      if (p < this.n && c !== LF && c !== HASH && this.isKey(p)) out.push(this.mapping(p - this.i, p));
      else out.push(this.valueAfter(dash + 1, indent, false));
    }
    this.depth--;
    return out;
  }

  /**
   * The value after a mapping's `:` or a sequence's `-` at `p`, on the same line
   * or the lines below; `indent` is the column of the collection holding it.
   * Leaves `i` at the start of the line after the value.
   */
  private valueAfter(p: number, indent: number, inMapping: boolean): unknown {
    const b = this.b;
    const q = this.spaces(p);
    const c = this.at(q);
    if (q >= this.n || c === LF || c === HASH) {
      if (c === HASH && q === p) throw GIVE_UP;
      this.i = this.nextLine(q);
      return this.nested(indent, inMapping);
    }
    if (c === PIPE || c === GT) return this.blockScalar(q, indent);
    if (c === LBRACKET || c === LBRACE) {
      const value = this.flow(q);
      this.endLineAfter(this.end);
      return value;
    }
    if (c === DQUOTE || c === SQUOTE) {
      const value = this.quoted(q);
      this.endLineAfter(this.end);
      return value;
    }
    if (badPlainStart(c, this.at(q + 1))) throw GIVE_UP;
    let e = q;
    for (;;) {
      if (e >= this.n || b[e] === LF) break;
      if (b[e] === SP && b[e + 1] === HASH) break;
      if (b[e] === COLON && (e + 1 >= this.n || b[e + 1] === SP || b[e + 1] === LF)) throw GIVE_UP;
      e++;
    }
    let end = e;
    while (b[end - 1] === SP) end--;
    const value = resolvePlain(this.str(q, end));
    this.i = this.nextLine(e);
    return value;
  }

  /** The block node under a `key:` or `-` that ended its line, or null when there is none. */
  private nested(indent: number, inMapping: boolean): unknown {
    this.skipBlank();
    if (this.i >= this.n) return null;
    const q = this.spaces(this.i);
    const col = q - this.i;
    const c = this.b[q];
    const dashEntry = c === DASH && (this.at(q + 1) === SP || this.at(q + 1) === LF || Number.isNaN(this.at(q + 1))) && !(col === 0 && this.isMarker(q, DASH));
    if (col > indent) {
      if (dashEntry) return this.sequence(col);
      if (this.isKey(q)) return this.mapping(col, q);
      throw GIVE_UP; // a scalar on the next line
    }
    if (col === indent && inMapping && dashEntry) return this.sequence(col);
    return null;
  }

  /** `|` or `>` with optional `-`; content lines deeper than `indent`. */
  private blockScalar(p: number, indent: number): string {
    const b = this.b;
    const folded = b[p] === GT;
    let q = p + 1;
    let strip = false;
    if (b[q] === DASH) {
      strip = true;
      q++;
    }
    // `+` (keep), an explicit indentation digit, or anything else: left to `yaml`.
    const r = this.spaces(q);
    if (r < this.n && b[r] !== LF && !(b[r] === HASH && r > q)) throw GIVE_UP;
    this.i = this.nextLine(r);
    const lines: string[] = [];
    let contentIndent = -1;
    /** The most spaces on a blank line before the first content line. */
    let leadingSpaces = 0;
    while (this.i < this.n) {
      const s = this.spaces(this.i);
      const e = this.endOfLine(s);
      if (s === e) {
        if (e >= this.n) throw GIVE_UP; // spaces and no final line break
        // A blank line is empty unless it has more spaces than the content: then they are content, left to `yaml`.
        if (contentIndent < 0) leadingSpaces = Math.max(leadingSpaces, s - this.i);
        else if (s - this.i > contentIndent) throw GIVE_UP;
        lines.push('');
        this.i = e + 1;
        continue;
      }
      const col = s - this.i;
      if (contentIndent < 0) {
        if (col <= indent) {
          // No content at all: an empty scalar, unless blank lines said otherwise.
          if (leadingSpaces > 0) throw GIVE_UP;
          return '';
        }
        if (leadingSpaces > col) throw GIVE_UP;
        contentIndent = col;
      }
      if (col < contentIndent) break;
      // No final line break: how chomping treats it is left to `yaml`.
      if (e >= this.n) throw GIVE_UP;
      const line = this.str(this.i + contentIndent, e);
      if (folded && col > contentIndent) throw GIVE_UP; // more-indented lines are not folded
      lines.push(line);
      this.i = e + 1;
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (contentIndent < 0) {
      if (leadingSpaces > 0 || lines.length > 0) throw GIVE_UP;
      return ''; // the scalar ends the file
    }
    let text: string;
    if (!folded) text = lines.join('\n');
    else {
      text = '';
      let pendingBreaks = 0;
      let started = false;
      for (const line of lines) {
        if (line === '') {
          pendingBreaks++;
          continue;
        }
        if (!started) text += '\n'.repeat(pendingBreaks);
        else text += pendingBreaks > 0 ? '\n'.repeat(pendingBreaks) : ' ';
        text += line;
        started = true;
        pendingBreaks = 0;
      }
    }
    return strip ? text : text + '\n';
  }

  /** A quoted scalar that ends on its line; `end` is then the offset after the closing quote. */
  private quoted(p: number): string {
    const b = this.b;
    const quote = b[p]!;
    let out = '';
    let from = p + 1;
    let q = from;
    for (;;) {
      if (q >= this.n || b[q] === LF) throw GIVE_UP; // a quoted scalar over lines folds: `yaml` decides
      const c = b[q]!;
      if (c === quote) {
        if (quote === SQUOTE && b[q + 1] === SQUOTE) {
          out += this.str(from, q + 1);
          q += 2;
          from = q;
          continue;
        }
        out += this.str(from, q);
        this.end = q + 1;
        return out;
      }
      if (c === BACKSLASH && quote === DQUOTE) {
        out += this.str(from, q);
        out += this.escape(q + 1);
        q = this.end;
        from = q;
        continue;
      }
      q++;
    }
  }

  /** One escape of a double-quoted scalar, `p` after the backslash; `end` is then the offset after it. */
  private escape(p: number): string {
    const c = this.at(p);
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      this.end = p + 1;
      return simple;
    }
    const digits = c === 120 ? 2 : c === 117 ? 4 : c === 85 ? 8 : 0; // x u U
    if (digits === 0) throw GIVE_UP;
    let code = 0;
    for (let k = 1; k <= digits; k++) {
      const h = this.at(p + k);
      const v = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
      if (v < 0) throw GIVE_UP;
      code = code * 16 + v;
    }
    if (code > 0x10ffff) throw GIVE_UP;
    this.end = p + 1 + digits;
    return String.fromCodePoint(code);
  }

  /** A flow collection closed on its line; `end` is then the offset after the closing bracket. */
  private flow(p: number): unknown {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    const b = this.b;
    const close = b[p] === LBRACKET ? RBRACKET : RBRACE;
    const seq: unknown[] | undefined = close === RBRACKET ? [] : undefined;
    const map: Record<string, unknown> | undefined = close === RBRACE ? {} : undefined;
    let q = this.spaces(p + 1);
    if (b[q] === close) {
      this.depth--;
      this.end = q + 1;
      return seq ?? map;
    }
    for (;;) {
      if (map) {
        const key = this.flowKey(q);
        if (Object.prototype.hasOwnProperty.call(map, key)) throw GIVE_UP;
        map[key] = this.flowItem(this.spaces(this.end));
        q = this.spaces(this.end);
      } else {
        seq!.push(this.flowItem(q));
        q = this.spaces(this.end);
        if (b[q] === COLON) throw GIVE_UP; // `[a: b]` is a mapping inside the sequence
      }
      if (b[q] === COMMA) {
        q = this.spaces(q + 1);
        if (b[q] === close || b[q] === COMMA) throw GIVE_UP; // a trailing or empty entry
        continue;
      }
      if (b[q] === close) break;
      throw GIVE_UP;
    }
    this.depth--;
    this.end = q + 1;
    return seq ?? map;
  }

  /** A flow mapping's key: quoted then `:`, or plain then `: `; `end` is then the offset after the `:`. */
  private flowKey(p: number): string {
    const b = this.b;
    const c = this.at(p);
    const key = c === DQUOTE || c === SQUOTE ? this.quoted(p) : this.flowPlain(p);
    const colon = this.end;
    if (b[colon] !== COLON || this.special.has(key)) throw GIVE_UP;
    if (!(c === DQUOTE || c === SQUOTE) && (b[colon + 1] !== SP || typeof resolvePlain(key) !== 'string')) throw GIVE_UP;
    this.end = colon + 1;
    return key;
  }

  private flowItem(p: number): unknown {
    const c = this.at(p);
    if (c === LBRACKET || c === LBRACE) return this.flow(p);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(p);
    return resolvePlain(this.flowPlain(p));
  }

  /** A plain scalar inside a flow collection: up to `,` `]` `}` or `: `; its trailing spaces trimmed. */
  private flowPlain(p: number): string {
    const b = this.b;
    if (badPlainStart(this.at(p), this.at(p + 1))) throw GIVE_UP;
    let e = p;
    for (;;) {
      if (e >= this.n || b[e] === LF) throw GIVE_UP; // the collection goes on over lines
      const c = b[e]!;
      if (c === COMMA || c === RBRACKET || c === RBRACE) break;
      if (c === LBRACKET || c === LBRACE) throw GIVE_UP;
      if (c === COLON) {
        const next = this.at(e + 1);
        if (next === SP || next === COMMA || next === RBRACKET || next === RBRACE || next === LF) break;
      }
      if (c === SP && b[e + 1] === HASH) throw GIVE_UP;
      e++;
    }
    let end = e;
    while (b[end - 1] === SP) end--;
    if (end === p) throw GIVE_UP;
    this.end = e;
    return this.str(p, end);
  }
}

const SIMPLE_ESCAPES: Record<number, string> = {
  48: '\0', // 0
  97: '\x07', // a
  98: '\b', // b
  116: '\t', // t
  110: '\n', // n
  118: '\v', // v
  102: '\f', // f
  114: '\r', // r
  101: '\x1b', // e
  32: ' ',
  34: '"',
  47: '/',
  92: '\\',
  78: '\x85', // N
  95: '\xa0', // _
  76: '\u2028', // L
  80: '\u2029', // P
};

export interface FastParseOptions {
  /** Read a `credentials` key like any other (the caller then checks every value under it). */
  credentials?: boolean;
}

/**
 * The documents of a UTF-8 YAML stream (BOM already removed), or undefined when
 * the stream holds anything this reader leaves to the `yaml` package.
 */
export function fastParseAll(bytes: Uint8Array, opts: FastParseOptions = {}): unknown[] | undefined {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return new Reader(buffer, opts.credentials ? SPECIAL_KEYS_BUT_CREDENTIALS : SPECIAL_KEYS).documents();
  } catch (err) {
    if (err === GIVE_UP || err instanceof RangeError) return undefined;
    throw err;
  }
}
