// validate/compile --format sarif: SARIF 2.1.0 that the official schema
// accepts, with every field GitHub code scanning reads (rules, ruleId, level,
// message, relative %-encoded artifact URIs, 1-based regions).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../../src/diagnostics/types.js';
import { artifactUri, sarif } from '../../src/cli/format/sarif.js';
import { RULE_DESCRIPTIONS } from '../../src/cli/format/rule-descriptions.js';
import { MAX_PER_FILE_AND_CODE } from '../../src/cli/format/diagnostics.js';
import { TOOL } from '../../src/cli/command.js';
import { run } from '../cli/capture.js';
import { sarifValidator } from './sarif-schema.js';
import { GROUP, WARNING_ONLY } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const validate = sarifValidator();

function valid(log: unknown): void {
  const ok = validate(log);
  expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
}


let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'modelctl-sarif-'));
  await mkdir(join(tmp, 'cat', 'my dir'), { recursive: true });
  // An unknown field, in a file whose name needs %-encoding.
  await writeFile(join(tmp, 'cat', 'my dir', 'group #1 100%.yaml'), GROUP + 'descripton: typo\n');
  // A duplicate name: an error with a related location in another file.
  await writeFile(join(tmp, 'cat', 'dup.yaml'), GROUP + '---\n' + GROUP);
  await writeFile(join(tmp, 'cat', 'warn.yaml'), WARNING_ONLY);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('validate --format sarif', () => {
  it('is valid SARIF 2.1.0 with one run, the tool, a rule per code used and a result per diagnostic', async () => {
    const json = await run(['validate', 'cat', '--format', 'json'], tmp);
    const out = await run(['validate', 'cat', '--format', 'sarif'], tmp);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('');
    const log = JSON.parse(out.stdout) as Log;
    valid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run0 = log.runs[0]!;
    expect(run0.tool.driver).toMatchObject({ name: 'modelctl', version: TOOL.version });
    expect(run0.tool.driver.informationUri).toBe(TOOL.informationUri);

    const diagnostics = (JSON.parse(json.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
    const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
    expect(codes).toEqual(expect.arrayContaining(['duplicate-name', 'unknown-field', 'internal-model-without-task']));
    const rules = run0.tool.driver.rules!;
    expect(rules.map((r) => r.id).sort()).toEqual(codes);
    for (const r of rules) expect(r.shortDescription?.text).toBe(RULE_DESCRIPTIONS[r.id as Diagnostic['code']]);

    const results = run0.results!;
    expect(results).toHaveLength(diagnostics.length);
    results.forEach((r, i) => {
      const d = diagnostics[i]!;
      expect(r.ruleId).toBe(d.code);
      expect(rules[r.ruleIndex!]!.id).toBe(d.code);
      expect(r.level).toBe(d.severity);
      expect(r.message.text).toContain(d.message);
      expect(r.locations![0]!.physicalLocation!.region).toEqual({ startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
    });
  });

  it('artifact URIs are relative, forward-slashed and %-encoded; regions point at the offending key', async () => {
    const log = JSON.parse((await run(['validate', 'cat', '--format', 'sarif'], tmp)).stdout) as Log;
    const results = log.runs[0]!.results!;
    const unknown = results.find((r) => r.ruleId === 'unknown-field')!;
    const loc = unknown.locations![0]!.physicalLocation!;
    expect(loc.artifactLocation!.uri).toBe('cat/my%20dir/group%20%231%20100%25.yaml');
    expect(decodeURIComponent(loc.artifactLocation!.uri!)).toBe('cat/my dir/group #1 100%.yaml');
    expect(loc.region).toMatchObject({ startLine: 4, startColumn: 1, endLine: 4, endColumn: 11 });
    const dup = results.find((r) => r.ruleId === 'duplicate-name')!;
    expect(dup.level).toBe('error');
    expect(dup.relatedLocations?.length).toBeGreaterThan(0);
    for (const r of results) expect(r.locations![0]!.physicalLocation!.artifactLocation!.uri).not.toMatch(/^\/|\\|\s/);
    const warn = results.find((r) => r.ruleId === 'internal-model-without-task')!;
    expect(warn.level).toBe('warning');
  });

  it('a valid catalog: no results, still a valid log (exit 0)', async () => {
    const out = await run(['validate', 'examples/quickstart', '--format', 'sarif'], ROOT);
    expect(out.code).toBe(0);
    const log = JSON.parse(out.stdout) as Log;
    valid(log);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toEqual([]);
  });

  it('compile --format sarif prints the same log on stdout when compile fails', async () => {
    const out = await run(['compile', 'cat', '-o', join(tmp, 'never.json'), '--format', 'sarif'], tmp);
    expect(out.code).toBe(1);
    valid(JSON.parse(out.stdout));
    expect(out.stdout).toBe((await run(['validate', 'cat', '--format', 'sarif'], tmp)).stdout);
  });
});

describe('SARIF on bad input', () => {
  it('capped diagnostics are counted in a tool notification, and the log stays valid', async () => {
    const dir = join(tmp, 'many');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'g.yaml'), GROUP + Array.from({ length: 300 }, (_, i) => `key${i}: ${i}\n`).join(''));
    const log = JSON.parse((await run(['validate', '.', '--format', 'sarif'], dir)).stdout) as Log;
    valid(log);
    expect(log.runs[0]!.results).toHaveLength(MAX_PER_FILE_AND_CODE);
    const notes = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notes.map((n) => n.message.text)).toEqual([`${300 - MAX_PER_FILE_AND_CODE} more unknown-field in g.yaml not shown`]);
  });

  it('a newline, quote and # in a file name: still one JSON document, a valid URI', async () => {
    const dir = join(tmp, 'names');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'evil\n"name"#.yaml'), GROUP + 'colour: blue\n');
    const out = await run(['validate', '.', '--format', 'sarif'], dir);
    const log = JSON.parse(out.stdout) as Log;
    valid(log);
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('evil%0A%22name%22%23.yaml');
  });

  it('artifactUri: segments encoded, separators kept, absolute paths as file: URLs', () => {
    expect(artifactUri('a/b c/d.yaml')).toBe('a/b%20c/d.yaml');
    expect(artifactUri("it's (1)*.yaml")).toBe('it%27s%20%281%29%2A.yaml');
    expect(artifactUri('<stdin>')).toBe('%3Cstdin%3E');
    expect(artifactUri('/tmp/x y.yaml')).toBe('file:///tmp/x%20y.yaml');
    expect(artifactUri('c:d.yaml')).toBe('c%3Ad.yaml'); // not read as a scheme
  });

  it('every diagnostic code has a rule description', () => {
    for (const code of DIAGNOSTIC_CODES) expect(RULE_DESCRIPTIONS[code], code).toMatch(/\S/);
  });

  it('the validator is not a rubber stamp: it rejects a wrong level and a missing message', () => {
    const good = JSON.parse(sarif([{ code: 'unknown-field', severity: 'error', message: 'm', file: 'a.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, pointer: '/a' }], TOOL)) as Log;
    valid(good);
    const badLevel = structuredClone(good) as unknown as { runs: { results: { level: string; message?: unknown }[] }[] };
    badLevel.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(badLevel)).toBe(false);
    const noMessage = structuredClone(good) as unknown as typeof badLevel;
    delete noMessage.runs[0]!.results[0]!.message;
    expect(validate(noMessage)).toBe(false);
    const rawSpace = structuredClone(good) as Log;
    rawSpace.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri = 'my dir/a.yaml';
    expect(validate(rawSpace)).toBe(false);
  });
});
