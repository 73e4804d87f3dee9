// Anthropic Messages: POST {base}/v1/messages with x-api-key and
// anthropic-version; SSE events message_start … message_stop when streamed.
// On Bedrock the same body goes to /model/{id}/invoke, SigV4-signed; streamed,
// to /model/{id}/invoke-with-response-stream, whose AWS event stream carries
// each Anthropic event base64-encoded in a `chunk` frame's `bytes`.
import { isObject, nestedError, parseJson } from '../classify.js';
import { join, MAX_TOKENS, PROMPT, TINY_PNG_BASE64, TOOL_DESCRIPTION, TOOL_NAME, TOOL_SCHEMA } from '../fixtures.js';
import type { StreamFrame } from '../eventstream.js';
import { sseJson } from '../sse.js';
import type { HttpCall, ProbeCheck } from '../types.js';
import type { ProtocolAdapter } from './adapter.js';
import { bedrockConverse } from './bedrock.js';

export const ANTHROPIC_VERSION = '2023-06-01';
/** Extended thinking needs budget_tokens >= 1024 and max_tokens above it. */
const THINKING_BUDGET = 1024;

function body(check: ProbeCheck): Record<string, unknown> {
  const text = { type: 'text', text: PROMPT };
  switch (check) {
    case 'streaming':
      return { max_tokens: MAX_TOKENS, stream: true, messages: [{ role: 'user', content: PROMPT }] };
    case 'tools':
      return {
        max_tokens: 64,
        tools: [{ name: TOOL_NAME, description: TOOL_DESCRIPTION, input_schema: TOOL_SCHEMA }],
        tool_choice: { type: 'tool', name: TOOL_NAME },
        messages: [{ role: 'user', content: PROMPT }],
      };
    case 'image-input':
      return { max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: TINY_PNG_BASE64 } }, text] }] };
    case 'reasoning':
      return { max_tokens: THINKING_BUDGET + MAX_TOKENS, thinking: { type: 'enabled', budget_tokens: THINKING_BUDGET }, messages: [{ role: 'user', content: PROMPT }] };
    default:
      return { max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: PROMPT }] };
  }
}

const blocks = (text: string): Record<string, unknown>[] => {
  const json = parseJson(text);
  return isObject(json) && Array.isArray(json['content']) ? json['content'].filter(isObject) : [];
};

export const anthropicMessages: ProtocolAdapter = {
  build(t, check, secret): HttpCall | { skip: string } {
    if (check === 'structured-output') return { skip: 'Anthropic Messages has no JSON mode; structured output is a forced tool call, tested by the tools check' };
    if (t.providerType === 'bedrock') {
      // The path says whether to stream; Bedrock refuses a `stream` field in the body.
      const { max_tokens, stream: _stream, ...rest } = body(check);
      const streaming = check === 'streaming';
      return {
        method: 'POST',
        url: join(t.baseUrl, `/model/${encodeURIComponent(t.upstreamModel)}/${streaming ? 'invoke-with-response-stream' : 'invoke'}`),
        // The model's own accept goes in x-amzn-bedrock-accept when streaming (as the AWS SDK sends it).
        headers: streaming ? { 'content-type': 'application/json', 'x-amzn-bedrock-accept': 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens, ...rest }),
        stream: streaming,
        ...(streaming ? { eventStream: true } : {}),
        sigv4: { region: t.region ?? 'us-east-1' },
      };
    }
    const path = /\/v1\/?$/.test(t.baseUrl) ? '/messages' : '/v1/messages';
    return {
      method: 'POST',
      url: join(t.baseUrl, path),
      headers: { 'content-type': 'application/json', 'x-api-key': secret, 'anthropic-version': ANTHROPIC_VERSION },
      body: JSON.stringify({ model: t.upstreamModel, ...body(check) }),
      stream: check === 'streaming',
    };
  },
  missing(check, text) {
    if (check === 'streaming') {
      const events = sseJson(text);
      if (!events.some((e) => e.event === 'message_start')) return 'no message_start event in the stream';
      return events.some((e) => e.event === 'message_stop') ? null : 'the stream ended without message_stop';
    }
    const content = blocks(text);
    const json = parseJson(text);
    if (!isObject(json) || json['type'] !== 'message') return 'the response is not a message';
    if (check === 'tools') return content.some((b) => b['type'] === 'tool_use' && b['name'] === TOOL_NAME) ? null : 'no tool_use block for the forced tool';
    if (check === 'reasoning') return content.some((b) => b['type'] === 'thinking' || b['type'] === 'redacted_thinking') ? null : 'no thinking block in the response';
    return null;
  },
  missingInFrames(_check, frames) {
    return invokeStreamMissing(frames);
  },
  error(text, headers) {
    // Through Bedrock InvokeModel the errors are AWS-shaped.
    if (headers['x-amzn-errortype']) return bedrockConverse.error(text, headers);
    return nestedError(text, ['type']);
  },
};

/** The Anthropic events inside InvokeModelWithResponseStream's `chunk` frames (base64 JSON in `bytes`). */
function chunkEvents(frames: readonly StreamFrame[]): Record<string, unknown>[] {
  return frames.flatMap((f) => {
    if (f.messageType !== 'event' || f.type !== 'chunk' || !isObject(f.json) || typeof f.json['bytes'] !== 'string') return [];
    const json = parseJson(Buffer.from(f.json['bytes'], 'base64').toString('utf8'));
    return isObject(json) ? [json] : [];
  });
}

/** What an InvokeModelWithResponseStream of a Claude model lacks: message_start, a text delta in a chunk of its own, message_stop. */
export function invokeStreamMissing(frames: readonly StreamFrame[]): string | null {
  const events = chunkEvents(frames);
  if (!events.some((e) => e['type'] === 'message_start')) return 'no message_start event in the stream';
  const text = events.some((e) => e['type'] === 'content_block_delta' && isObject(e['delta']) && typeof e['delta']['text'] === 'string');
  if (!text) return 'no content_block_delta with text in the stream';
  return events.some((e) => e['type'] === 'message_stop') ? null : 'the stream ended without message_stop';
}
