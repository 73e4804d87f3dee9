// validate/compile --format junit: well-formed XML (read back with a strict
// reader), one testsuite per file, one failing testcase per error, warnings
// in system-out unless --fail-on warning, counts that add up.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { escapeAttr, escapeText, junit } from '../../src/cli/format/junit.js';
import { run } from '../cli/capture.js';
import { childrenNamed, parseXml, type XmlElement } from './xml.js';
import { GROUP, WARNING_ONLY } from './fixtures.js';


let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'modelctl-junit-'));
  await mkdir(join(tmp, 'cat'), { recursive: true });
  await writeFile(join(tmp, 'cat', 'bad.yaml'), GROUP + 'descripton: typo\ncolour: blue\n');
  await writeFile(join(tmp, 'cat', 'good.yaml'), GROUP.replace('eng', 'data'));
  await writeFile(join(tmp, 'cat', 'warn.yaml'), WARNING_ONLY);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const num = (el: XmlElement, a: string) => Number(el.attrs[a]);

function suites(xml: string): { root: XmlElement; byName: Map<string, XmlElement> } {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  const list = childrenNamed(root, 'testsuite');
  // Counts add up at every level.
  let tests = 0;
  let failures = 0;
  for (const s of list) {
    const cases = childrenNamed(s, 'testcase');
    expect(num(s, 'tests')).toBe(cases.length);
    expect(num(s, 'failures')).toBe(cases.filter((c) => childrenNamed(c, 'failure').length).length);
    for (const c of cases) expect(childrenNamed(c, 'failure').length).toBeLessThanOrEqual(1);
    tests += cases.length;
    failures += num(s, 'failures');
  }
  expect(num(root, 'tests')).toBe(tests);
  expect(num(root, 'failures')).toBe(failures);
  return { root, byName: new Map(list.map((s) => [s.attrs.name!, s])) };
}

describe('validate --format junit', () => {
  it('a testsuite per file; a failing testcase per error; a file without errors passes', async () => {
    const out = await run(['validate', 'cat', '--format', 'junit'], tmp);
    expect(out.code).toBe(1);
    expect(out.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const { root, byName } = suites(out.stdout);
    expect([...byName.keys()]).toEqual(['cat/bad.yaml', 'cat/good.yaml', 'cat/warn.yaml']);
    expect(num(root, 'failures')).toBe(2);

    const bad = childrenNamed(byName.get('cat/bad.yaml')!, 'testcase');
    expect(bad.map((c) => c.attrs.name)).toEqual(['unknown-field at 4:1', 'unknown-field at 5:1']);
    const failure = childrenNamed(bad[0]!, 'failure')[0]!;
    expect(failure.attrs.type).toBe('unknown-field');
    expect(failure.attrs.message).toMatch(/descripton/);
    expect(failure.text).toMatch(/^cat\/bad\.yaml:4:1 {2}error {2}unknown-field/);
    expect(bad[0]!.attrs.classname).toBe('cat/bad.yaml');

    const good = childrenNamed(byName.get('cat/good.yaml')!, 'testcase');
    expect(good).toHaveLength(1);
    expect(good[0]!.children).toEqual([]);
  });

  it('warnings pass and are listed in system-out; with --fail-on warning they fail, as the exit code does', async () => {
    const plain = await run(['validate', 'cat/warn.yaml', '--format', 'junit'], tmp);
    expect(plain.code).toBe(0);
    const warn = suites(plain.stdout).byName.get('cat/warn.yaml')!;
    expect(num(warn, 'failures')).toBe(0);
    expect(childrenNamed(warn, 'system-out')[0]!.text).toMatch(/warning {2}internal-model-without-task/);

    const strict = await run(['validate', 'cat/warn.yaml', '--format', 'junit', '--fail-on', 'warning'], tmp);
    expect(strict.code).toBe(1);
    const failed = suites(strict.stdout).byName.get('cat/warn.yaml')!;
    expect(num(failed, 'failures')).toBe(1);
    expect(childrenNamed(childrenNamed(failed, 'testcase')[0]!, 'failure')[0]!.attrs.type).toBe('internal-model-without-task');
    expect(childrenNamed(failed, 'system-out')).toEqual([]);
  });

  it('compile --format junit fails the same way and writes nothing', async () => {
    const out = await run(['compile', 'cat', '-o', 'never.json', '--format', 'junit'], tmp);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe((await run(['validate', 'cat', '--format', 'junit'], tmp)).stdout);
  });
});

describe('JUnit on bad input', () => {
  const d = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'unknown-field', severity: 'error', message: 'm', file: 'a.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, pointer: '', ...over });

  it('markup, quotes, ampersands, newlines and control characters round-trip through a strict reader', () => {
    const message = `unknown field '<x a="b">' & "y" \u0001\u001b[31m\ttab\nnext line ]]> \ud800`;
    const file = 'dir/<evil> & "name"\n.yaml';
    const xml = junit([d({ message, file, hint: 'did you mean </failure>?' })], new Map(), 'error');
    const { byName } = suites(xml);
    const suite = byName.get(file)!;
    expect(suite).toBeDefined();
    const failure = childrenNamed(childrenNamed(suite, 'testcase')[0]!, 'failure')[0]!;
    // Control characters XML cannot carry become visible escapes; everything else is exact.
    const visible = message.replace('\u0001', '\\u0001').replace('\u001b', '\\u001b').replace('\ud800', '\\ud800');
    expect(failure.attrs.message).toBe(visible);
    expect(failure.text).toContain('hint: did you mean </failure>?');
    expect(failure.text).toContain(visible);
  });

  it('escapes are the XML ones', () => {
    expect(escapeText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeAttr(`"'\n\t`)).toBe('&quot;&apos;&#10;&#9;');
  });

  it('errors left out by the per-file cap still fail, counted in one testcase', async () => {
    const many = Array.from({ length: 60 }, (_, i) => d({ line: i + 1, message: `m${i}` }));
    const { byName } = suites(junit(many, new Map([['a.yaml', '']]), 'error'));
    const cases = childrenNamed(byName.get('a.yaml')!, 'testcase');
    expect(cases).toHaveLength(51);
    expect(cases.at(-1)!.attrs.name).toBe('unknown-field (10 more)');
    expect(childrenNamed(cases.at(-1)!, 'failure')).toHaveLength(1);
  });

  it('the reader is strict: it rejects what a real parser rejects', () => {
    expect(() => parseXml('<a>x & y</a>')).toThrow(/bare/);
    expect(() => parseXml('<a b="<"/>')).toThrow();
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a>\u0001</a>')).toThrow(/forbids/);
    expect(() => parseXml('<a b="1" b="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml('<a/><b/>')).toThrow(/root/);
    expect(parseXml('<a b="x&#10;y">&lt;&amp;</a>')).toMatchObject({ attrs: { b: 'x\ny' }, text: '<&' });
  });
});
