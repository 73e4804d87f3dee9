// The terminal table: a line per model ("2 of 3 sources usable"), a line per
// source with its outcome and latency, and the capability checks under it.
import { redactUrl } from '../../io/redact-url.js';
import type { ProbeReport, ProbeStatus } from '../../probe/index.js';
import { decisive, latency, modelLine, outcome, summaryLine } from './probe-words.js';
import type { ProbeFormatOptions } from './probe-words.js';

const MARK: Record<ProbeStatus, string> = { usable: '✓', error: '✗', timeout: '✗', unsupported: '!', skipped: '-' };
const COLOR: Record<ProbeStatus, string> = { usable: '32', error: '31', timeout: '31', unsupported: '33', skipped: '2' };

export function formatProbeText(report: ProbeReport, opts: ProbeFormatOptions): string {
  const paint = (status: ProbeStatus, s: string) => (opts.color ? `\u001b[${COLOR[status]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  for (const m of report.models) {
    out.push(`${m.name}  ${modelLine(m)}`);
    for (const s of m.sources) {
      const c = decisive(s);
      const head = `  ${paint(s.status, `${MARK[s.status]} ${s.status.padEnd(11)}`)} ${s.id}`;
      out.push(`${head}  [${s.protocol} ${redactUrl(s.baseUrl)}]`);
      const timing = opts.latency === false ? '' : latency(c);
      const detail = s.status === 'usable' ? timing : c ? outcome(c) + (timing ? ` (${timing})` : '') : '';
      if (detail) out.push(`      ${detail}`);
      for (const k of s.checks.filter((k) => k.check !== 'basic')) out.push(`      ${k.check}: ${paint(k.status, outcome(k))}`);
    }
  }
  out.push('', summaryLine(report));
  return out.join('\n') + '\n';
}
