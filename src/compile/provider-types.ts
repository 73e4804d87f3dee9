// What each provider type speaks by default, what it can speak, and where it lives.
import type { Provider } from '../generated/types.js';

export type ProviderType = Provider['type'];
export type Protocol = 'anthropic-messages' | 'openai-chat-completions' | 'openai-responses' | 'gemini-generate-content' | 'bedrock-converse';

export const PROTOCOLS: Record<ProviderType, { default: Protocol; allowed: readonly Protocol[] }> = {
  anthropic: { default: 'anthropic-messages', allowed: ['anthropic-messages'] },
  openai: { default: 'openai-responses', allowed: ['openai-responses', 'openai-chat-completions'] },
  google: { default: 'gemini-generate-content', allowed: ['gemini-generate-content', 'openai-chat-completions'] },
  'azure-openai': { default: 'openai-chat-completions', allowed: ['openai-chat-completions', 'openai-responses'] },
  bedrock: { default: 'bedrock-converse', allowed: ['bedrock-converse', 'anthropic-messages'] },
  'openai-compatible': { default: 'openai-chat-completions', allowed: ['openai-chat-completions', 'openai-responses', 'anthropic-messages'] },
  openrouter: { default: 'openai-chat-completions', allowed: ['openai-chat-completions', 'openai-responses', 'anthropic-messages'] },
  'vercel-ai-gateway': { default: 'openai-chat-completions', allowed: ['openai-chat-completions', 'openai-responses', 'anthropic-messages'] },
};

const BASE_URLS: Partial<Record<ProviderType, string>> = {
  anthropic: 'https://api.anthropic.com',
  openai: 'https://api.openai.com/v1',
  google: 'https://generativelanguage.googleapis.com',
  openrouter: 'https://openrouter.ai/api/v1',
  'vercel-ai-gateway': 'https://ai-gateway.vercel.sh/v1',
};

/** The endpoint a provider resolves to; azure-openai and openai-compatible always set baseUrl (schema). */
export function resolveBaseUrl(provider: Provider): string {
  if (provider.baseUrl) return provider.baseUrl;
  if (provider.type === 'bedrock') return `https://bedrock-runtime.${provider.region ?? 'us-east-1'}.amazonaws.com`;
  return BASE_URLS[provider.type] ?? '';
}
