// Bedrock streaming: ConverseStream and InvokeModelWithResponseStream answer in
// AWS event-stream frames (application/vnd.amazon.eventstream), not SSE. The
// probe decodes them frame by frame against the mock upstream, classifies the
// decoded events (pure), and never lets a key echoed in an exception frame
// reach any output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsAuth } from '../../src/probe/aws-credentials.js';
import { decodeEventStream, eventStreamVerdict, firstFrameLength } from '../../src/probe/eventstream.js';
import type { ProbeReport } from '../../src/probe/index.js';
import { ADAPTERS } from '../../src/probe/index.js';
import { startMockUpstream, type MockUpstream } from '../../src/probe/mock-upstream.js';
import { eventFrame, exceptionFrame } from '../../src/probe/mock/eventstream.js';
import { probeCheck } from '../../src/probe/probe.js';
import { converseStreamMissing } from '../../src/probe/protocols/bedrock.js';
import { send, signCall } from '../../src/probe/send.js';
import type { HttpCall } from '../../src/probe/types.js';
import { run } from '../cli/capture.js';
import { CATALOG_ENV, writeCatalog } from './catalog.js';
import { AWS_PAIR, dispatcher, ENV, expectNoSecret, KEY, target } from './helpers.js';

let mock: MockUpstream;
const agent = dispatcher();
const ctx = { dispatcher: agent, timeoutMs: 5_000, env: ENV, maxRetryAfterMs: 5_000 };

beforeAll(async () => {
  mock = await startMockUpstream({
    models: {
      'no-stream': { reject: ['streaming'] },
      'fails-500': { fail: { status: 500 } },
      'fails-503': { fail: { status: 503, message: 'Bedrock is unable to process your request.' } },
      'breaks-mid-stream': { streamException: { type: 'modelStreamErrorException', message: 'The model stopped streaming.' } },
      'throttled-mid-stream': { streamException: { type: 'throttlingException', message: 'Too many tokens, please wait before trying again.' } },
      'echoes-key': { streamException: { type: 'validationException', echoKey: true } },
      hangs: { hang: true },
    },
  });
});
afterAll(async () => {
  await mock.close();
  await agent.close();
});

/** [label, protocol, path the stream is asked on, event types the mock sends, in order]. */
const BEDROCK: [string, string, string, string[]][] = [
  ['converse', 'bedrock-converse', 'converse-stream', ['messageStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata']],
  ['invoke', 'anthropic-messages', 'invoke-with-response-stream', ['chunk', 'chunk', 'chunk', 'chunk', 'chunk', 'chunk', 'chunk']],
];

describe.each(BEDROCK)('bedrock %s streaming', (_label, protocol, path, eventTypes) => {
  const t = (model: string) => target(mock.url, 'bedrock', protocol, '', model, ['text', 'streaming']);

  it('is usable: the answer is an AWS event stream of several frames, decoded one by one', async () => {
    const r = await probeCheck(t('good'), 'streaming', AWS_PAIR, ctx);
    expect(r).toMatchObject({ check: 'streaming', status: 'usable', attempts: 1 });
    expect(r.latency!.totalMs).toBeGreaterThanOrEqual(r.latency!.ttfbMs);
    const req = mock.requests.at(-1)!;
    expect(req).toMatchObject({ model: 'good', status: 200, flavour: 'bedrock' });
    expect(req.path).toBe(`/model/good/${path}`);
    expect(req.features).toContain('streaming');

    // The same signed request, sent again: what came back is frames, not one blob.
    const built = ADAPTERS[protocol]!.build(t('good'), 'streaming', AWS_PAIR) as HttpCall;
    expect(built.eventStream).toBe(true);
    const sent = await send(await signCall(built, awsAuth(AWS_PAIR, {})), agent, 5_000);
    if (sent.kind !== 'response') throw new Error(sent.kind);
    expect(sent.headers['content-type']).toBe('application/vnd.amazon.eventstream');
    const decoded = decodeEventStream(sent.bytes);
    expect(decoded.problem).toBeUndefined();
    expect(decoded.frames.map((f) => [f.messageType, f.type])).toEqual(eventTypes.map((e) => ['event', e]));
    expect(firstFrameLength(sent.bytes)).toBeLessThan(sent.bytes.length);
  });

  it('is unsupported when the upstream rejects streaming (a 400 ValidationException, as Bedrock answers)', async () => {
    const r = await probeCheck(t('no-stream'), 'streaming', AWS_PAIR, ctx);
    expect(r).toMatchObject({ check: 'streaming', status: 'unsupported', capability: 'streaming', httpStatus: 400, code: 'ValidationException' });
    expect(r.message).toContain('streaming');
  });

  it('is an error on a 5xx before the stream, with the status and the exception name', async () => {
    expect(await probeCheck(t('fails-500'), 'streaming', AWS_PAIR, ctx)).toMatchObject({ status: 'error', httpStatus: 500, code: 'InternalServerException' });
    expect(await probeCheck(t('fails-503'), 'streaming', AWS_PAIR, ctx)).toMatchObject({
      status: 'error',
      httpStatus: 503,
      code: 'ServiceUnavailableException',
      message: 'Bedrock is unable to process your request.',
    });
  });

  it('is an error on an exception frame mid-stream, named by its :exception-type', async () => {
    const r = await probeCheck(t('breaks-mid-stream'), 'streaming', AWS_PAIR, ctx);
    expect(r).toMatchObject({ status: 'error', code: 'modelStreamErrorException', message: 'The model stopped streaming.' });
    expect(r.httpStatus).toBeUndefined();
    expect(await probeCheck(t('throttled-mid-stream'), 'streaming', AWS_PAIR, ctx)).toMatchObject({ status: 'error', code: 'throttlingException' });
  });

  it('times out on an upstream that never answers', async () => {
    expect(await probeCheck(t('hangs'), 'streaming', AWS_PAIR, { ...ctx, timeoutMs: 300 })).toMatchObject({ status: 'timeout' });
  });

  it('masks a key echoed in an exception frame, SigV4 or Bedrock API key', async () => {
    const signed = await probeCheck(t('echoes-key'), 'streaming', AWS_PAIR, ctx);
    expect(signed).toMatchObject({ status: 'error', code: 'validationException' });
    expect(signed.message).toContain('***');
    expect(signed.message).not.toContain(AWS_PAIR.split(':')[0]);
    const bearer = await probeCheck(t('echoes-key'), 'streaming', KEY, ctx);
    expect(bearer.message).toContain('***');
    expect(bearer.message).not.toContain(KEY.slice(0, 8));
  });
});

describe('event-stream verdicts (pure: decoded events in, verdict out)', () => {
  const ES = 'application/vnd.amazon.eventstream';
  const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);
  const good = concat(
    eventFrame('messageStart', { role: 'assistant' }),
    eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'OK' } }),
    eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
    eventFrame('messageStop', { stopReason: 'end_turn' }),
  );
  const verdict = (bytes: Uint8Array, contentType = ES) => eventStreamVerdict('streaming', contentType, decodeEventStream(bytes), converseStreamMissing);

  it('usable: messageStart, a text delta and messageStop, each a frame of its own', () => {
    expect(decodeEventStream(good).frames).toHaveLength(4);
    expect(verdict(good)).toEqual({ status: 'usable' });
    expect(verdict(good, `${ES}; charset=binary`)).toEqual({ status: 'usable' });
  });

  it('unsupported: a whole JSON answer, or one frame holding everything, is not a stream', () => {
    const whole = Buffer.from(JSON.stringify({ output: { message: { role: 'assistant', content: [{ text: 'OK' }] } } }));
    expect(verdict(whole, 'application/json')).toMatchObject({ status: 'unsupported', capability: 'streaming', message: expect.stringContaining('not an AWS event stream') });
    const blob = eventFrame('messageStart', { role: 'assistant', content: [{ text: 'OK' }], stopReason: 'end_turn' });
    expect(verdict(blob)).toMatchObject({ status: 'unsupported', message: 'no contentBlockDelta with text in the stream' });
    expect(verdict(good.subarray(firstFrameLength(good)!))).toMatchObject({ status: 'unsupported', message: 'no messageStart event in the stream' });
    const noStop = concat(eventFrame('messageStart', { role: 'assistant' }), eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'OK' } }));
    expect(verdict(noStop)).toMatchObject({ status: 'unsupported', message: 'the stream ended without messageStop' });
  });

  it('error: an exception frame, named by :exception-type, with its message', () => {
    const bytes = concat(eventFrame('messageStart', { role: 'assistant' }), exceptionFrame('internalServerException', 'try again'));
    expect(verdict(bytes)).toEqual({ status: 'error', code: 'internalServerException', message: 'try again' });
  });

  it('error: a frame whose CRC does not match, or a stream cut inside a frame, is a bad response', () => {
    const corrupt = Buffer.from(good);
    corrupt[firstFrameLength(good)! - 6]! ^= 0xff; // a payload byte of the first frame
    expect(verdict(corrupt)).toMatchObject({ status: 'error', code: 'bad-response', message: expect.stringContaining('frame 1 does not decode') });
    expect(verdict(good.subarray(0, good.length - 3))).toMatchObject({ status: 'error', code: 'bad-response', message: expect.stringContaining('frame 4') });
  });

  it('firstFrameLength: undefined until the first frame is whole', () => {
    const first = firstFrameLength(good)!;
    expect(first).toBeGreaterThan(16);
    expect(firstFrameLength(good.subarray(0, 3))).toBeUndefined();
    expect(firstFrameLength(good.subarray(0, first - 1))).toBeUndefined();
    expect(firstFrameLength(good.subarray(0, first))).toBe(first);
  });
});

describe('modelctl test with Bedrock streaming', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await writeCatalog(mock.url, [
      { name: 'delta', capabilities: ['text', 'streaming'], sources: [['bedrock', 'good']] },
      { name: 'echo', capabilities: ['text', 'streaming'], sources: [['bedrock', 'echoes-key']] },
    ]);
  });

  it('json: the streaming check is usable for a streaming source, an error for one whose stream raises', async () => {
    const r = await run(['test', dir, '--capabilities', '--format', 'json'], dir, CATALOG_ENV);
    const report = JSON.parse(r.stdout) as ProbeReport;
    const checks = Object.fromEntries(report.models.map((m) => [m.name, m.sources[0]!.checks.map((c) => [c.check, c.status, c.code])]));
    expect(checks).toEqual({
      delta: [
        ['basic', 'usable', undefined],
        ['streaming', 'usable', undefined],
      ],
      echo: [
        ['basic', 'usable', undefined],
        ['streaming', 'error', 'validationException'],
      ],
    });
  });

  it.each(['text', 'json', 'markdown', 'junit'])('%s: a key echoed in an exception frame appears in no output', async (format) => {
    for (const key of [AWS_PAIR, KEY]) {
      const r = await run(['test', dir, '--capabilities', '--format', format], dir, { ...CATALOG_ENV, BEDROCK_KEYS: key, MODELCTL_DEBUG: '1' }, { tty: true });
      expect(r.stdout).toContain('echoes-key');
      expect(r.stdout).toContain('validationException');
      expectNoSecret(r.stdout);
      expectNoSecret(r.stderr);
    }
  });
});
