// Protocol name (as in a snapshot source) → adapter.
import type { ProtocolAdapter } from './adapter.js';
import { anthropicMessages } from './anthropic.js';
import { bedrockConverse } from './bedrock.js';
import { geminiGenerateContent } from './gemini.js';
import { openaiChat } from './openai-chat.js';
import { openaiResponses } from './openai-responses.js';

export type { ProtocolAdapter } from './adapter.js';

export const ADAPTERS: Record<string, ProtocolAdapter> = {
  'anthropic-messages': anthropicMessages,
  'openai-chat-completions': openaiChat,
  'openai-responses': openaiResponses,
  'gemini-generate-content': geminiGenerateContent,
  'bedrock-converse': bedrockConverse,
};
