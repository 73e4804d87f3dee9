// Formatters return strings, picked from a Record<Format, Formatter>; writing is
// separate. `sources` gives the text of each file for the code frame.
import { countBySeverity, sortDiagnostics, type Diagnostic } from '../../diagnostics/types.js';

export type DiagnosticFormat = 'text' | 'json' | 'github';
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['text', 'json', 'github'];

export interface FormatContext {
  sources: ReadonlyMap<string, string>;
  color: boolean;
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Source line with every secret-literal range on it blanked: a code frame must never echo a secret. */
function maskedLine(line: string, lineNo: number, secrets: readonly Diagnostic[]): string {
  let out = line;
  for (const s of secrets) {
    if (lineNo < s.line || lineNo > s.endLine) continue;
    const from = lineNo === s.line ? s.column - 1 : 0;
    const to = lineNo === s.endLine ? s.endColumn - 1 : out.length;
    out = out.slice(0, from) + '*'.repeat(Math.max(0, to - from)) + out.slice(to);
  }
  return out;
}

function codeFrame(d: Diagnostic, ctx: FormatContext, secrets: readonly Diagnostic[]): string {
  const text = ctx.sources.get(d.file);
  if (text === undefined) return '';
  const raw = text.split('\n')[d.line - 1];
  if (raw === undefined) return '';
  const line = maskedLine(raw, d.line, secrets.filter((s) => s.file === d.file));
  const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, line.length - d.column + 1);
  const gutter = String(d.line).padStart(4);
  const shown = line.replace(/\t/g, ' ').replace(/\r$/, '');
  return `${gutter} | ${shown}\n     | ${' '.repeat(Math.max(0, d.column - 1))}${paint(ctx.color, '31', '^'.repeat(Math.min(width, 200)))}\n`;
}

function summary(diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function text(diagnostics: readonly Diagnostic[], ctx: FormatContext): string {
  let out = '';
  const secrets = diagnostics.filter((d) => d.code === 'secret-literal');
  for (const d of sortDiagnostics(diagnostics)) {
    const severity = d.severity === 'error' ? paint(ctx.color, '31', 'error') : paint(ctx.color, '33', 'warning');
    out += `${d.file}:${d.line}:${d.column}  ${severity}  ${d.code}  ${d.message}\n`;
    out += codeFrame(d, ctx, secrets);
    if (d.hint) out += `     = hint: ${d.hint}\n`;
    for (const r of d.related ?? []) out += `     = ${r.message}: ${r.file}:${r.line}:${r.column}\n`;
    out += '\n';
  }
  return out + summary(diagnostics) + '\n';
}

function json(diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  return JSON.stringify({ valid: errors === 0, errorCount: errors, warningCount: warnings, diagnostics: sortDiagnostics(diagnostics) }, null, 2) + '\n';
}

/** GitHub Actions workflow commands; data and properties escaped as the runner expects. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function github(diagnostics: readonly Diagnostic[]): string {
  return sortDiagnostics(diagnostics)
    .map((d) => {
      const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},endLine=${d.endLine},endColumn=${d.endColumn},title=${escapeProperty(d.code)}`;
      return `::${d.severity} ${props}::${escapeData(d.message + (d.hint ? ` (${d.hint})` : ''))}\n`;
    })
    .join('');
}

export const diagnosticFormatters: Record<DiagnosticFormat, (diagnostics: readonly Diagnostic[], ctx: FormatContext) => string> = {
  text,
  json: (d) => json(d),
  github: (d) => github(d),
};
