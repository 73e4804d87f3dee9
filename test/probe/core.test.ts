// The pure pieces: the gate's limits, Retry-After, redaction, durations, SSE
// framing, verdicts, Bedrock auth, and the source status a model line sums.
import { describe, expect, it } from 'vitest';
import { awsAuth } from '../../src/probe/aws-credentials.js';
import { verdictFor } from '../../src/probe/classify.js';
import { parseDuration } from '../../src/probe/duration.js';
import { Gate } from '../../src/probe/gate.js';
import { redactSecrets } from '../../src/probe/redact.js';
import { sourceStatus } from '../../src/probe/report.js';
import { retryAfterMs } from '../../src/probe/retry-after.js';
import { parseSse } from '../../src/probe/sse.js';

describe('Gate', () => {
  it('never runs more than the total, nor more than the per-key limit, and runs everything', async () => {
    const gate = new Gate(4, 2);
    const active = new Map<string, number>();
    let total = 0;
    let maxTotal = 0;
    const maxPerKey = new Map<string, number>();
    const releases: (() => void)[] = [];
    const jobs = Array.from({ length: 30 }, (_, i) => {
      const key = ['a', 'b', 'c'][i % 3]!;
      return gate.run(key, async () => {
        total++;
        active.set(key, (active.get(key) ?? 0) + 1);
        maxTotal = Math.max(maxTotal, total);
        maxPerKey.set(key, Math.max(maxPerKey.get(key) ?? 0, active.get(key)!));
        await new Promise<void>((r) => releases.push(r));
        total--;
        active.set(key, active.get(key)! - 1);
        return i;
      });
    });
    // Release jobs one by one as they start (no clock involved).
    let done = 0;
    while (done < 30) {
      await new Promise((r) => setImmediate(r));
      const next = releases.shift();
      if (next) {
        next();
        done++;
      }
    }
    expect(await Promise.all(jobs)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(maxTotal).toBe(4);
    expect(Math.max(...maxPerKey.values())).toBe(2);
  });
});

describe('pure helpers', () => {
  it('Retry-After: seconds or an HTTP date', () => {
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:05 GMT', 1000)).toBe(4000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });

  it('redaction masks a key whole, cut short, or split', () => {
    const key = 'sk-live-abcdefghijklmnop';
    expect(redactSecrets(`bad key ${key}!`, [key])).toBe('bad key ***!');
    expect(redactSecrets(`bad key sk-live-abcd… and ijklmnop`, [key])).toBe('bad key ***… and ***');
    expect(redactSecrets('short sk-live nothing', [key])).toBe('short sk-live nothing');
  });

  it('durations', () => {
    expect([parseDuration('20s'), parseDuration('500ms'), parseDuration('2m'), parseDuration('3'), parseDuration('0s'), parseDuration('x')]).toEqual([20_000, 500, 120_000, 3000, undefined, undefined]);
  });

  it('SSE: event names, multi-line data, CRLF framing, comments', () => {
    expect(parseSse('event: a\ndata: 1\ndata: 2\n\n: comment\r\ndata: {"x":1}\r\n\r\n')).toEqual([{ event: 'a', data: '1\n2' }, { data: '{"x":1}' }]);
  });

  it('verdicts: a rejected capability is unsupported; auth, rate limit and server faults are errors', () => {
    expect(verdictFor('tools', 400, { message: 'no tools' }, null)).toMatchObject({ status: 'unsupported', capability: 'tools' });
    expect(verdictFor('tools', 401, { message: 'bad key' }, null)).toMatchObject({ status: 'error', httpStatus: 401 });
    expect(verdictFor('basic', 400, { code: 'x', message: 'bad' }, null)).toMatchObject({ status: 'error', code: 'x' });
    expect(verdictFor('basic', 405, undefined, null)).toMatchObject({ status: 'unsupported', capability: 'protocol' });
    expect(verdictFor('streaming', 200, undefined, 'no events')).toMatchObject({ status: 'unsupported', capability: 'streaming', message: 'no events' });
    expect(verdictFor('basic', 200, undefined, 'not a message')).toMatchObject({ status: 'error', code: 'bad-response' });
  });

  it('Bedrock auth: a key pair signs, anything else is a bearer API key, the AWS variables are the fallback', () => {
    expect(awsAuth('AKIAABCDEFGHIJKLMNOP:secret/key:token', {})).toEqual({ kind: 'sigv4', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: 'secret/key', sessionToken: 'token' });
    expect(awsAuth('ABSKbedrockapikey', {})).toEqual({ kind: 'bearer', token: 'ABSKbedrockapikey' });
    expect(awsAuth(undefined, { AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 's' })).toEqual({ kind: 'sigv4', accessKeyId: 'AKIAX', secretAccessKey: 's' });
    expect(awsAuth(undefined, {})).toBeUndefined();
  });

  it('a source is its basic check when that failed, else its worst capability check; skipped checks do not count', () => {
    const c = (check: 'basic' | 'tools' | 'streaming', status: 'usable' | 'error' | 'unsupported' | 'skipped') => ({ check, status, attempts: 1 });
    expect(sourceStatus([c('basic', 'error'), c('tools', 'usable')])).toBe('error');
    expect(sourceStatus([c('basic', 'usable'), c('tools', 'unsupported'), c('streaming', 'skipped')])).toBe('unsupported');
    expect(sourceStatus([c('basic', 'usable'), c('streaming', 'skipped')])).toBe('usable');
  });
});
