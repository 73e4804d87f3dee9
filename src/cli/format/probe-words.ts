// Words shared by the probe formats: a check's outcome and a model's line.
import type { CheckResult, ModelResult, ProbeReport, SourceResult } from '../../probe/index.js';

export interface ProbeFormatOptions {
  color: boolean;
  /** Show latencies (default true); the demo leaves them out so its output is the same every run. */
  latency?: boolean;
}

export function outcome(c: Pick<CheckResult, 'status' | 'httpStatus' | 'code' | 'message' | 'capability'>): string {
  switch (c.status) {
    case 'usable':
      return 'usable';
    case 'unsupported':
      return `unsupported: ${c.capability}${c.message ? ` (${c.message})` : ''}`;
    case 'error':
      return `error${c.httpStatus ? ` ${c.httpStatus}` : ''}${c.code ? ` ${c.code}` : ''}${c.message ? `: ${c.message}` : ''}`;
    default:
      return `${c.status}${c.message ? `: ${c.message}` : ''}`;
  }
}

/** The check that decided the source's status (the basic one when all passed). */
export const decisive = (s: SourceResult): CheckResult | undefined =>
  s.checks.find((c) => c.check === 'basic' && c.status !== 'usable') ?? s.checks.find((c) => c.status === s.status && c.status !== 'usable') ?? s.checks.find((c) => c.check === 'basic');

export const modelLine = (m: ModelResult): string => `${m.usableSources} of ${m.totalSources} source${m.totalSources === 1 ? '' : 's'} usable`;

export const latency = (c: CheckResult | undefined): string => (c?.latency ? `ttfb ${c.latency.ttfbMs} ms, total ${c.latency.totalMs} ms` : '');

export function summaryLine(r: ProbeReport): string {
  const s = r.summary;
  const parts = (['usable', 'error', 'timeout', 'unsupported', 'skipped'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  return `${s.models} model${s.models === 1 ? '' : 's'}, ${s.sources} source${s.sources === 1 ? '' : 's'}: ${parts.join(', ') || 'nothing tested'}`;
}
