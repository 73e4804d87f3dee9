// Table-driven: every diagnostic code, with file, line and column (never
// message text). Rows live in rows/*.rows.ts; this file runs the pure ones and
// checks that the tables cover the whole closed list of codes.
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../src/diagnostics/types.js';
import { rules } from '../../src/compile/index.js';
import { allRows, compileRuleRows, registryRows, schemaRows, secretRows, yamlRows } from './rows/index.js';
import { runRows } from './run-rows.js';

describe('YAML and files (pure)', () => runRows(yamlRows));
describe('document shape and schema', () => runRows(schemaRows));
describe('secrets', () => runRows(secretRows));
describe('registry', () => runRows(registryRows));

/** Codes a passing row asserts; rows marked as known bugs do not count. */
const covered = new Set<DiagnosticCode>(allRows.filter((r) => !r.bug).flatMap((r) => r.expect.map((e) => e.code)));
const nearMissed = new Set<DiagnosticCode>(compileRuleRows.filter((r) => !r.bug && r.absent).map((r) => r.absent!));
/** Codes the compile rules emit: the rule list, plus the second code of the limits rule. */
const compileCodes = new Set<DiagnosticCode>([...rules.map((r) => r.code), 'thinking-budget-exceeds-output']);

describe('coverage of DIAGNOSTIC_CODES', () => {
  it.each([...DIAGNOSTIC_CODES])('%s has at least one row that triggers it', (code) => {
    expect(covered.has(code)).toBe(true);
  });

  it.each([...compileCodes])('compile rule %s has a valid near-miss row', (code) => {
    expect(nearMissed.has(code)).toBe(true);
  });

  it('rows only name codes from the closed list, and row names are unique', () => {
    const known = new Set<string>(DIAGNOSTIC_CODES);
    for (const row of allRows) for (const e of [...row.expect.map((x) => x.code), ...(row.absent ? [row.absent] : [])]) expect(known.has(e), `${row.name}: ${e}`).toBe(true);
    const names = allRows.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('a near-miss row is valid: it expects no diagnostic at all', () => {
    for (const row of allRows.filter((r) => r.absent)) expect(row.expect, row.name).toEqual([]);
  });
});
