// Pure: YAML text → documents with source maps, plus located diagnostics for
// everything that is not a well-formed document. Never throws on bad input.
import { isAlias, isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import { LineIndex } from './line-index.js';
import { looksLikeSecret, redactSecrets, scanForSecrets } from './secret-patterns.js';
import type { Diagnostic, DiagnosticCode } from '../diagnostics/types.js';
import { DocumentSourceMap, LazySourceMap, parsePointer, toPointer, type Range, type SourceLocator } from './source-map.js';

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
}

export interface SourceFile {
  file: string;
  text: string;
}

export interface ParseResult {
  documents: LoadedDocument[];
  diagnostics: Diagnostic[];
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
  visit(doc, {
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

const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true } as const;

function parseAll(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  return Array.isArray(docs) ? docs : [];
}

export function parseSource({ file, text }: SourceFile): ParseResult {
  const lineCounter = new LineIndex(text);
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  // Re-parsed at most once per file, and only when a diagnostic needs a position.
  let reparsed: Document.Parsed[] | undefined;
  const lazyMap = (index: number) => new LazySourceMap(() => new DocumentSourceMap((reparsed ??= parseAll(text))[index]!, lineCounter));
  const documents: LoadedDocument[] = [];
  // Secrets first: whatever else is wrong with the file, they are found and masked.
  const secrets = scanForSecrets(file, text, lineCounter);
  const diagnostics: Diagnostic[] = [...secrets];
  const secretLines = secrets.map((d) => [d.line, d.endLine] as const);
  let index = 0;
  for (const doc of docs) {
    const position = index++;
    if (doc.errors.length > 0) {
      diagnostics.push(...syntaxDiagnostics(file, doc, lineCounter, text));
      continue;
    }
    if (isEmptyDocument(doc)) continue; // e.g. a trailing `---`
    const map = new DocumentSourceMap(doc, lineCounter);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      diagnostics.push(aliasDiagnostic(file, doc, map, err));
      continue;
    }
    const [first, last] = [lineCounter.linePos(doc.range[0]).line, lineCounter.linePos(doc.range[2]).line];
    const hasSecret = secretLines.some(([a, b]) => a <= last && b >= first);
    // Give each secret found in this document the pointer of the value it sits in.
    for (const d of secrets) if (d.line >= first && d.line <= last) d.pointer = withoutSecrets(map.pointerAt(lineCounter.lineStarts[d.line - 1]! + d.column - 1));
    documents.push({ file, index: position, value, map: lazyMap(position), hasSecret });
  }
  if (documents.length === 0 && diagnostics.length === 0) {
    diagnostics.push(fileDiagnostic(file, 'file-empty', 'file holds no YAML document', 'warning'));
  }
  return { documents, diagnostics };
}

export function parseSources(sources: readonly SourceFile[]): ParseResult {
  const documents: LoadedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    const result = parseSource(source);
    documents.push(...result.documents);
    diagnostics.push(...result.diagnostics);
  }
  return { documents, diagnostics };
}
