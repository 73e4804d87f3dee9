// Amazon Bedrock Converse: POST {base}/model/{modelId}/converse, SigV4-signed
// for service `bedrock` (or a Bedrock API key as a bearer token). Errors carry
// the exception name in the x-amzn-ErrorType header and `{ message }`.
import { isObject, parseJson } from '../classify.js';
import { join, MAX_TOKENS, PROMPT, TINY_PNG_BASE64, TOOL_DESCRIPTION, TOOL_NAME, TOOL_SCHEMA } from '../fixtures.js';
import type { ProbeCheck } from '../types.js';
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
  streaming: 'ConverseStream answers in the AWS event-stream binary framing, which this probe does not read',
  'structured-output': 'Converse has no model-independent JSON mode; structured output is a forced tool call, tested by the tools check',
  reasoning: 'reasoning is switched on per model family in additionalModelRequestFields, not by Converse itself',
};

export const bedrockConverse: ProtocolAdapter = {
  build(t, check) {
    const skip = SKIPS[check];
    if (skip) return { skip };
    return {
      method: 'POST',
      url: join(t.baseUrl, `/model/${encodeURIComponent(t.upstreamModel)}/converse`),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body(check)),
      stream: false,
      sigv4: { region: t.region ?? 'us-east-1' },
    };
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
