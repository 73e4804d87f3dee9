// Pure: YAML text → documents with source maps, plus located diagnostics for
// everything that is not a well-formed document. Never throws on bad input.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic, DiagnosticCode } from '../diagnostics/types.js';
import { DocumentSourceMap, type Range } from './source-map.js';

/** Enough for any honest catalog; a billion-laughs file trips it at once. */
export const MAX_ALIAS_COUNT = 100;

export interface LoadedDocument {
  file: string;
  /** 0-based position of the document in its file. */
  index: number;
  value: unknown;
  map: DocumentSourceMap;
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

function syntaxDiagnostics(file: string, doc: Document.Parsed, lineCounter: LineCounter): Diagnostic[] {
  const map = new DocumentSourceMap(doc, lineCounter);
  return doc.errors.map((e) => {
    const message = e.message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '');
    return diagnosticAt(file, map.rangeOfOffsets(e.pos[0], e.pos[1]), yamlCode(e.code), `YAML: ${message}`, '', {
      hint: e.code === 'TAB_AS_INDENT' ? 'indent with spaces, not tabs' : undefined,
    });
  });
}

export function parseSource({ file, text }: SourceFile): ParseResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const documents: LoadedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let index = 0;
  for (const doc of docs) {
    const position = index++;
    if (doc.errors.length > 0) {
      diagnostics.push(...syntaxDiagnostics(file, doc, lineCounter));
      continue;
    }
    if (doc.contents === null) continue; // an empty document between `---` separators
    const map = new DocumentSourceMap(doc, lineCounter);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      // yaml throws a ReferenceError when aliases expand past maxAliasCount.
      diagnostics.push(
        diagnosticAt(file, map.documentRange(), 'yaml-alias-limit', `YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} alias uses)`, '', {
          hint: 'catalogs do not need deep anchors/aliases; write the values out',
        }),
      );
      void err;
      continue;
    }
    documents.push({ file, index: position, value, map });
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
