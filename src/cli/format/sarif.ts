// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for GitHub
// code scanning and other SARIF viewers: one run, one rule per diagnostic code
// used, one result per diagnostic. Positions are the loader's: 1-based lines,
// 1-based UTF-16 columns, endColumn exclusive — SARIF's defaults exactly.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { ToolInfo } from '../command.js';
import { capDiagnostics } from './diagnostic-cap.js';
import { RULE_DESCRIPTIONS } from './rule-descriptions.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * A diagnostic's file as a SARIF artifact URI: relative paths stay relative
 * (GitHub resolves them against the checkout), with forward slashes and each
 * segment percent-encoded (a space, `#`, `%`, `:` or a newline in a name
 * must not change what the URI means); absolute paths become file: URLs.
 */
export function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function location(file: string, line: number, column: number, endLine = line, endColumn = column): Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(file) },
      region: { startLine: line, startColumn: column, endLine, endColumn: endLine === line ? Math.max(endColumn, column) : endColumn },
    },
  };
}

export function sarif(diagnostics: readonly Diagnostic[], tool: ToolInfo): string {
  const { shown, omitted } = capDiagnostics(diagnostics);
  const ruleIndex = new Map<string, number>();
  const rules: ReportingDescriptor[] = [];
  const ruleOf = (code: Diagnostic['code']): number => {
    let i = ruleIndex.get(code);
    if (i === undefined) {
      i = rules.length;
      ruleIndex.set(code, i);
      rules.push({ id: code, name: code, shortDescription: { text: RULE_DESCRIPTIONS[code] ?? code } });
    }
    return i;
  };
  const results: Result[] = shown.map((d) => {
    const result: Result = {
      ruleId: d.code,
      ruleIndex: ruleOf(d.code),
      level: d.severity,
      // The hint travels in the message: viewers show message.text and little else.
      message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
      locations: [location(d.file, d.line, d.column, d.endLine, d.endColumn)],
    };
    if (d.pointer) result.properties = { pointer: d.pointer };
    if (d.related?.length) {
      result.relatedLocations = d.related.map((r, id) => ({ id, ...location(r.file, r.line, r.column), message: { text: r.message } }));
    }
    return result;
  });
  for (const o of omitted) ruleOf(o.code as Diagnostic['code']);
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            // What the per-file caps left out is said, not silently dropped.
            ...(omitted.length
              ? {
                  toolExecutionNotifications: omitted.map((o) => ({
                    level: 'warning' as const,
                    message: { text: `${o.count} more ${o.code} in ${o.file} not shown` },
                    locations: [location(o.file, 1, 1)],
                  })),
                }
              : {}),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
