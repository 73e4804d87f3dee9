// One diagnostic type for every problem, from YAML syntax to semantic rules
// (design §3). Consumers branch on `code`, never on message text.

export type Severity = 'error' | 'warning';

/** The closed set of diagnostic codes. Each code is tested in test/diagnostics. */
export const DIAGNOSTIC_CODES = [
  // files and YAML
  'path-not-found',
  'symlink-loop',
  'no-yaml-files',
  'file-too-large',
  'file-not-utf8',
  'file-binary',
  'file-empty',
  'yaml-syntax',
  'yaml-duplicate-key',
  'yaml-warning',
  'yaml-alias-limit',
  // document shape and schema
  'document-not-object',
  'api-version-missing',
  'api-version-unknown',
  'kind-missing',
  'kind-unknown',
  'unknown-field',
  'missing-field',
  'wrong-type',
  'invalid-value',
  'secret-literal',
  // semantic rules (src/compile/rules)
  'duplicate-name',
  'multiple-settings',
  'unknown-provider',
  'unknown-binding',
  'unknown-model',
  'unknown-group',
  'unknown-native-tool',
  'unknown-entry-point-group',
  'unknown-extends',
  'unknown-default-model',
  'default-model-unusable',
  'capability-purpose-mismatch',
  'native-tool-needs-tools',
  'native-tool-missing-capability',
  'no-active-source',
  'internal-model-exposed',
  'capability-not-in-registry',
  'entry-point-group-without-tier',
  'duplicate-source',
  'protocol-unsupported',
  'provider-options-unused',
  'entry-point-conflict',
  'unknown-entry-point',
  'group-alias-conflict',
  'max-output-exceeds-context',
  'thinking-budget-exceeds-output',
  'locale-missing',
  'internal-model-without-task',
  'registry-invalid',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface RelatedLocation {
  message: string;
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** Path as given to the loader (relative to the working directory when possible). */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** JSON pointer inside the document ('' for the document itself). */
  pointer: string;
  hint?: string;
  related?: RelatedLocation[];
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) d.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order for output: file, then position, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
