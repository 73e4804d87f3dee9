// Formatters return strings, picked from a Record<Format, Formatter>; writing is
// separate. `sources` gives the text of each file for the code frame.
import { countBySeverity, type Diagnostic } from '../../diagnostics/types.js';
import type { ToolInfo } from '../command.js';
import { capDiagnostics, printable } from './diagnostic-cap.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';

export { capDiagnostics, MAX_PER_FILE, MAX_PER_FILE_AND_CODE, printable } from './diagnostic-cap.js';

export type DiagnosticFormat = 'text' | 'json' | 'github' | 'sarif' | 'junit';
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['text', 'json', 'github', 'sarif', 'junit'];

/** `--fail-on`: the lowest severity that fails the run (exit 1). */
export type FailOn = 'error' | 'warning';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning'];

export interface FormatContext {
  sources: ReadonlyMap<string, string>;
  color: boolean;
  /** SARIF's tool.driver; default: name modelctl, version 0.0.0. */
  tool?: ToolInfo;
  /** JUnit counts warnings as failures too when the run fails on them. */
  failOn?: FailOn;
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Characters of a source line shown around the caret: a code frame never grows with the line. */
const FRAME_WIDTH = 120;
/** Line starts of each file, computed once per file rather than once per diagnostic. */
class FrameSource {
  private readonly starts = new Map<string, number[]>();
  constructor(private readonly sources: ReadonlyMap<string, string>) {}

  line(file: string, n: number): string | undefined {
    const text = this.sources.get(file);
    if (text === undefined) return undefined;
    let starts = this.starts.get(file);
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts.set(file, starts);
    }
    const from = starts[n - 1];
    if (from === undefined) return undefined;
    const to = starts[n] === undefined ? text.length : starts[n]! - 1;
    return text.slice(from, to).replace(/\r$/, '');
  }
}

/**
 * The source line (already masked by the loader) cut to a window around the
 * caret, with `…` where it was cut. The text of `sources` never holds a secret:
 * the loader masks every credential value and secret-shaped run before a
 * formatter sees it.
 */
function codeFrame(d: Diagnostic, frames: FrameSource, color: boolean): string {
  const raw = frames.line(d.file, d.line);
  if (raw === undefined) return '';
  const caretAt = Math.max(0, d.column - 1);
  const from = Math.max(0, Math.min(caretAt - 40, raw.length - FRAME_WIDTH));
  const to = Math.min(raw.length, from + FRAME_WIDTH);
  const shown = (from > 0 ? '…' : '') + raw.slice(from, to).replace(/[\t\u0000-\u001f\u007f]/g, ' ') + (to < raw.length ? '…' : '');
  const lineEnd = d.endLine === d.line ? d.endColumn - 1 : raw.length;
  const width = Math.max(1, Math.min(lineEnd, to) - caretAt);
  const pad = caretAt - from + (from > 0 ? 1 : 0);
  const gutter = String(d.line).padStart(4);
  return `${gutter} | ${shown}\n     | ${' '.repeat(Math.max(0, pad))}${paint(color, '31', '^'.repeat(width))}\n`;
}

function summary(diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function text(diagnostics: readonly Diagnostic[], ctx: FormatContext): string {
  const parts: string[] = [];
  const frames = new FrameSource(ctx.sources);
  const { shown, omitted } = capDiagnostics(diagnostics);
  for (const d of shown) {
    const severity = d.severity === 'error' ? paint(ctx.color, '31', 'error') : paint(ctx.color, '33', 'warning');
    let out = `${printable(d.file)}:${d.line}:${d.column}  ${severity}  ${d.code}  ${printable(d.message)}\n`;
    out += codeFrame(d, frames, ctx.color);
    if (d.hint) out += `     = hint: ${printable(d.hint)}\n`;
    for (const r of d.related ?? []) out += `     = ${printable(r.message)}: ${printable(r.file)}:${r.line}:${r.column}\n`;
    parts.push(out + '\n');
  }
  for (const o of omitted) parts.push(`${printable(o.file)}: … ${o.count} more ${o.code}\n\n`);
  return parts.join('') + summary(diagnostics) + '\n';
}

function json(diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  const { shown, omitted } = capDiagnostics(diagnostics);
  return JSON.stringify({ valid: errors === 0, errorCount: errors, warningCount: warnings, diagnostics: shown, ...(omitted.length ? { omitted } : {}) }, null, 2) + '\n';
}

/** GitHub Actions workflow commands; data and properties escaped as the runner expects. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function github(diagnostics: readonly Diagnostic[]): string {
  const { shown, omitted } = capDiagnostics(diagnostics);
  const lines = shown.map((d) => {
    const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},endLine=${d.endLine},endColumn=${d.endColumn},title=${escapeProperty(d.code)}`;
    return `::${d.severity} ${props}::${escapeData(d.message + (d.hint ? ` (${d.hint})` : ''))}\n`;
  });
  for (const o of omitted) lines.push(`::warning file=${escapeProperty(o.file)},title=${escapeProperty(o.code)}::${o.count} more ${escapeData(o.code)} not shown\n`);
  return lines.join('');
}

export const diagnosticFormatters: Record<DiagnosticFormat, (diagnostics: readonly Diagnostic[], ctx: FormatContext) => string> = {
  text,
  json: (d) => json(d),
  github: (d) => github(d),
  sarif: (d, ctx) => sarif(d, ctx.tool ?? { name: 'modelctl', version: '0.0.0' }),
  junit: (d, ctx) => junit(d, ctx.sources, ctx.failOn ?? 'error'),
};

/** Whether a run with these diagnostics fails under --fail-on. */
export function failsOn(diagnostics: readonly Diagnostic[], failOn: FailOn): boolean {
  return diagnostics.some((d) => d.severity === 'error' || failOn === 'warning');
}
