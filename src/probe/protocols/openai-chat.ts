// OpenAI Chat Completions: POST {base}/chat/completions with a bearer key.
// The same wire serves OpenRouter, Vercel AI Gateway, Google's OpenAI
// endpoint and any OpenAI-compatible server; Azure OpenAI takes an `api-key`
// header, and on classic endpoints the deployment in the path plus
// `api-version` (an `/openai/v1` base URL is Azure's version-less v1 API).
import { isJsonObjectText, isObject, nestedError, parseJson } from '../classify.js';
import { join, JSON_PROMPT, JSON_SCHEMA, MAX_TOKENS, PROMPT, TINY_PNG_BASE64, TOOL_DESCRIPTION, TOOL_NAME, TOOL_SCHEMA } from '../fixtures.js';
import { parseSse } from '../sse.js';
import type { ProbeCheck, ProbeTarget } from '../types.js';
import type { ProtocolAdapter } from './adapter.js';

/** The GA Azure OpenAI data-plane version used for deployment URLs. */
export const AZURE_API_VERSION = '2024-10-21';

export const isAzureV1 = (baseUrl: string): boolean => /\/openai\/v1\/?$/.test(baseUrl);

/** Endpoint and auth header for a chat or responses call, per provider type. */
export function openaiEndpoint(t: ProbeTarget, operation: 'chat/completions' | 'responses', secret: string): { url: string; headers: Record<string, string>; modelInBody: boolean } {
  if (t.providerType === 'azure-openai') {
    if (isAzureV1(t.baseUrl)) return { url: join(t.baseUrl, `/${operation}`), headers: { 'api-key': secret }, modelInBody: true };
    const base = t.baseUrl.replace(/\/openai\/?$/, '');
    const url =
      operation === 'responses'
        ? join(base, `/openai/responses?api-version=2025-04-01-preview`)
        : join(base, `/openai/deployments/${encodeURIComponent(t.upstreamModel)}/chat/completions?api-version=${AZURE_API_VERSION}`);
    return { url, headers: { 'api-key': secret }, modelInBody: operation === 'responses' };
  }
  const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
  // OpenRouter's app attribution headers; harmless elsewhere, so only sent there.
  if (t.providerType === 'openrouter') headers['x-title'] = 'modelctl test';
  if (t.providerType === 'google') return { url: join(t.baseUrl.replace(/\/v1beta(\/openai)?\/?$/, ''), `/v1beta/openai/${operation}`), headers, modelInBody: true };
  return { url: join(t.baseUrl, `/${operation}`), headers, modelInBody: true };
}

function body(check: ProbeCheck): Record<string, unknown> {
  const user = (content: unknown) => ({ messages: [{ role: 'user', content }] });
  // max_completion_tokens: reasoning models refuse the older max_tokens.
  const limit = { max_completion_tokens: MAX_TOKENS };
  switch (check) {
    case 'streaming':
      return { ...user(PROMPT), ...limit, stream: true };
    case 'tools':
      return {
        ...user(PROMPT),
        max_completion_tokens: 64,
        tools: [{ type: 'function', function: { name: TOOL_NAME, description: TOOL_DESCRIPTION, parameters: TOOL_SCHEMA } }],
        tool_choice: { type: 'function', function: { name: TOOL_NAME } },
      };
    case 'image-input':
      return { ...user([{ type: 'text', text: PROMPT }, { type: 'image_url', image_url: { url: `data:image/png;base64,${TINY_PNG_BASE64}` } }]), ...limit };
    case 'structured-output':
      return { ...user(JSON_PROMPT), max_completion_tokens: 64, response_format: { type: 'json_schema', json_schema: { name: 'probe', schema: JSON_SCHEMA, strict: true } } };
    case 'reasoning':
      return { ...user(PROMPT), ...limit, reasoning_effort: 'low' };
    default:
      return { ...user(PROMPT), ...limit };
  }
}

export const openaiChat: ProtocolAdapter = {
  build(t, check, secret) {
    const ep = openaiEndpoint(t, 'chat/completions', secret);
    return {
      method: 'POST',
      url: ep.url,
      headers: { 'content-type': 'application/json', ...ep.headers },
      body: JSON.stringify({ ...(ep.modelInBody ? { model: t.upstreamModel } : {}), ...body(check) }),
      stream: check === 'streaming',
    };
  },
  missing(check, text) {
    if (check === 'streaming') {
      const events = parseSse(text);
      if (!events.some((e) => e.data !== '[DONE]' && /"chat\.completion\.chunk"/.test(e.data))) return 'no chat.completion.chunk event in the stream';
      return events.some((e) => e.data === '[DONE]') ? null : 'the stream ended without [DONE]';
    }
    const json = parseJson(text);
    const choice = isObject(json) && Array.isArray(json['choices']) && isObject(json['choices'][0]) ? json['choices'][0] : undefined;
    const message = choice && isObject(choice['message']) ? choice['message'] : undefined;
    if (!message) return 'the response has no choices[0].message';
    if (check === 'tools') {
      const calls = Array.isArray(message['tool_calls']) ? message['tool_calls'].filter(isObject) : [];
      return calls.some((c) => isObject(c['function']) && c['function']['name'] === TOOL_NAME) ? null : 'no tool call to the forced function';
    }
    if (check === 'structured-output') return isJsonObjectText(message['content']) ? null : 'the message content is not a JSON object';
    return null;
  },
  error(text) {
    return nestedError(text, ['code', 'type']);
  },
};
