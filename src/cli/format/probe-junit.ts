// JUnit XML for CI test reports: a suite per model, a case per source and
// check. Unsupported is a <failure> (the upstream answered "no"), error and
// timeout an <error> (the check could not complete), skipped a <skipped>.
import type { ProbeReport } from '../../probe/index.js';
import { outcome } from './probe-words.js';

/** XML 1.0 text: escaped, and characters XML cannot carry dropped. */
const xml = (s: string): string =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

export function formatProbeJunit(report: ProbeReport): string {
  const count = (pred: (status: string) => boolean) => report.models.flatMap((m) => m.sources.flatMap((s) => s.checks)).filter((c) => pred(c.status)).length;
  const total = count(() => true);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="modelctl test" tests="${total}" failures="${count((s) => s === 'unsupported')}" errors="${count((s) => s === 'error' || s === 'timeout')}" skipped="${count((s) => s === 'skipped')}">`,
  ];
  for (const m of report.models) {
    const checks = m.sources.flatMap((s) => s.checks.map((c) => ({ s, c })));
    const n = (pred: (status: string) => boolean) => checks.filter(({ c }) => pred(c.status)).length;
    out.push(`  <testsuite name="${xml(m.name)}" tests="${checks.length}" failures="${n((s) => s === 'unsupported')}" errors="${n((s) => s === 'error' || s === 'timeout')}" skipped="${n((s) => s === 'skipped')}">`);
    for (const { s, c } of checks) {
      const open = `    <testcase classname="${xml(m.name)}" name="${xml(`${s.id} ${c.check}`)}" time="${seconds(c.latency?.totalMs)}"`;
      const text = xml(outcome(c));
      if (c.status === 'usable') out.push(`${open}/>`);
      else if (c.status === 'skipped') out.push(`${open}>`, `      <skipped message="${text}"/>`, '    </testcase>');
      else if (c.status === 'unsupported') out.push(`${open}>`, `      <failure type="unsupported" message="${text}">${text}</failure>`, '    </testcase>');
      else out.push(`${open}>`, `      <error type="${c.status}" message="${text}">${text}</error>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
