// One mechanism keeps secrets out of every output: the loader decides which
// byte ranges of a file may hold a secret (credential values, secret-shaped
// text), every code frame is drawn from a copy of the text with those ranges
// masked, and every diagnostic's message, hint, pointer and related notes are
// scrubbed of the text those ranges held. Formatters never see the raw text.
import type { Diagnostic } from '../diagnostics/types.js';
import type { OffsetRange } from './ranges.js';

export const REDACTED = '[redacted]';

/** The text with every non-blank character inside `ranges` replaced by `*`: same length, same lines. */
export function maskText(text: string, ranges: readonly OffsetRange[]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const { start, end } of ranges) {
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\s]/g, '*');
    at = end;
  }
  return out + text.slice(at);
}

/** Characters that separate YAML tokens or merely introduce one (quotes, indicators). */
const SEPARATORS = /[\s{}[\],"']+/;
const LEADING_INDICATORS = /^[*&!|>@%`#?:-]+/;
const MIN_TOKEN = 3;
/** Not secrets even where masked: the reference keys themselves. */
const NOT_SECRET = new Set(['env', 'file']);

/**
 * The words a masked range held, in the forms a message may quote them: as
 * written, without a leading YAML indicator (`*alias`, `!tag`), without a
 * trailing colon, and JSON-pointer-escaped.
 */
export function maskedTokens(text: string, ranges: readonly OffsetRange[], values: readonly string[] = []): string[] {
  const tokens = new Set<string>();
  const addForms = (word: string) => {
    for (const form of [word, word.replace(LEADING_INDICATORS, ''), word.replace(/:$/, ''), word.replace(LEADING_INDICATORS, '').replace(/:$/, '')]) {
      if (form.length < MIN_TOKEN || NOT_SECRET.has(form)) continue;
      tokens.add(form);
      tokens.add(form.replace(/~/g, '~0').replace(/\//g, '~1'));
    }
  };
  for (const { start, end } of ranges) for (const word of text.slice(start, end).split(SEPARATORS)) addForms(word);
  for (const value of values) {
    addForms(value.trim());
    for (const word of value.split(SEPARATORS)) addForms(word);
  }
  return [...tokens].sort((a, b) => b.length - a.length);
}

const wordChar = /[A-Za-z0-9_]/;
/** Any run of this many characters shared with a secret is removed from a message. */
const GRAM = 6;

/**
 * What a file's secrets said, ready to scrub messages. Every GRAM-character
 * window of every token goes into a set, and any window of a message found
 * there is removed with its neighbours: yaml quotes a token only up to the
 * first character it cannot take (a tag stops at `^`), so a message may hold
 * any piece of a secret, and every piece of GRAM characters or more is caught.
 * Tokens shorter than GRAM are removed where they stand as whole words.
 */
export class SecretText {
  private found?: { grams: Set<string>; short: string[] };

  /**
   * `tokens`, or a function that gives them on first use: a file the fast
   * reader took learns them from a full parse, made only if a message about
   * it is ever scrubbed.
   */
  constructor(private readonly tokens: readonly string[] | (() => readonly string[])) {}

  private get grams(): Set<string> {
    return this.parts().grams;
  }

  private get short(): string[] {
    return this.parts().short;
  }

  private parts(): { grams: Set<string>; short: string[] } {
    if (this.found) return this.found;
    const found = { grams: new Set<string>(), short: [] as string[] };
    for (const t of typeof this.tokens === 'function' ? this.tokens() : this.tokens) {
      if (t.length < GRAM) found.short.push(t);
      else for (let i = 0; i + GRAM <= t.length; i++) found.grams.add(t.slice(i, i + GRAM));
    }
    return (this.found = found);
  }

  get empty(): boolean {
    return this.grams.size === 0 && this.short.length === 0;
  }

  scrub(text: string): string {
    if (this.empty) return text;
    return this.replaceShort(this.replaceGrams(text));
  }

  private replaceGrams(text: string): string {
    if (this.grams.size === 0 || text.length < GRAM) return text;
    let out = '';
    let from = 0;
    let coveredTo = -1;
    let spanStart = -1;
    for (let i = 0; i + GRAM <= text.length; i++) {
      if (!this.grams.has(text.slice(i, i + GRAM))) continue;
      if (i > coveredTo) {
        if (spanStart >= 0) {
          out += text.slice(from, spanStart) + REDACTED;
          from = coveredTo;
        }
        spanStart = i;
      }
      coveredTo = i + GRAM;
    }
    if (spanStart >= 0) {
      out += text.slice(from, spanStart) + REDACTED;
      from = coveredTo;
    }
    return out + text.slice(from);
  }

  private replaceShort(text: string): string {
    let out = text;
    for (const token of this.short) {
      if (!out.includes(token)) continue;
      let result = '';
      let from = 0;
      for (let i = out.indexOf(token); i !== -1; i = out.indexOf(token, i + token.length)) {
        const before = out[i - 1];
        const after = out[i + token.length];
        if ((before && wordChar.test(before)) || (after && wordChar.test(after))) continue;
        result += out.slice(from, i) + REDACTED;
        from = i + token.length;
      }
      out = result + out.slice(from);
    }
    return out;
  }
}

/** `text` with every secret token, and every piece of one, removed. */
export function scrub(text: string, tokens: readonly string[]): string {
  return new SecretText(tokens).scrub(text);
}

/** A diagnostic with every secret token scrubbed from each of its text fields. */
export function redactDiagnostic(d: Diagnostic, secrets: SecretText): Diagnostic {
  if (secrets.empty) return d;
  const out: Diagnostic = { ...d, message: secrets.scrub(d.message), pointer: secrets.scrub(d.pointer) };
  if (d.hint !== undefined) out.hint = secrets.scrub(d.hint);
  if (d.related) out.related = d.related.map((r) => ({ ...r, message: secrets.scrub(r.message) }));
  return out;
}
