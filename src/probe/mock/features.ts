// Which capabilities a request uses, read from the fields each protocol
// documents for them; and what a well-formed request must carry.
import type { MockCall, MockCapability } from './types.js';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const parts = (messages: unknown, key: string): Record<string, unknown>[] => arr(messages).filter(isObj).flatMap((m) => arr(m[key]).filter(isObj));

export function featuresOf(call: MockCall): MockCapability[] {
  const b = call.body;
  const out = new Set<MockCapability>();
  if (call.stream) out.add('streaming');
  switch (call.protocol) {
    case 'anthropic-messages':
    case 'bedrock-invoke':
      if (b['tools'] !== undefined) out.add('tools');
      if (parts(b['messages'], 'content').some((p) => p['type'] === 'image')) out.add('image-input');
      if (isObj(b['thinking']) && b['thinking']['type'] === 'enabled') out.add('reasoning');
      if (b['output_format'] !== undefined) out.add('structured-output');
      break;
    case 'openai-chat-completions':
      if (b['tools'] !== undefined) out.add('tools');
      if (parts(b['messages'], 'content').some((p) => p['type'] === 'image_url')) out.add('image-input');
      if (b['response_format'] !== undefined) out.add('structured-output');
      if (b['reasoning_effort'] !== undefined) out.add('reasoning');
      break;
    case 'openai-responses':
      if (b['tools'] !== undefined) out.add('tools');
      if (parts(b['input'], 'content').some((p) => p['type'] === 'input_image')) out.add('image-input');
      if (isObj(b['text']) && b['text']['format'] !== undefined) out.add('structured-output');
      if (b['reasoning'] !== undefined) out.add('reasoning');
      break;
    case 'gemini-generate-content': {
      const config = isObj(b['generationConfig']) ? b['generationConfig'] : {};
      if (b['tools'] !== undefined) out.add('tools');
      if (parts(b['contents'], 'parts').some((p) => p['inlineData'] !== undefined)) out.add('image-input');
      if (config['responseMimeType'] === 'application/json') out.add('structured-output');
      if (config['thinkingConfig'] !== undefined) out.add('reasoning');
      break;
    }
    case 'bedrock-converse':
      if (b['toolConfig'] !== undefined) out.add('tools');
      if (parts(b['messages'], 'content').some((p) => p['image'] !== undefined)) out.add('image-input');
      break;
  }
  return [...out];
}

/** What is wrong with the body for its protocol, or null. Checks the fields each API requires. */
export function shapeProblem(call: MockCall): string | null {
  const b = call.body;
  const nonEmpty = (k: string) => Array.isArray(b[k]) && (b[k] as unknown[]).length > 0;
  switch (call.protocol) {
    case 'anthropic-messages':
      if (typeof b['model'] !== 'string') return 'model: Field required';
      if (typeof b['max_tokens'] !== 'number') return 'max_tokens: Field required';
      if (!nonEmpty('messages')) return 'messages: Field required';
      if (isObj(b['thinking']) && typeof b['thinking']['budget_tokens'] === 'number' && (b['thinking']['budget_tokens'] < 1024 || b['max_tokens'] <= b['thinking']['budget_tokens']))
        return 'thinking.budget_tokens: must be >= 1024 and less than max_tokens';
      return null;
    case 'bedrock-invoke':
      if (b['anthropic_version'] !== 'bedrock-2023-05-31') return 'anthropic_version: must be bedrock-2023-05-31';
      // The path says whether to stream.
      if (b['stream'] !== undefined) return 'Malformed input request: #: extraneous key [stream] is not permitted, please reformat your input and try again.';
      if (typeof b['max_tokens'] !== 'number') return 'max_tokens: Field required';
      return nonEmpty('messages') ? null : 'messages: Field required';
    case 'openai-chat-completions':
      if (call.flavour !== 'azure-deployment' && typeof b['model'] !== 'string') return "you must provide a model parameter";
      if (b['max_tokens'] !== undefined && b['max_completion_tokens'] !== undefined) return 'max_tokens and max_completion_tokens are mutually exclusive';
      return nonEmpty('messages') ? null : "'messages' is a required property";
    case 'openai-responses':
      if (typeof b['model'] !== 'string') return "Missing required parameter: 'model'.";
      if (typeof b['max_output_tokens'] === 'number' && b['max_output_tokens'] < 16) return "Invalid 'max_output_tokens': integer below minimum value 16.";
      return b['input'] === undefined ? "Missing required parameter: 'input'." : null;
    case 'gemini-generate-content':
      return nonEmpty('contents') ? null : '* GenerateContentRequest.contents: contents is not specified';
    case 'bedrock-converse':
      if (!nonEmpty('messages')) return 'The model returned the following errors: messages: required';
      return arr(b['messages']).every((m) => isObj(m) && Array.isArray(m['content'])) ? null : 'messages[].content: must be a list of content blocks';
  }
}
