// OpenAI Responses: POST {base}/responses; streamed as typed SSE events
// (response.created … response.completed).
import { isJsonObjectText, isObject, nestedError, parseJson } from '../classify.js';
import { JSON_PROMPT, JSON_SCHEMA, MAX_TOKENS, PROMPT, TINY_PNG_BASE64, TOOL_DESCRIPTION, TOOL_NAME, TOOL_SCHEMA } from '../fixtures.js';
import { sseJson } from '../sse.js';
import type { ProbeCheck } from '../types.js';
import type { ProtocolAdapter } from './adapter.js';
import { openaiEndpoint } from './openai-chat.js';

function body(check: ProbeCheck): Record<string, unknown> {
  // 16 is the smallest max_output_tokens the Responses API accepts.
  const base = { input: PROMPT, max_output_tokens: MAX_TOKENS, store: false };
  switch (check) {
    case 'streaming':
      return { ...base, stream: true };
    case 'tools':
      return {
        ...base,
        max_output_tokens: 64,
        tools: [{ type: 'function', name: TOOL_NAME, description: TOOL_DESCRIPTION, parameters: TOOL_SCHEMA, strict: true }],
        tool_choice: { type: 'function', name: TOOL_NAME },
      };
    case 'image-input':
      return { ...base, input: [{ role: 'user', content: [{ type: 'input_text', text: PROMPT }, { type: 'input_image', image_url: `data:image/png;base64,${TINY_PNG_BASE64}` }] }] };
    case 'structured-output':
      return { ...base, input: JSON_PROMPT, max_output_tokens: 64, text: { format: { type: 'json_schema', name: 'probe', schema: JSON_SCHEMA, strict: true } } };
    case 'reasoning':
      return { ...base, reasoning: { effort: 'low' } };
    default:
      return base;
  }
}

function outputText(items: Record<string, unknown>[]): string {
  return items
    .filter((i) => i['type'] === 'message' && Array.isArray(i['content']))
    .flatMap((i) => (i['content'] as unknown[]).filter(isObject))
    .filter((c) => c['type'] === 'output_text')
    .map((c) => String(c['text'] ?? ''))
    .join('');
}

export const openaiResponses: ProtocolAdapter = {
  build(t, check, secret) {
    const ep = openaiEndpoint(t, 'responses', secret);
    return {
      method: 'POST',
      url: ep.url,
      headers: { 'content-type': 'application/json', ...ep.headers },
      body: JSON.stringify({ model: t.upstreamModel, ...body(check) }),
      stream: check === 'streaming',
    };
  },
  missing(check, text) {
    if (check === 'streaming') {
      const types = sseJson(text).map((e) => (isObject(e.json) ? e.json['type'] : undefined));
      if (!types.includes('response.created')) return 'no response.created event in the stream';
      return types.includes('response.completed') ? null : 'the stream ended without response.completed';
    }
    const json = parseJson(text);
    if (!isObject(json) || json['object'] !== 'response' || !Array.isArray(json['output'])) return 'the body is not a response object';
    const items = json['output'].filter(isObject);
    if (check === 'tools') return items.some((i) => i['type'] === 'function_call' && i['name'] === TOOL_NAME) ? null : 'no function_call to the forced tool';
    if (check === 'structured-output') return isJsonObjectText(outputText(items)) ? null : 'the output text is not a JSON object';
    return null;
  },
  error(text) {
    return nestedError(text, ['code', 'type']);
  },
};
