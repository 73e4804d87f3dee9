// Pure: LiteLLM config text → catalog files and diagnostics. The CLI reads the
// file and writes the result; nothing here touches disk. The text a formatter
// may show (code frames) comes back with every literal secret masked.
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/types.js';
import type { RegistryModel } from '../generated/types.js';
import { displayText, parseSource, type SourceFile } from '../load/parse.js';
import { buildCatalog, type CatalogFile } from './import-build.js';
import { readLitellmConfig } from './import-read.js';

export interface ImportResult {
  /** Empty when there is an error: nothing is written then. */
  files: CatalogFile[];
  diagnostics: Diagnostic[];
  /** File text for code frames, literal secrets masked. */
  display: Map<string, string>;
}

/** `text` with the characters from (line, column) to (endLine, endColumn) of each range replaced by '*'. */
function maskRanges(text: string, ranges: readonly { line: number; column: number; endLine: number; endColumn: number }[]): string {
  if (ranges.length === 0) return text;
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  // Columns count UTF-16 code units, as the line index does.
  const units = text.split('');
  for (const r of ranges) {
    const from = (starts[r.line - 1] ?? 0) + r.column - 1;
    const to = (starts[r.endLine - 1] ?? 0) + r.endColumn - 1;
    for (let i = from; i < to && i < units.length; i++) if (units[i] !== '\n') units[i] = '*';
  }
  return units.join('');
}

export function importLitellm(source: SourceFile, registry: ReadonlyMap<string, RegistryModel>): ImportResult {
  const parsed = parseSource(source);
  const diagnostics: Diagnostic[] = parsed.diagnostics.map((d) =>
    // A secret-shaped run outside model_list is not imported, so it blocks nothing; it is still pointed out.
    d.code === 'secret-literal' && d.pointer !== '' && !d.pointer.startsWith('/model_list') ? { ...d, severity: 'warning' as const, message: `${d.message} (not imported; rotate it)` } : d,
  );
  const display = new Map<string, string>([[source.file, displayText(source, parsed)]]);
  const doc = parsed.documents[0];
  if (parsed.documents.length > 1) diagnostics.push({ ...parsed.documents[1]!.map.documentRange(), code: 'invalid-value', severity: 'warning', message: 'only the first YAML document of a LiteLLM config is read', file: source.file, pointer: '' });
  if (!doc) {
    if (!hasErrors(diagnostics)) diagnostics.push({ code: 'file-empty', severity: 'error', message: 'the file holds no LiteLLM config', file: source.file, line: 1, column: 1, endLine: 1, endColumn: 1, pointer: '' });
    return { files: [], diagnostics: sortDiagnostics(diagnostics), display };
  }
  const read = readLitellmConfig(doc);
  for (const item of read.diagnostics) diagnostics.push(item);
  if (read.secretPointers.length > 0) {
    const ranges = read.secretPointers.map((p) => doc.map.rangeOf(p));
    display.set(source.file, maskRanges(display.get(source.file)!, ranges));
  }
  const built = buildCatalog(read.deployments, read.router, registry, source.file);
  for (const n of built.notes) {
    const pointer = n.index !== undefined ? `/model_list/${n.index}` : n.routerKey ? `/router_settings/${n.routerKey}` : '/router_settings';
    diagnostics.push({ code: 'invalid-value', severity: 'warning', message: n.message, file: source.file, ...doc.map.rangeOf(pointer, 'key'), pointer });
  }
  if (read.deployments.length === 0 && !hasErrors(diagnostics)) diagnostics.push({ code: 'invalid-value', severity: 'error', message: 'no deployment could be imported', file: source.file, ...doc.map.rangeOf('/model_list'), pointer: '/model_list' });
  const failed = hasErrors(diagnostics);
  return { files: failed ? [] : built.files, diagnostics: sortDiagnostics(diagnostics), display };
}
