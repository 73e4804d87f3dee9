// How a modelctl route (provider type + wire protocol) is spelt as a LiteLLM
// `litellm_params.model`, and back. Prefixes are LiteLLM provider names
// (LlmProviders); `responses/`, `converse/` and `invoke/` are LiteLLM's own
// route segments for the OpenAI Responses API and Bedrock's two APIs.
import type { Protocol, ProviderType } from '../compile/provider-types.js';
import { PROTOCOLS } from '../compile/provider-types.js';

interface RouteSpelling {
  /** What goes before the upstream model id. */
  prefix: string;
  /** False when LiteLLM will speak another protocol than the source names (it is listed as not exported). */
  exact: boolean;
}

const PREFIX: Record<ProviderType, Partial<Record<Protocol, string>> & { fallback: string }> = {
  anthropic: { 'anthropic-messages': 'anthropic/', fallback: 'anthropic/' },
  openai: { 'openai-responses': 'openai/responses/', 'openai-chat-completions': 'openai/', fallback: 'openai/' },
  google: { 'gemini-generate-content': 'gemini/', fallback: 'gemini/' },
  'azure-openai': { 'openai-responses': 'azure/responses/', 'openai-chat-completions': 'azure/', fallback: 'azure/' },
  bedrock: { 'bedrock-converse': 'bedrock/converse/', 'anthropic-messages': 'bedrock/invoke/', fallback: 'bedrock/converse/' },
  // An OpenAI-compatible server is LiteLLM's openai provider with an api_base; one that speaks Messages is its anthropic provider.
  'openai-compatible': { 'openai-chat-completions': 'openai/', 'openai-responses': 'openai/responses/', 'anthropic-messages': 'anthropic/', fallback: 'openai/' },
  openrouter: { 'openai-chat-completions': 'openrouter/', fallback: 'openrouter/' },
  'vercel-ai-gateway': { 'openai-chat-completions': 'vercel_ai_gateway/', fallback: 'vercel_ai_gateway/' },
};

export function routeSpelling(type: ProviderType, protocol: string): RouteSpelling {
  const table = PREFIX[type];
  const prefix = table[protocol as Protocol];
  return prefix ? { prefix, exact: true } : { prefix: table.fallback, exact: false };
}

/** The variable LiteLLM itself reads when a deployment gives no api_key: what import assumes. */
export const DEFAULT_KEY_ENV: Record<ProviderType, string> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  google: 'GEMINI_API_KEY',
  'azure-openai': 'AZURE_API_KEY',
  bedrock: 'AWS_BEARER_TOKEN_BEDROCK',
  'openai-compatible': 'OPENAI_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
  'vercel-ai-gateway': 'VERCEL_AI_GATEWAY_API_KEY',
};

export interface ParsedRoute {
  type: ProviderType;
  protocol: Protocol;
  /** The upstream model id (deployment name for Azure). */
  upstream: string;
  /** Import guessed the provider (no prefix, or a prefix read as another). */
  guessed?: string;
}

/** LiteLLM prefixes import understands, longest first, with what they mean. */
const READ: readonly { prefix: string; type: ProviderType; protocol: Protocol; needsBase?: ProviderType }[] = [
  { prefix: 'openai/responses/', type: 'openai', protocol: 'openai-responses', needsBase: 'openai-compatible' },
  { prefix: 'azure/responses/', type: 'azure-openai', protocol: 'openai-responses' },
  { prefix: 'bedrock/converse/', type: 'bedrock', protocol: 'bedrock-converse' },
  { prefix: 'bedrock/invoke/', type: 'bedrock', protocol: 'anthropic-messages' },
  { prefix: 'vercel_ai_gateway/', type: 'vercel-ai-gateway', protocol: 'openai-chat-completions' },
  { prefix: 'hosted_vllm/', type: 'openai-compatible', protocol: 'openai-chat-completions' },
  { prefix: 'openrouter/', type: 'openrouter', protocol: 'openai-chat-completions' },
  { prefix: 'anthropic/', type: 'anthropic', protocol: 'anthropic-messages' },
  { prefix: 'bedrock/', type: 'bedrock', protocol: 'bedrock-converse' },
  { prefix: 'gemini/', type: 'google', protocol: 'gemini-generate-content' },
  { prefix: 'openai/', type: 'openai', protocol: 'openai-chat-completions', needsBase: 'openai-compatible' },
  { prefix: 'azure/', type: 'azure-openai', protocol: 'openai-chat-completions' },
];

/** Provider names that mean "an OpenAI-compatible server" in custom_llm_provider. */
const COMPATIBLE = new Set(['openai_like', 'custom_openai', 'hosted_vllm', 'vllm', 'lm_studio', 'llamafile']);

/**
 * Reads `litellm_params.model` (with custom_llm_provider and whether an
 * api_base points elsewhere than the vendor). Undefined: a LiteLLM provider
 * modelctl has no provider type for.
 */
export function parseRoute(model: string, opts: { customProvider?: string; customBase: boolean }): ParsedRoute | undefined {
  const custom = opts.customProvider;
  if (custom) {
    if (COMPATIBLE.has(custom)) return { type: 'openai-compatible', protocol: 'openai-chat-completions', upstream: model.replace(/^[^/]+\//, '') };
    const hit = READ.find((r) => r.prefix === `${custom}/`);
    if (!hit) return undefined;
    return parseRoute(model.startsWith(hit.prefix) ? model : hit.prefix + model, { customBase: opts.customBase });
  }
  for (const r of READ) {
    if (!model.startsWith(r.prefix) || model.length === r.prefix.length) continue;
    const type = r.needsBase && opts.customBase ? r.needsBase : r.type;
    return { type, protocol: r.protocol, upstream: model.slice(r.prefix.length) };
  }
  if (model.includes('/')) return undefined;
  // No prefix: LiteLLM looks the name up in its cost map. The common families, guessed.
  const family: [RegExp, ProviderType, Protocol][] = [
    [/^claude-/, 'anthropic', 'anthropic-messages'],
    [/^(gpt-|o[1-9](-|$)|chatgpt-)/, 'openai', 'openai-chat-completions'],
    [/^gemini-/, 'google', 'gemini-generate-content'],
  ];
  const f = family.find(([re]) => re.test(model));
  if (!f) return undefined;
  const type = f[1] === 'openai' && opts.customBase ? 'openai-compatible' : f[1];
  return { type, protocol: f[2], upstream: model, guessed: `no provider prefix on '${model}': read as ${type}` };
}

export function isDefaultProtocol(type: ProviderType, protocol: string): boolean {
  return PROTOCOLS[type].default === protocol;
}
