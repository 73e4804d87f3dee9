// Where credentials sit, decided from the text alone, so a value under a
// `credentials` key is masked even when the document does not parse (the
// syntax tree of a broken document cannot be trusted to hold the pair).
// Conservative on purpose: it may mask a little too much, never too little.
// One pass over the text, each character looked at a bounded number of times.

import type { OffsetRange } from './ranges.js';

/** A `credentials` mapping key: plain (then followed by a space or the line end) or quoted. */
const KEY = /(?:"credentials"|'credentials'|\bcredentials(?=[ \t]*:(?:[ \t]|$)))[ \t]*:/g;

interface FlowState {
  depth: number;
  quote: '"' | "'" | null;
}

/**
 * Scans `text[from, to)` as flow content: brackets, quotes (with their escapes)
 * and comments. Returns the state at the end; the value continues on the next
 * line while it is inside a quote or an open bracket.
 */
function scanFlow(text: string, from: number, to: number, state: FlowState): FlowState {
  let { depth, quote } = state;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = null;
    } else if (quote === "'") {
      if (c === "'") {
        if (text[i + 1] === "'") i++;
        else quote = null;
      }
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === '#' && (i === from || /\s/.test(text[i - 1]!))) break;
  }
  return { depth, quote };
}

/** Start of a comment on the line, or -1; quotes that open and close on the line are skipped. */
function commentStart(text: string, from: number, to: number): number {
  let quote: string | null = null;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === from || /\s/.test(text[i - 1]!))) return i;
  }
  return -1;
}

function indentOf(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
  return i - from;
}

const isDocumentMarker = (line: string): boolean => /^(---|\.\.\.)(\s|$)/.test(line);

/** Every range of `text` that may hold a credential value, in order, not overlapping. */
export function credentialRangesFromText(text: string): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  const add = (start: number, end: number) => {
    if (end <= start) return;
    const last = ranges[ranges.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else ranges.push({ start, end });
  };
  let blockIndent: number | null = null;
  let flow: FlowState | null = null;
  for (let ls = 0; ls <= text.length; ) {
    const nl = text.indexOf('\n', ls);
    const le = nl === -1 ? text.length : nl;
    const line = text.slice(ls, Math.min(le, ls + 4));
    if (isDocumentMarker(line)) {
      blockIndent = null;
      flow = null;
    } else if (flow) {
      // Still inside a quoted or bracketed value that opened on an earlier line.
      add(ls, le);
      const next = scanFlow(text, ls, le, flow);
      flow = next.depth > 0 || next.quote ? next : null;
    } else {
      const indent = indentOf(text, ls, le);
      const blank = ls + indent >= le || text[ls + indent] === '\r';
      const continues =
        blockIndent !== null &&
        (blank || indent > blockIndent || (indent === blockIndent && text[ls + indent] === '-' && /[\s]/.test(text[ls + indent + 1] ?? ' ')));
      if (continues) add(ls + indent, le);
      else {
        blockIndent = null;
        const limit = commentStart(text, ls, le);
        KEY.lastIndex = 0;
        const slice = text.slice(ls, limit < 0 ? le : limit);
        const m = KEY.exec(slice);
        if (m && !insideQuotes(slice, m.index)) {
          const valueStart = ls + m.index + m[0].length;
          add(valueStart, le);
          blockIndent = m.index;
          const state = scanFlow(text, valueStart, le, { depth: 0, quote: null });
          flow = state.depth > 0 || state.quote ? state : null;
        }
      }
    }
    if (nl === -1) break;
    ls = nl + 1;
  }
  return ranges;
}

/** Whether `index` of a line falls inside a quoted string that opened earlier on the line. */
function insideQuotes(line: string, index: number): boolean {
  let quote: string | null = null;
  for (let i = 0; i < index; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote !== null;
}

const BINDING_KEY = String.raw`[a-z0-9][a-z0-9._-]*\s*:`;
const REFERENCE = String.raw`(?:env\s*:\s*[A-Za-z_][A-Za-z0-9_]*|file\s*:\s*/[^\s{},]*)`;
const FLOW_REFERENCE = String.raw`\{\s*${REFERENCE}\s*\}`;
/** Lines a credentials block of references is made of, read without a parser. */
const REFERENCE_LINES = [
  /^\s*$/,
  new RegExp(String.raw`^\s*${BINDING_KEY}\s*$`),
  new RegExp(String.raw`^\s*${REFERENCE}\s*$`),
  new RegExp(String.raw`^\s*(?:${BINDING_KEY}\s*)?${FLOW_REFERENCE}\s*,?\s*$`),
  new RegExp(String.raw`^\s*\{\s*(?:${BINDING_KEY}\s*${FLOW_REFERENCE}\s*,?\s*)*\}\s*$`),
];

/**
 * For a document too broken to give a tree: the first piece of a credentials
 * range that is not made of references, read line by line from the text.
 * Undefined when every line is a binding key, a reference or a comment.
 */
export function firstNonReference(text: string, range: OffsetRange): OffsetRange | undefined {
  let ls = range.start;
  while (ls < range.end) {
    const nl = text.indexOf('\n', ls);
    const le = Math.min(nl === -1 ? text.length : nl, range.end);
    const comment = commentStart(text, ls, le);
    const line = text.slice(ls, comment < 0 ? le : comment);
    if (!REFERENCE_LINES.some((re) => re.test(line))) {
      const indent = indentOf(text, ls, le);
      return { start: ls + indent, end: ls + line.trimEnd().length };
    }
    if (nl === -1) break;
    ls = nl + 1;
  }
  return undefined;
}

/** The comments inside `range`: in a document whose tree is trusted, the only text the tree does not cover. */
export function commentRanges(text: string, range: OffsetRange): OffsetRange[] {
  const out: OffsetRange[] = [];
  for (let ls = range.start; ls < range.end; ) {
    const nl = text.indexOf('\n', ls);
    const le = Math.min(nl === -1 ? text.length : nl, range.end);
    const at = commentStart(text, ls, le);
    if (at >= 0) out.push({ start: at, end: le });
    if (nl === -1) break;
    ls = nl + 1;
  }
  return out;
}
