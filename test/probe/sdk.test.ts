// The vendors' own SDKs, pointed at the mock upstream: if they parse its
// answers (plain and streamed), the mock speaks the protocol as real clients
// expect, and the probe's checks are checked against a faithful upstream.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../../src/probe/mock-upstream.js';
import { KEY } from './helpers.js';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream({ models: { 'no-tools': { reject: ['tools'] } } });
});
afterAll(() => mock.close());

const tool = { type: 'function' as const, function: { name: 'record_probe', parameters: { type: 'object', properties: { value: { type: 'string' } }, required: ['value'] } } };

describe('openai SDK', () => {
  const client = () => new OpenAI({ apiKey: KEY, baseURL: `${mock.url}/v1`, maxRetries: 0 });

  it('chat completions, plain, with a forced tool, and streamed', async () => {
    const plain = await client().chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }] });
    expect(plain.choices[0]!.message.content).toBe('OK');
    const forced = await client().chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }], tools: [tool], tool_choice: { type: 'function', function: { name: 'record_probe' } } });
    const call = forced.choices[0]!.message.tool_calls![0]!;
    expect(call.type === 'function' && call.function.name).toBe('record_probe');
    let text = '';
    for await (const chunk of await client().chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }], stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('OK');
  });

  it('responses, plain and streamed', async () => {
    const plain = await client().responses.create({ model: 'gpt-x', input: 'hi' });
    expect(plain.output_text).toBe('OK');
    const types: string[] = [];
    for await (const ev of await client().responses.create({ model: 'gpt-x', input: 'hi', stream: true })) types.push(ev.type);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
  });

  it('sees a rejected capability as the SDK error class with the upstream status', async () => {
    const err = await client()
      .chat.completions.create({ model: 'no-tools', messages: [{ role: 'user', content: 'hi' }], tools: [tool] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).message).toContain('does not support tools');
  });

  it('Azure OpenAI: deployment path, api-key header and api-version', async () => {
    const azure = new AzureOpenAI({ apiKey: KEY, endpoint: mock.url, apiVersion: '2024-10-21', deployment: 'my-deployment', maxRetries: 0 });
    const res = await azure.chat.completions.create({ model: 'ignored', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.choices[0]!.message.content).toBe('OK');
    expect(mock.requests.at(-1)).toMatchObject({ flavour: 'azure-deployment', model: 'my-deployment', path: '/openai/deployments/my-deployment/chat/completions', status: 200 });
  });
});

describe('anthropic SDK', () => {
  const client = () => new Anthropic({ apiKey: KEY, baseURL: mock.url, maxRetries: 0 });

  it('messages, plain, with a forced tool, and streamed', async () => {
    const plain = await client().messages.create({ model: 'claude-x', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    expect(plain.content[0]).toMatchObject({ type: 'text', text: 'OK' });
    const forced = await client().messages.create({
      model: 'claude-x',
      max_tokens: 64,
      tools: [{ name: 'record_probe', input_schema: { type: 'object', properties: { value: { type: 'string' } } } }],
      tool_choice: { type: 'tool', name: 'record_probe' },
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(forced.content[0]).toMatchObject({ type: 'tool_use', name: 'record_probe' });
    const stream = client().messages.stream({ model: 'claude-x', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'OK' });
  });

  it('an error body is the SDK error class with the upstream type', async () => {
    const err = await client()
      .messages.create({ model: 'no-tools', max_tokens: 16, tools: [{ name: 't', input_schema: { type: 'object' } }], messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(JSON.stringify((err as InstanceType<typeof Anthropic.BadRequestError>).error)).toContain('invalid_request_error');
  });
});
