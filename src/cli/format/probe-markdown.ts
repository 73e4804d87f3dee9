// A pull-request comment: the summary first, then a table per model inside a
// collapsible block (open when something is not usable).
import type { ProbeReport } from '../../probe/index.js';
import { decisive, latency, modelLine, outcome, summaryLine } from './probe-words.js';

/** Table-cell safe: pipes, newlines and HTML-ish characters cannot break the table. */
const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, "'");

export function formatProbeMarkdown(report: ProbeReport): string {
  const failing = report.summary.sources - report.summary.usable - report.summary.skipped;
  const out = [`**modelctl test:** ${failing === 0 ? '✅' : '❌'} ${summaryLine(report)}`, ''];
  for (const m of report.models) {
    const open = m.usableSources < m.totalSources ? ' open' : '';
    out.push(`<details${open}><summary><code>${cell(m.name)}</code>: ${modelLine(m)}</summary>`, '');
    out.push('| Source | Protocol | Status | Latency | Detail |', '|---|---|---|---|---|');
    for (const s of m.sources) {
      const c = decisive(s);
      const caps = s.checks.filter((k) => k.check !== 'basic').map((k) => `${k.check}: ${outcome(k)}`);
      const detail = [s.status === 'usable' ? '' : c ? outcome(c) : '', ...caps].filter(Boolean).join('; ');
      out.push(`| \`${cell(s.id)}\` | ${cell(s.protocol)} | ${s.status} | ${cell(latency(s.checks[0]))} | ${cell(detail)} |`);
    }
    out.push('', '</details>', '');
  }
  return out.join('\n');
}
