// Google Gemini API: POST {base}/v1beta/models/{model}:generateContent with
// x-goog-api-key; streaming is :streamGenerateContent?alt=sse, each SSE event
// a whole GenerateContentResponse and no end marker.
import { isJsonObjectText, isObject, nestedError, parseJson } from '../classify.js';
import { join, JSON_PROMPT, MAX_TOKENS, PROMPT, TINY_PNG_BASE64, TOOL_DESCRIPTION, TOOL_NAME } from '../fixtures.js';
import { sseJson } from '../sse.js';
import type { ProbeCheck } from '../types.js';
import type { ProtocolAdapter } from './adapter.js';

const user = (parts: unknown[]) => ({ contents: [{ role: 'user', parts }] });

function body(check: ProbeCheck): Record<string, unknown> {
  const text = { text: PROMPT };
  const config = { maxOutputTokens: MAX_TOKENS };
  switch (check) {
    case 'tools':
      return {
        ...user([text]),
        tools: [{ functionDeclarations: [{ name: TOOL_NAME, description: TOOL_DESCRIPTION, parameters: { type: 'OBJECT', properties: { value: { type: 'STRING' } }, required: ['value'] } }] }],
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [TOOL_NAME] } },
        generationConfig: { maxOutputTokens: 64 },
      };
    case 'image-input':
      return { ...user([text, { inlineData: { mimeType: 'image/png', data: TINY_PNG_BASE64 } }]), generationConfig: config };
    case 'structured-output':
      return { ...user([{ text: JSON_PROMPT }]), generationConfig: { maxOutputTokens: 64, responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { ok: { type: 'BOOLEAN' } }, required: ['ok'] } } };
    case 'reasoning':
      return { ...user([text]), generationConfig: { ...config, thinkingConfig: { thinkingBudget: 128, includeThoughts: true } } };
    default:
      return { ...user([text]), generationConfig: config };
  }
}

const parts = (json: unknown): Record<string, unknown>[] => {
  const cand = isObject(json) && Array.isArray(json['candidates']) && isObject(json['candidates'][0]) ? json['candidates'][0] : undefined;
  const content = cand && isObject(cand['content']) ? cand['content'] : undefined;
  return content && Array.isArray(content['parts']) ? content['parts'].filter(isObject) : [];
};

export const geminiGenerateContent: ProtocolAdapter = {
  build(t, check, secret) {
    const model = t.upstreamModel.replace(/^models\//, '');
    const base = t.baseUrl.replace(/\/v1(beta)?\/?$/, '');
    const op = check === 'streaming' ? 'streamGenerateContent?alt=sse' : 'generateContent';
    return {
      method: 'POST',
      url: join(base, `/v1beta/models/${encodeURIComponent(model)}:${op}`),
      headers: { 'content-type': 'application/json', 'x-goog-api-key': secret },
      body: JSON.stringify(body(check)),
      stream: check === 'streaming',
    };
  },
  missing(check, text) {
    if (check === 'streaming') return sseJson(text).some((e) => isObject(e.json) && Array.isArray(e.json['candidates'])) ? null : 'no GenerateContentResponse event in the stream';
    const json = parseJson(text);
    if (!isObject(json) || !Array.isArray(json['candidates'])) return 'the response has no candidates';
    const got = parts(json);
    if (check === 'tools') return got.some((p) => isObject(p['functionCall']) && p['functionCall']['name'] === TOOL_NAME) ? null : 'no functionCall to the forced function';
    if (check === 'structured-output') return isJsonObjectText(got.map((p) => p['text'] ?? '').join('')) ? null : 'the text is not a JSON object';
    return null;
  },
  error(text) {
    return nestedError(text, ['status', 'code']);
  },
};
