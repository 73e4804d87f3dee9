// Successful answers in each protocol's documented shape, streamed as that
// protocol frames its server-sent events (Bedrock: AWS event-stream frames).
import { eventFrame, eventStream, exceptionFrame } from './eventstream.js';
import type { MockCall, MockReply } from './types.js';

const TEXT = 'OK';
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The forced tool's name, as the request named it. */
function forcedTool(call: MockCall): string | undefined {
  const b = call.body;
  switch (call.protocol) {
    case 'anthropic-messages':
    case 'bedrock-invoke':
      return isObj(b['tool_choice']) && typeof b['tool_choice']['name'] === 'string' ? b['tool_choice']['name'] : undefined;
    case 'openai-chat-completions':
      return isObj(b['tool_choice']) && isObj(b['tool_choice']['function']) ? String(b['tool_choice']['function']['name']) : undefined;
    case 'openai-responses':
      return isObj(b['tool_choice']) && typeof b['tool_choice']['name'] === 'string' ? b['tool_choice']['name'] : undefined;
    case 'gemini-generate-content': {
      const cfg = isObj(b['toolConfig']) && isObj(b['toolConfig']['functionCallingConfig']) ? b['toolConfig']['functionCallingConfig'] : undefined;
      return Array.isArray(cfg?.['allowedFunctionNames']) ? String(cfg['allowedFunctionNames'][0]) : undefined;
    }
    case 'bedrock-converse': {
      const cfg = isObj(b['toolConfig']) && isObj(b['toolConfig']['toolChoice']) ? b['toolConfig']['toolChoice'] : undefined;
      return isObj(cfg?.['tool']) ? String(cfg['tool']['name']) : undefined;
    }
  }
}

const jsonWanted = (call: MockCall): boolean => {
  const b = call.body;
  return b['response_format'] !== undefined || (isObj(b['text']) && b['text']['format'] !== undefined) || (isObj(b['generationConfig']) && b['generationConfig']['responseMimeType'] === 'application/json');
};

const json = (body: unknown): MockReply => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const sse = (events: { event?: string; data: unknown }[], crlf = false): MockReply => {
  const nl = crlf ? '\r\n' : '\n';
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
    body: events.map((e) => `${e.event ? `event: ${e.event}${nl}` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}${nl}${nl}`),
  };
};

function anthropic(call: MockCall): MockReply {
  const tool = forcedTool(call);
  const thinking = isObj(call.body['thinking']) && call.body['thinking']['type'] === 'enabled';
  const content = [
    ...(thinking ? [{ type: 'thinking', thinking: 'The user wants OK.', signature: 'mock-signature' }] : []),
    tool ? { type: 'tool_use', id: 'toolu_mock', name: tool, input: { value: 'ok' } } : { type: 'text', text: TEXT },
  ];
  const message = { id: 'msg_mock', type: 'message', role: 'assistant', model: call.model, content, stop_reason: tool ? 'tool_use' : 'end_turn', stop_sequence: null, usage: { input_tokens: 12, output_tokens: 2 } };
  if (!call.stream) return json(message);
  const events = [
    { event: 'message_start', data: { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 1 } } } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
    { event: 'ping', data: { type: 'ping' } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'O' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'K' } } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } } },
    { event: 'message_stop', data: { type: 'message_stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 12, outputTokenCount: 2, invocationLatency: 1, firstByteLatency: 1 } } },
  ];
  // InvokeModelWithResponseStream: each Anthropic event base64-encoded in a `chunk` frame (Bedrock sends no ping).
  if (call.protocol === 'bedrock-invoke') return eventStream(events.filter((e) => e.event !== 'ping').map((e) => invokeChunk(e.data)));
  return sse(events.map((e) => (e.event === 'message_stop' ? { ...e, data: { type: 'message_stop' } } : e)));
}

const invokeChunk = (event: unknown): Uint8Array => eventFrame('chunk', { bytes: Buffer.from(JSON.stringify(event)).toString('base64') });

function chat(call: MockCall): MockReply {
  const tool = forcedTool(call);
  const created = 1_764_547_200;
  const content = jsonWanted(call) ? '{"ok":true}' : TEXT;
  const message = tool
    ? { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_mock', type: 'function', function: { name: tool, arguments: '{"value":"ok"}' } }] }
    : { role: 'assistant', content, refusal: null };
  const usage = { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 };
  if (!call.stream) return json({ id: 'chatcmpl-mock', object: 'chat.completion', created, model: call.model, choices: [{ index: 0, message, logprobs: null, finish_reason: tool ? 'tool_calls' : 'stop' }], usage, system_fingerprint: null });
  const chunk = (delta: unknown, finish: string | null) => ({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created, model: call.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  return sse([{ data: chunk({ role: 'assistant', content: '' }, null) }, { data: chunk({ content: TEXT }, null) }, { data: chunk({}, 'stop') }, { data: '[DONE]' }]);
}

function responses(call: MockCall): MockReply {
  const tool = forcedTool(call);
  const text = jsonWanted(call) ? '{"ok":true}' : TEXT;
  const reasoning = call.body['reasoning'] !== undefined ? [{ type: 'reasoning', id: 'rs_mock', summary: [] }] : [];
  const message = { type: 'message', id: 'msg_mock', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
  const output = [...reasoning, tool ? { type: 'function_call', id: 'fc_mock', call_id: 'call_mock', name: tool, arguments: '{"value":"ok"}', status: 'completed' } : message];
  const response = { id: 'resp_mock', object: 'response', created_at: 1_764_547_200, status: 'completed', model: call.model, output, usage: { input_tokens: 12, output_tokens: 2, total_tokens: 14 } };
  if (!call.stream) return json(response);
  let seq = 0;
  const ev = (type: string, data: Record<string, unknown>) => ({ event: type, data: { type, sequence_number: seq++, ...data } });
  return sse([
    ev('response.created', { response: { ...response, status: 'in_progress', output: [] } }),
    ev('response.output_item.added', { output_index: 0, item: { ...message, status: 'in_progress', content: [] } }),
    ev('response.output_text.delta', { item_id: 'msg_mock', output_index: 0, content_index: 0, delta: TEXT }),
    ev('response.output_text.done', { item_id: 'msg_mock', output_index: 0, content_index: 0, text: TEXT }),
    ev('response.output_item.done', { output_index: 0, item: message }),
    ev('response.completed', { response }),
  ]);
}

function gemini(call: MockCall): MockReply {
  const tool = forcedTool(call);
  const thinking = isObj(call.body['generationConfig']) && call.body['generationConfig']['thinkingConfig'] !== undefined;
  const parts = [...(thinking ? [{ text: 'The user wants OK.', thought: true }] : []), tool ? { functionCall: { name: tool, args: { value: 'ok' } } } : { text: jsonWanted(call) ? '{"ok": true}' : TEXT }];
  const answer = (p: unknown[]) => ({ candidates: [{ content: { role: 'model', parts: p }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 2, totalTokenCount: 14 }, modelVersion: call.model });
  if (!call.stream) return json(answer(parts));
  // Gemini's SSE: one whole GenerateContentResponse per event, CRLF-framed, no end marker.
  return sse([{ data: answer([{ text: 'O' }]) }, { data: answer([{ text: 'K' }]) }], true);
}

function converse(call: MockCall): MockReply {
  const tool = forcedTool(call);
  const content = tool ? [{ toolUse: { toolUseId: 'tooluse_mock', name: tool, input: { value: 'ok' } } }] : [{ text: TEXT }];
  if (call.stream)
    return eventStream([
      eventFrame('messageStart', { role: 'assistant' }),
      eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'O' } }),
      eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'K' } }),
      eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
      eventFrame('messageStop', { stopReason: 'end_turn' }),
      eventFrame('metadata', { usage: { inputTokens: 12, outputTokens: 2, totalTokens: 14 }, metrics: { latencyMs: 1 } }),
    ]);
  return json({ output: { message: { role: 'assistant', content } }, stopReason: tool ? 'tool_use' : 'end_turn', usage: { inputTokens: 12, outputTokens: 2, totalTokens: 14 }, metrics: { latencyMs: 1 } });
}

export function successReply(call: MockCall): MockReply {
  switch (call.protocol) {
    case 'anthropic-messages':
    case 'bedrock-invoke':
      return anthropic(call);
    case 'openai-chat-completions':
      return chat(call);
    case 'openai-responses':
      return responses(call);
    case 'gemini-generate-content':
      return gemini(call);
    case 'bedrock-converse':
      return converse(call);
  }
}

/** A Bedrock stream that begins, then fails: its first event, then an exception frame (the HTTP status is already 200). */
export function failedStream(call: MockCall, exceptionType: string, message: string): MockReply | undefined {
  if (call.protocol === 'bedrock-converse') return eventStream([eventFrame('messageStart', { role: 'assistant' }), exceptionFrame(exceptionType, message)]);
  if (call.protocol === 'bedrock-invoke') return eventStream([invokeChunk({ type: 'message_start', message: { id: 'msg_mock', type: 'message', role: 'assistant', model: call.model, content: [] } }), exceptionFrame(exceptionType, message)]);
  return undefined;
}
