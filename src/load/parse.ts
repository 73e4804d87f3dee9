// Pure: YAML text → documents with source maps, plus located diagnostics for
// everything that is not a well-formed document. Never throws on bad input.
import type { Document, Node } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, yaml } from './yaml-lazy.js';
import { commentRanges, credentialRangesFromText, firstNonReference } from './credential-text.js';
import { mergeRanges, rangesIn, subtractRanges, type OffsetRange } from './ranges.js';
import { credentialsAreReferences, findCredentials } from './credential-tree.js';
import { maskedTokens, maskText, redactDiagnostic, SecretText } from './redaction.js';
import { LineIndex } from './line-index.js';
import { hasSecretShape, looksLikeSecret, mayHoldSecret, redactSecrets, scanForSecrets, SECRET_HINT } from './secret-patterns.js';
import { fastParseAll } from './fast-yaml.js';
import type { Diagnostic, DiagnosticCode } from '../diagnostics/types.js';
import { DocumentSourceMap, LazySourceMap, parsePointer, toPointer, type Range, type SourceLocator } from './source-map.js';
import { asBuffer } from '../io/buffers.js';

/** Enough for any honest catalog; a billion-laughs file trips it at once. */
export const MAX_ALIAS_COUNT = 100;

export interface LoadedDocument {
  file: string;
  /** 0-based position of the document in its file. */
  index: number;
  value: unknown;
  map: SourceLocator;
  /** Secret-shaped text lies inside this document: it is reported, and never becomes a resource. */
  hasSecret: boolean;
  /** Pointers of credential literals (already reported by the loader: schema errors under them are noise). */
  secretPointers?: readonly string[];
  /** Text the file's masked ranges held: scrubbed from every diagnostic about this document. */
  secrets?: SecretText;
}

export interface SourceFile {
  file: string;
  text: string;
  /**
   * The UTF-8 bytes `text` decodes from, when the loader has them (BOM removed,
   * line endings untouched): the fast reader works on them, and positions are
   * later computed from them, so `text` itself need not be kept.
   */
  bytes?: Uint8Array;
  /**
   * Reads `bytes` again, checked to be the same (size and sha256): when the
   * loader gives this, positions and code frames re-read the file instead of
   * every file's bytes being kept for the few a diagnostic points into.
   */
  reload?: () => Uint8Array;
}

export interface ParseOptions {
  /** false: always parse with the `yaml` package (tests compare the two paths). */
  fast?: boolean;
}

export interface ParseResult {
  /** Read by the fast path: nothing in the file is masked, nothing is wrong with its YAML (what the --cache may keep). */
  fast?: true;
  documents: LoadedDocument[];
  diagnostics: Diagnostic[];
  /** Files that hold a secret, with every secret masked: the only text a code frame may show. */
  display: Map<string, string>;
  /**
   * The fast reader took a file with references under `credentials`: its
   * masked text (comments there are masked) is known only from a full parse,
   * made on first call; undefined when nothing in it is masked. Read through
   * shownText / displayText.
   */
  masked?: () => string | undefined;
}

export function diagnosticAt(file: string, range: Range, code: DiagnosticCode, message: string, pointer = '', extra: Partial<Diagnostic> = {}): Diagnostic {
  return { code, severity: 'error', message, file, ...range, pointer, ...extra };
}

const START: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export function fileDiagnostic(file: string, code: DiagnosticCode, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return diagnosticAt(file, START, code, message, '', { severity });
}

function yamlCode(code: string): DiagnosticCode {
  return code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
}

/**
 * yaml reports an unclosed quote at the end of the input; the author needs the
 * line where the quote opened: the first line with an unbalanced quote character.
 */
function openingQuote(text: string, quote: string, before: number): number | undefined {
  let offset = 0;
  for (const line of text.slice(0, before).split('\n')) {
    const body = line.replace(/\\./g, '').replace(/''/g, '');
    const at = body.indexOf(quote);
    if (at >= 0 && body.split(quote).length % 2 === 0 && !line.trimStart().startsWith('#')) return offset + line.indexOf(quote);
    offset += line.length + 1;
  }
  return undefined;
}

function errorStart(e: { code: string; message: string; pos: [number, number] }, text: string): number {
  if (e.code === 'MISSING_CHAR' && /quote/i.test(e.message)) {
    const quote = /"/.test(e.message.split('quote')[0] ?? '') || /double/i.test(e.message) ? '"' : "'";
    return openingQuote(text, quote, e.pos[0]) ?? openingQuote(text, quote === '"' ? "'" : '"', e.pos[0]) ?? e.pos[0];
  }
  return e.pos[0];
}

/** Offset of the last non-whitespace character (a loop: `/\s+$/` is quadratic on long whitespace runs). */
function lastContentOffset(text: string): number {
  let i = text.length - 1;
  while (i > 0 && /\s/.test(text[i]!)) i--;
  return Math.max(0, i);
}

/** yaml's message without the position suffix it may append (`… at line 3, column 5:`). */
function plainMessage(message: string): string {
  const at = message.search(/ at line \d+, column \d+/);
  return (at >= 0 ? message.slice(0, at) : message).trim();
}

function syntaxDiagnostics(file: string, doc: Document.Parsed, lineCounter: LineIndex, text: string): Diagnostic[] {
  const map = new DocumentSourceMap(doc, lineCounter);
  // Never point past the last character: an error "at the end of input" is shown on the last line.
  const last = lastContentOffset(text);
  return doc.errors.map((e) => {
    const message = redactSecrets(plainMessage(e.message));
    const start = Math.min(errorStart(e, text), last);
    const end = Math.max(start, Math.min(e.pos[1], last + 1));
    return diagnosticAt(file, map.rangeOfOffsets(start, end), yamlCode(e.code), `YAML: ${message}`, '', {
      hint: e.code === 'TAB_AS_INDENT' ? 'indent with spaces, not tabs' : undefined,
    });
  });
}

/** A pointer stops short of any segment that is itself a secret (a key written as `{ sk-… }`). */
function withoutSecrets(pointer: string): string {
  const segments = parsePointer(pointer);
  const cut = segments.findIndex((s) => looksLikeSecret(s) !== undefined);
  return toPointer(cut < 0 ? segments : segments.slice(0, cut));
}

/** A document that holds nothing: `---` alone, or only comments. */
function isEmptyDocument(doc: Document.Parsed): boolean {
  return doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && doc.contents.source === '');
}

/** toJS failed: either aliases expanded past the limit, or an alias names no anchor. */
function aliasDiagnostic(file: string, doc: Document.Parsed, map: DocumentSourceMap, err: unknown): Diagnostic {
  if (err instanceof Error && /excessive alias/i.test(err.message))
    return diagnosticAt(file, map.documentRange(), 'yaml-alias-limit', `YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} alias uses)`, '', {
      hint: 'catalogs do not need deep anchors/aliases; write the values out',
    });
  let unresolved: Diagnostic | undefined;
  yaml().visit(doc, {
    Alias(_, node) {
      if (unresolved || !isAlias(node)) return;
      let target: unknown;
      try {
        target = node.resolve(doc);
      } catch {
        target = undefined;
      }
      if (target === undefined) unresolved = diagnosticAt(file, map.rangeOfNode(node), 'yaml-syntax', `YAML: alias *${node.source} names no anchor defined before it`);
    },
  });
  return unresolved ?? diagnosticAt(file, map.documentRange(), 'yaml-syntax', `YAML: ${err instanceof Error ? err.message : 'document cannot be read'}`);
}

// uniqueKeys: yaml's own check compares every key with every earlier one
// (quadratic); duplicateKeys() below does it with a Set. resolveKnownTags:
// `!!binary` would turn a pasted secret into a Buffer; it stays the string written.
// logLevel: warnings become diagnostics instead of lines on stderr.
const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, resolveKnownTags: false, logLevel: 'error' } as const;

function parseAll(text: string): Document.Parsed[] {
  const docs = yaml().parseAllDocuments(text, PARSE_OPTIONS);
  return Array.isArray(docs) ? docs : [];
}

/** Keys repeated in one mapping, at the repeat; linear in the number of keys. */
function duplicateKeys(file: string, doc: Document.Parsed, map: DocumentSourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const item of node.items) {
        const key = isScalar(item.key) ? item.key.value : undefined;
        if (key !== undefined && seen.has(key)) out.push(diagnosticAt(file, map.rangeOfNode(item.key as Node), 'yaml-duplicate-key', 'YAML: Map keys must be unique'));
        else seen.add(key);
        stack.push(item.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return out;
}

function warningDiagnostics(file: string, doc: Document.Parsed, map: DocumentSourceMap): Diagnostic[] {
  return doc.warnings.map((w) =>
    diagnosticAt(file, map.rangeOfOffsets(w.pos[0], Math.max(w.pos[0], w.pos[1])), 'yaml-warning', `YAML: ${redactSecrets(plainMessage(w.message))}`, '', { severity: 'warning' }),
  );
}

/**
 * Credentials in a document whose tree never showed them (an unclosed quote
 * above swallowed them into a string): read from the text, and a line that is
 * not a reference is reported as a literal all the same.
 */
function textLiterals(
  file: string,
  text: string,
  lines: LineIndex,
  ranges: readonly OffsetRange[],
  seenByTree: readonly OffsetRange[],
  broken: readonly OffsetRange[],
  patternSecrets: readonly OffsetRange[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of ranges) {
    if (rangesIn(broken, r.start, r.end).length === 0 || rangesIn(seenByTree, r.start, r.end).length > 0) continue;
    const at = firstNonReference(text, r);
    if (!at || rangesIn(patternSecrets, at.start, at.end).length > 0) continue;
    const a = lines.linePos(at.start);
    const b = lines.linePos(at.end);
    out.push(
      diagnosticAt(file, { line: a.line, column: a.col, endLine: b.line, endColumn: b.col }, 'secret-literal', 'a value under credentials is not a reference (read from the text: the document does not parse)', '', { hint: SECRET_HINT }),
    );
  }
  return out;
}

/**
 * The fast path: a file with no secret shape and nothing outside the plain
 * subset fast-yaml reads has no diagnostics, so only its values are needed
 * now. Positions come later, if a diagnostic asks, from one `yaml` parse of
 * the same bytes. A file with `credentials` takes it too when every value
 * there is a reference: see withReferences.
 */
function parseFast(source: SourceFile): ParseResult | undefined {
  const { file } = source;
  // Every credentials key, quoted or plain, holds this word; an escaped one (`"cred\u0065ntials"`) is refused by fast-yaml.
  // From the bytes when there are bytes, so a file that takes this path is never decoded to a string at all.
  const bytes = source.bytes ? asBuffer(source.bytes) : Buffer.from(source.text, 'utf8');
  const look = mayHoldSecret(bytes);
  if (look.secret && hasSecretShape(source.text)) return undefined;
  const values = fastParseAll(bytes, { credentials: look.credentials });
  if (!values) return undefined;
  if (look.credentials) return values.every(credentialsAreReferences) ? withReferences(source, values) : undefined;
  const locate = fileLocator(source.reload ?? source.bytes ?? source.text);
  const documents = values.map((value, index): LoadedDocument => ({ file, index, value, map: new LazySourceMap(locate, index), hasSecret: false, secretPointers: NO_POINTERS }));
  return { fast: true, documents, diagnostics: [], display: NOTHING_MASKED };
}

/**
 * A file whose every `credentials` value is references (a providers file):
 * nothing in it is reported, and its values are what `yaml` gives. What a
 * code frame may show of it, and the words to scrub from messages about it,
 * come from its syntax tree (comments under `credentials` are masked, a
 * reference is not), so one full parse gives both, the first time either is
 * asked for: a clean run never makes it. Not `fast`: the --cache keeps only
 * files with nothing masked.
 */
function withReferences(source: SourceFile, values: unknown[]): ParseResult {
  const { file } = source;
  let full: FullRead | undefined;
  // From a checked re-read when there is one: `source.text` may be a view of the loader's shared read buffer, long since holding another file.
  const read = (): FullRead => (full ??= readFull({ file, text: source.reload ? asBuffer(source.reload()).toString('utf8') : source.text }));
  const secrets = new SecretText(() => read().tokens);
  const locate = fileLocator(source.reload ?? source.bytes ?? source.text);
  const documents = values.map((value, index): LoadedDocument => ({ file, index, value, map: new LazySourceMap(locate, index), hasSecret: false, secretPointers: NO_POINTERS, secrets }));
  return { documents, diagnostics: [], display: NOTHING_MASKED, masked: () => read().parsed.display.get(file) };
}

/** No masked text: one empty map for every file of the fast path (display is only ever read). */
const NOTHING_MASKED = new Map<string, string>();
/** No credential literals: one frozen list for every document of the fast path. */
export const NO_POINTERS: readonly string[] = Object.freeze([]);

/** Source maps for the documents of one file, from a single `yaml` parse made on first use. */
export function fileLocator(source: Uint8Array | string | (() => Uint8Array)): (index: number) => DocumentSourceMap {
  let parsed: { docs: Document.Parsed[]; lines: LineIndex } | undefined;
  return (index) => {
    if (!parsed) {
      const content = typeof source === 'function' ? source() : source;
      const text = typeof content === 'string' ? content : asBuffer(content).toString('utf8');
      parsed = { docs: parseAll(text), lines: new LineIndex(text) };
    }
    const doc = parsed.docs[index];
    if (!doc) throw new Error(`internal: document ${index} of a file read by the fast path is missing from its yaml parse`);
    return new DocumentSourceMap(doc, parsed.lines);
  };
}

/**
 * What code frames may show of a parsed file: the masked text of a file that
 * holds a secret, else its bytes (or a checked re-read of them). The one place
 * that rule lives, for the plain and the --cache loaders alike.
 */
export function shownText(source: SourceFile, parsed: ParseResult): string | Uint8Array | (() => string | Uint8Array) {
  const masked = parsed.masked;
  // Lazily, so from a checked re-read when there is one (see withReferences).
  if (masked) return () => masked() ?? source.reload?.() ?? source.text;
  return parsed.display.get(source.file) ?? source.reload ?? source.bytes ?? source.text;
}

/** shownText as a string, at once. */
export function displayText(source: SourceFile, parsed: ParseResult): string {
  return parsed.display.get(source.file) ?? parsed.masked?.() ?? source.text;
}

export function parseSource(source: SourceFile, opts: ParseOptions = {}): ParseResult {
  return (opts.fast !== false && parseFast(source)) || parseFull(source);
}

function parseFull(source: SourceFile): ParseResult {
  return readFull(source).parsed;
}

interface FullRead {
  parsed: ParseResult;
  /** What the file's masked ranges held (SecretText's input). */
  tokens: readonly string[];
}

function readFull({ file, text }: SourceFile): FullRead {
  const lineCounter = new LineIndex(text);
  const docs = parseAll(text);
  // Re-parsed at most once per file, and only when a diagnostic needs a position.
  let reparsed: Document.Parsed[] | undefined;
  const lazyMap = (index: number) => new LazySourceMap((i) => new DocumentSourceMap((reparsed ??= parseAll(text))[i]!, lineCounter), index);
  const documents: LoadedDocument[] = [];
  // Secrets first: whatever else is wrong with the file, they are found and masked.
  const scan = scanForSecrets(file, text, lineCounter);
  const secrets = scan.diagnostics;
  const diagnostics: Diagnostic[] = [...secrets];
  const textRanges = credentialRangesFromText(text);
  const credentialMask: OffsetRange[] = [];
  const seenByTree: OffsetRange[] = [];
  const brokenSpans: OffsetRange[] = [];
  const trustedSpans: OffsetRange[] = [];
  const safe: OffsetRange[] = [];
  const values: string[] = [];
  let index = 0;
  for (const doc of docs) {
    const position = index++;
    const map = new DocumentSourceMap(doc, lineCounter);
    const broken = doc.errors.length > 0 ? syntaxDiagnostics(file, doc, lineCounter, text) : duplicateKeys(file, doc, map);
    // A broken tree still shows where credentials are; only its references are not trusted.
    const credentials = findCredentials(doc, broken.length === 0, text);
    for (const item of credentials.mask) credentialMask.push(item);
    for (const r of credentials.mask) seenByTree.push(r);
    for (const r of credentials.safe) seenByTree.push(r);
    (broken.length > 0 ? brokenSpans : trustedSpans).push({ start: doc.range[0], end: doc.range[2] + 1 });
    for (const item of credentials.safe) safe.push(item);
    for (const item of credentials.values) values.push(item);
    const literals = credentials.literals
      .filter((l) => rangesIn(scan.ranges, l.range.start, l.range.end).length === 0)
      .map((l) => diagnosticAt(file, map.rangeOfOffsets(l.range.start, l.range.end), 'secret-literal', l.message, l.pointer, { hint: SECRET_HINT }));
    for (const d of literals) diagnostics.push(d);
    for (const d of broken) diagnostics.push(d);
    for (const d of warningDiagnostics(file, doc, map)) diagnostics.push(d);
    if (broken.length > 0 || isEmptyDocument(doc)) continue; // e.g. a trailing `---`
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      diagnostics.push(aliasDiagnostic(file, doc, map, err));
      continue;
    }
    // Give each secret found in this document the pointer of the value it sits in.
    const inside = rangesIn(scan.ranges, doc.range[0], doc.range[2] + 1);
    for (const i of inside) secrets[i]!.pointer = withoutSecrets(map.pointerAt(scan.ranges[i]!.start));
    const hasSecret = literals.length > 0 || inside.length > 0;
    documents.push({ file, index: position, value, map: lazyMap(position), hasSecret, secretPointers: credentials.literals.filter((l) => l.coversSchema).map((l) => l.pointer) });
  }
  // What the text says is under credentials: all of it where the tree is not trusted, its comments where it is.
  for (const r of textRanges) {
    const trusted = rangesIn(trustedSpans, r.start, r.end).length > 0 && rangesIn(brokenSpans, r.start, r.end).length === 0;
    for (const item of (trusted ? commentRanges(text, r) : [r])) credentialMask.push(item);
  }
  for (const item of textLiterals(file, text, lineCounter, textRanges, mergeRanges(seenByTree), brokenSpans, scan.ranges)) diagnostics.push(item);
  if (documents.length === 0 && diagnostics.length === 0) {
    diagnostics.push(fileDiagnostic(file, 'file-empty', 'file holds no YAML document', 'warning'));
  }
  const mask = mergeRanges([...subtractRanges(mergeRanges(credentialMask), mergeRanges(safe)), ...scan.ranges]);
  const tokens = maskedTokens(text, mask, values);
  const secretText = new SecretText(tokens);
  if (!secretText.empty) for (const d of documents) d.secrets = secretText;
  const parsed = {
    documents,
    diagnostics: diagnostics.map((d) => redactDiagnostic(d, secretText)),
    display: mask.length > 0 ? new Map([[file, maskText(text, mask)]]) : new Map(),
  };
  return { parsed, tokens };
}

export function parseSources(sources: readonly SourceFile[], opts: ParseOptions = {}): ParseResult {
  const documents: LoadedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const display = new Map<string, string>();
  for (const source of sources) {
    const result = parseSource(source, opts);
    for (const item of result.documents) documents.push(item);
    for (const item of result.diagnostics) diagnostics.push(item);
    for (const [file, text] of result.display) display.set(file, text);
    const masked = result.masked?.();
    if (masked !== undefined) display.set(source.file, masked);
  }
  return { documents, diagnostics, display };
}
