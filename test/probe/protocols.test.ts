// Every protocol against the mock upstream, every outcome: usable, error with
// the upstream's status and code, timeout, unsupported capability, and a 429
// answered after its Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCheck } from '../../src/probe/probe.js';
import { startMockUpstream, type MockUpstream } from '../../src/probe/mock-upstream.js';
import { CAPABILITY_CHECKS } from '../../src/probe/index.js';
import { dispatcher, ENV, ROUTES, target } from './helpers.js';

let mock: MockUpstream;
const agent = dispatcher();
const ctx = { dispatcher: agent, timeoutMs: 5_000, env: ENV, maxRetryAfterMs: 5_000 };

beforeAll(async () => {
  mock = await startMockUpstream({
    models: {
      'fails-500': { fail: { status: 500 } },
      'fails-404': { fail: { status: 404, message: 'model not found' } },
      hangs: { hang: true },
      'no-caps': { reject: ['streaming', 'tools', 'image-input', 'structured-output', 'reasoning'] },
      'limited-once': { rateLimitOnce: { retryAfterSeconds: 1 } },
    },
  });
});
afterAll(async () => {
  await mock.close();
  await agent.close();
});

describe.each(ROUTES)('%s', (label, type, protocol, suffix) => {
  const t = (model: string, caps?: string[]) => target(mock.url, type, protocol, suffix, model, caps);

  it('is usable when the upstream answers', async () => {
    const r = await probeCheck(t('good'), 'basic', type === 'bedrock' ? ENV.PROBE_AWS : ENV.PROBE_KEY, ctx);
    expect(r).toMatchObject({ check: 'basic', status: 'usable', attempts: 1 });
    expect(r.latency!.totalMs).toBeGreaterThanOrEqual(r.latency!.ttfbMs);
    expect(mock.requests.at(-1)).toMatchObject({ protocol: protocol === 'anthropic-messages' && type === 'bedrock' ? 'bedrock-invoke' : protocol, model: 'good', status: 200 });
  });

  it('is an error with the status and the upstream code', async () => {
    const r = await probeCheck(t('fails-500'), 'basic', type === 'bedrock' ? ENV.PROBE_AWS : ENV.PROBE_KEY, ctx);
    expect(r).toMatchObject({ status: 'error', httpStatus: 500 });
    expect(r.code).toBeTruthy();
    const nf = await probeCheck(t('fails-404'), 'basic', type === 'bedrock' ? ENV.PROBE_AWS : ENV.PROBE_KEY, ctx);
    expect(nf).toMatchObject({ status: 'error', httpStatus: 404, message: 'model not found' });
  });

  it('times out on an upstream that never answers', async () => {
    const r = await probeCheck(t('hangs'), 'basic', type === 'bedrock' ? ENV.PROBE_AWS : ENV.PROBE_KEY, { ...ctx, timeoutMs: 300 });
    expect(r).toMatchObject({ status: 'timeout' });
  });

  it('retries a 429 once after its Retry-After, then is usable', async () => {
    const model = `limited-${label.replace(/ /g, '-')}`;
    mock.set(model, { rateLimitOnce: { retryAfterSeconds: 1 } });
    const r = await probeCheck(t(model), 'basic', type === 'bedrock' ? ENV.PROBE_AWS : ENV.PROBE_KEY, ctx);
    expect(r).toMatchObject({ status: 'usable', attempts: 2 });
  });

  it('passes every capability check the protocol can make, and names each one the upstream rejects', async () => {
    for (const check of CAPABILITY_CHECKS) {
      const key = type === 'bedrock' ? ENV.PROBE_AWS : ENV.PROBE_KEY;
      const ok = await probeCheck(t('good'), check, key, ctx);
      if (ok.status === 'skipped') {
        expect(ok.message).toBeTruthy();
        continue;
      }
      expect({ check, status: ok.status, message: ok.message }).toEqual({ check, status: 'usable', message: undefined });
      const rejected = await probeCheck(t('no-caps'), check, key, ctx);
      expect(rejected).toMatchObject({ check, status: 'unsupported', capability: check, httpStatus: 400 });
      expect(rejected.message).toContain(check);
    }
  });
});
