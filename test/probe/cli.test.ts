// `modelctl test` end to end, in-process, against the mock upstream: the
// model line sums its sources, each outcome shows, exit codes, every format,
// and a key the upstream echoes back never reaches any output.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../../src/probe/mock-upstream.js';
import type { ProbeReport } from '../../src/probe/index.js';
import { run } from '../cli/capture.js';
import { CATALOG_ENV, writeCatalog } from './catalog.js';
import { expectNoSecret } from './helpers.js';

let mock: MockUpstream;
let dir: string;
beforeAll(async () => {
  mock = await startMockUpstream({
    models: {
      'gpt-echo': { fail: { status: 401, code: 'invalid_api_key', echoKey: true } },
      'gpt-no-tools': { reject: ['tools'] },
    },
  });
  dir = await writeCatalog(mock.url);
});
afterAll(() => mock.close());

describe('modelctl test', () => {
  it('text: a line per model summing its sources, each source with its outcome; exit 1 when one fails', async () => {
    const r = await run(['test', dir], dir, CATALOG_ENV);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^alpha {2}2 of 3 sources usable$/m);
    expect(r.stdout).toMatch(/beta {2}1 of 1 source usable/);
    expect(r.stdout).toMatch(/error 401 invalid_api_key: Incorrect API key provided: \*\*\*/);
    expect(r.stdout).toContain('alpha@openai:gpt-echo');
    expect(r.stderr).toBe('');
  });

  it('json: conforms to the report shape, statuses per source, the echoed key masked', async () => {
    const r = await run(['test', dir, '--format', 'json'], dir, CATALOG_ENV);
    const report = JSON.parse(r.stdout) as ProbeReport;
    const schema = JSON.parse(readFileSync(new URL('../../schema/probe-result.schema.json', import.meta.url), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toMatchObject({ models: 3, sources: 5, usable: 4, error: 1 });
    const echo = report.models[0]!.sources.find((s) => s.upstreamModel === 'gpt-echo')!;
    expect(echo.checks[0]).toMatchObject({ status: 'error', httpStatus: 401, code: 'invalid_api_key' });
    expect(echo.checks[0]!.message).toContain('***');
    // The mock really did receive, and echo, the key.
    expect(mock.requests.some((q) => q.model === 'gpt-echo' && q.status === 401)).toBe(true);
  });

  it('--capabilities names the capability the upstream rejects as unsupported', async () => {
    const r = await run(['test', dir, '--model', 'gamma', '--capabilities', '--format', 'json'], dir, CATALOG_ENV);
    expect(r.code).toBe(1);
    const source = (JSON.parse(r.stdout) as ProbeReport).models[0]!.sources[0]!;
    expect(source.status).toBe('unsupported');
    expect(source.checks.map((c) => [c.check, c.status, c.capability])).toEqual([
      ['basic', 'usable', undefined],
      ['streaming', 'usable', undefined],
      ['tools', 'unsupported', 'tools'],
    ]);
    // --fail-on error: an unsupported capability alone no longer fails the run.
    expect((await run(['test', dir, '--model', 'gamma', '--capabilities', '--fail-on', 'error'], dir, CATALOG_ENV)).code).toBe(0);
  });

  it('exit 0 when every selected source is usable; --source picks one route', async () => {
    const r = await run(['test', dir, '--source', 'alpha@anthropic:claude-good', '--format', 'json'], dir, CATALOG_ENV);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ProbeReport).models.flatMap((m) => m.sources.map((s) => s.id))).toEqual(['alpha@anthropic:claude-good']);
  });

  it('a missing credential is an error naming the reference, never a request', async () => {
    const before = mock.requests.length;
    const r = await run(['test', dir, '--model', 'beta', '--format', 'json'], dir, { ...CATALOG_ENV, BEDROCK_KEYS: '' });
    const check = (JSON.parse(r.stdout) as ProbeReport).models[0]!.sources[0]!.checks[0]!;
    expect(check).toMatchObject({ status: 'error', code: 'credential-missing', message: 'credential env BEDROCK_KEYS is not set here', attempts: 0 });
    expect(mock.requests.length).toBe(before);
  });

  it.each(['text', 'json', 'markdown', 'junit'])('%s: the planted key appears in no output', async (format) => {
    const r = await run(['test', dir, '--capabilities', '--format', format], dir, { ...CATALOG_ENV, MODELCTL_DEBUG: '1' }, { tty: true });
    expect(r.stdout).toContain('gpt-echo');
    expectNoSecret(r.stdout);
    expectNoSecret(r.stderr);
  });

  it('junit: well-formed, one case per check, failures and errors counted', async () => {
    const r = await run(['test', dir, '--capabilities', '--format', 'junit'], dir, CATALOG_ENV);
    expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="modelctl test" tests="7" failures="1" errors="1" skipped="0">')).toBe(true);
    expect(r.stdout.match(/<testcase /g)).toHaveLength(7);
    expect(r.stdout).toMatch(/<failure type="unsupported" message="unsupported: tools/);
    expect(r.stdout.match(/<testsuite /g)).toHaveLength(3);
    expect(r.stdout.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('markdown: the summary line first, a collapsible block per model', async () => {
    const r = await run(['test', dir, '--format', 'markdown'], dir, CATALOG_ENV);
    expect(r.stdout.split('\n')[0]).toMatch(/^\*\*modelctl test:\*\* ❌ 3 models, 5 sources: 4 usable, 1 error$/);
    expect(r.stdout.match(/<details/g)).toHaveLength(3);
  });

  it('a progress line on a terminal stderr only; nothing on a pipe', async () => {
    const tty = await run(['test', dir, '--model', 'beta'], dir, CATALOG_ENV, { tty: true });
    expect(tty.stderr).toContain('[1/1] beta@bedrock:titan-good basic');
    const pipe = await run(['test', dir, '--model', 'beta'], dir, CATALOG_ENV);
    expect(pipe.stderr).toBe('');
  });

  it.each([
    [['--timeout', 'soon']],
    [['--concurrency', '0']],
    [['--format', 'xml']],
    [['--fail-on', 'nothing']],
    [['--model', 'nope']],
    [['--changed']],
  ])('usage error %j → 64', async (args) => {
    expect((await run(['test', dir, ...args], dir, CATALOG_ENV)).code).toBe(64);
  });
});
