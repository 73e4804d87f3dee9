// JUnit XML in the Jenkins / Maven Surefire shape that GitLab, Jenkins,
// Azure Pipelines and most CI test-report widgets read:
//   <testsuites> → one <testsuite> per file → one <testcase> per error
//   diagnostic (each with one <failure>, as the common schema allows only
//   one per case), or one passing <testcase> for a file without errors.
// Warnings are not failures (validate exits 0 on them) and are listed in the
// suite's <system-out>; with --fail-on warning they fail like errors, so the
// report and the exit code always agree.
import type { Diagnostic } from '../../diagnostics/types.js';
import { capDiagnostics } from './diagnostic-cap.js';

/** XML 1.0 cannot carry most C0 controls even as &#…; references: they are written as visible escapes. */
function xmlSafe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function escapeText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: quotes escaped, and tab/newline as references so attribute normalisation keeps them. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');

interface Case {
  name: string;
  failure?: { type: string; message: string; body: string };
}

function where(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  return `${d.file}:${d.line}:${d.column}`;
}

function failureBody(d: Diagnostic): string {
  let body = `${where(d)}  ${d.severity}  ${d.code}  ${d.message}`;
  if (d.hint) body += `\nhint: ${d.hint}`;
  for (const r of d.related ?? []) body += `\n${r.message}: ${where(r)}`;
  return body;
}

export function junit(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, failOn: 'error' | 'warning'): string {
  const { shown, omitted } = capDiagnostics(diagnostics);
  const fails = (severity: Diagnostic['severity']) => severity === 'error' || failOn === 'warning';
  const files = [...new Set([...sources.keys(), ...diagnostics.map((d) => d.file)])].sort();
  const byFile = new Map<string, Diagnostic[]>(files.map((f) => [f, []]));
  for (const d of shown) byFile.get(d.file)!.push(d);
  // Severity of each code left out by the caps, so the left-out errors still fail.
  const severityOf = new Map(diagnostics.map((d) => [`${d.file}\u0000${d.code}`, d.severity]));

  let tests = 0;
  let failures = 0;
  const suites = files.map((file) => {
    const cases: Case[] = [];
    const notes: string[] = [];
    for (const d of byFile.get(file)!) {
      if (fails(d.severity)) cases.push({ name: `${d.code} at ${d.line}:${d.column}`, failure: { type: d.code, message: d.message, body: failureBody(d) } });
      else notes.push(failureBody(d));
    }
    for (const o of omitted.filter((o) => o.file === file)) {
      const text = `${o.count} more ${o.code} not shown`;
      if (fails(severityOf.get(`${file}\u0000${o.code}`) ?? 'error')) cases.push({ name: `${o.code} (${o.count} more)`, failure: { type: o.code, message: text, body: `${file}: ${text}` } });
      else notes.push(`${file}: ${text}`);
    }
    if (cases.length === 0) cases.push({ name: file });
    const failed = cases.filter((c) => c.failure).length;
    tests += cases.length;
    failures += failed;
    const body = cases
      .map((c) => {
        const open = `    <testcase${attrs({ classname: file, name: c.name, file })}`;
        if (!c.failure) return `${open}/>\n`;
        return `${open}>\n      <failure${attrs({ type: c.failure.type, message: c.failure.message })}>${escapeText(c.failure.body)}</failure>\n    </testcase>\n`;
      })
      .join('');
    const out = notes.length ? `    <system-out>${escapeText(notes.join('\n'))}</system-out>\n` : '';
    return `  <testsuite${attrs({ name: file, tests: cases.length, failures: failed, errors: 0, skipped: 0 })}>\n${body}${out}  </testsuite>\n`;
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites${attrs({ name: 'modelctl', tests, failures, errors: 0, skipped: 0 })}>\n${suites.join('')}</testsuites>\n`
  );
}
