// Credentials in the documented place: the mock refuses a request without
// them (so the probes above prove they send them), Bedrock signs SigV4 with a
// key pair or sends a Bedrock API key as a bearer token.
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../../src/probe/mock-upstream.js';
import { probeCheck } from '../../src/probe/probe.js';
import { target } from './helpers.js';

let mock: MockUpstream;
const agent = new Agent();
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock.close();
  await agent.close();
});

const ctx = (env: Record<string, string>) => ({ dispatcher: agent, timeoutMs: 5_000, env, maxRetryAfterMs: 0 });

describe('auth', () => {
  it.each([
    ['/v1/messages', { 'anthropic-version': '2023-06-01' }, 401],
    ['/v1/chat/completions', {}, 401],
    ['/openai/deployments/d/chat/completions?api-version=2024-10-21', {}, 401],
    ['/v1beta/models/g:generateContent', {}, 403],
    ['/model/m/converse', {}, 403],
    ['/model/m/converse', { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abc' }, 403],
  ])('the mock refuses %s without its credential', async (path, headers, status) => {
    const res = await request(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"model":"x","messages":[{"role":"user","content":"hi"}],"max_tokens":1,"contents":[{"parts":[{"text":"hi"}]}]}', dispatcher: agent });
    await res.body.text();
    expect(res.statusCode).toBe(status);
  });

  it('Bedrock: a key pair is signed with SigV4 (the mock checks the header), a Bedrock API key goes as a bearer token', async () => {
    const t = target(mock.url, 'bedrock', 'bedrock-converse', '', 'titan');
    expect(await probeCheck(t, 'basic', 'AKIAMOCKACCESSKEY123:secret', ctx({}))).toMatchObject({ status: 'usable' });
    expect(await probeCheck(t, 'basic', 'ABSK-bedrock-api-key-value', ctx({}))).toMatchObject({ status: 'usable' });
    // No credential under the reference: the standard AWS variables sign instead.
    expect(await probeCheck(t, 'basic', undefined, ctx({ AWS_ACCESS_KEY_ID: 'AKIAMOCKACCESSKEY123', AWS_SECRET_ACCESS_KEY: 's' }))).toMatchObject({ status: 'usable' });
    expect(await probeCheck(t, 'basic', undefined, ctx({}))).toMatchObject({ status: 'error', code: 'credential-missing' });
  });
});
