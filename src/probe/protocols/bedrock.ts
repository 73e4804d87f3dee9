// Amazon Bedrock Converse: POST {base}/model/{modelId}/converse, SigV4-signed
// for service `bedrock` (or a Bedrock API key as a bearer token). Errors carry
// the exception name in the x-amzn-ErrorType header and `{ message }`.
// Streaming is ConverseStream, POST …/converse-stream, answered as an AWS
// event stream: messageStart, contentBlockDelta (delta.text) …,
// contentBlockStop, messageStop, metadata; a failure mid-stream is an
// exception frame.
import { isObject, parseJson } from '../classify.js';
import type { StreamFrame } from '../eventstream.js';
import { join, MAX_TOKENS, PROMPT, TINY_PNG_BASE64, TOOL_DESCRIPTION, TOOL_NAME, TOOL_SCHEMA } from '../fixtures.js';
import type { HttpCall, ProbeCheck } from '../types.js';
import type { ProtocolAdapter } from './adapter.js';

function body(check: ProbeCheck): Record<string, unknown> {
  const text = { text: PROMPT };
  const inferenceConfig = { maxTokens: MAX_TOKENS };
  if (check === 'tools') {
    return {
      messages: [{ role: 'user', content: [text] }],
      inferenceConfig: { maxTokens: 64 },
      toolConfig: { tools: [{ toolSpec: { name: TOOL_NAME, description: TOOL_DESCRIPTION, inputSchema: { json: TOOL_SCHEMA } } }], toolChoice: { tool: { name: TOOL_NAME } } },
    };
  }
  if (check === 'image-input') return { messages: [{ role: 'user', content: [text, { image: { format: 'png', source: { bytes: TINY_PNG_BASE64 } } }] }], inferenceConfig };
  return { messages: [{ role: 'user', content: [text] }], inferenceConfig };
}

const SKIPS: Partial<Record<ProbeCheck, string>> = {
  'structured-output': 'Converse has no model-independent JSON mode; structured output is a forced tool call, tested by the tools check',
  reasoning: 'reasoning is switched on per model family in additionalModelRequestFields, not by Converse itself',
};

export const bedrockConverse: ProtocolAdapter = {
  build(t, check): HttpCall | { skip: string } {
    const skip = SKIPS[check];
    if (skip) return { skip };
    const streaming = check === 'streaming';
    return {
      method: 'POST',
      url: join(t.baseUrl, `/model/${encodeURIComponent(t.upstreamModel)}/${streaming ? 'converse-stream' : 'converse'}`),
      // As the AWS SDK sends ConverseStream: no accept header, the answer is an event stream.
      headers: streaming ? { 'content-type': 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body(check)),
      stream: streaming,
      ...(streaming ? { eventStream: true } : {}),
      sigv4: { region: t.region ?? 'us-east-1' },
    };
  },
  missingInFrames(_check, frames) {
    return converseStreamMissing(frames);
  },
  missing(check, text) {
    const json = parseJson(text);
    const output = isObject(json) && isObject(json['output']) ? json['output'] : undefined;
    const message = output && isObject(output['message']) ? output['message'] : undefined;
    if (!message || !Array.isArray(message['content'])) return 'the response has no output.message';
    if (check === 'tools') return message['content'].some((c) => isObject(c) && isObject(c['toolUse']) && c['toolUse']['name'] === TOOL_NAME) ? null : 'no toolUse block for the forced tool';
    return null;
  },
  error(text, headers) {
    const json = parseJson(text);
    const type = headers['x-amzn-errortype'] ?? (isObject(json) && typeof json['__type'] === 'string' ? json['__type'] : undefined);
    const code = type?.split(':')[0]?.split('#').pop();
    const message = isObject(json) && typeof json['message'] === 'string' ? json['message'] : isObject(json) && typeof json['Message'] === 'string' ? json['Message'] : text.trim().slice(0, 500);
    return message || code ? { ...(code ? { code } : {}), message: message || code! } : undefined;
  },
};

/** What a ConverseStream lacks: its start, a text delta in a frame of its own, its stop. */
export function converseStreamMissing(frames: readonly StreamFrame[]): string | null {
  const events = frames.filter((f) => f.messageType === 'event');
  if (!events.some((f) => f.type === 'messageStart')) return 'no messageStart event in the stream';
  const text = events.some((f) => f.type === 'contentBlockDelta' && isObject(f.json) && isObject(f.json['delta']) && typeof f.json['delta']['text'] === 'string');
  if (!text) return 'no contentBlockDelta with text in the stream';
  return events.some((f) => f.type === 'messageStop') ? null : 'the stream ended without messageStop';
}
