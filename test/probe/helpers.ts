// Targets for every protocol and provider type, pointed at a mock upstream.
import { Agent } from 'undici';
import { expect } from 'vitest';
import type { ProbeTarget } from '../../src/probe/index.js';

export const KEY = 'sk-planted-0123456789abcdefSECRET';
export const AWS_PAIR = 'AKIAMOCKACCESSKEY123:mock/Secret+Access+Key/0123456789abcdef';
export const ENV = { PROBE_KEY: KEY, PROBE_AWS: AWS_PAIR };

/** [label, providerType, protocol, path suffix on the mock] — one row per way a source is reached. */
export const ROUTES: [string, string, string, string][] = [
  ['anthropic', 'anthropic', 'anthropic-messages', ''],
  ['openai chat', 'openai', 'openai-chat-completions', '/v1'],
  ['openai responses', 'openai', 'openai-responses', '/v1'],
  ['azure deployment', 'azure-openai', 'openai-chat-completions', ''],
  ['azure v1', 'azure-openai', 'openai-chat-completions', '/openai/v1'],
  ['azure responses', 'azure-openai', 'openai-responses', '/openai/v1'],
  ['google', 'google', 'gemini-generate-content', ''],
  ['google openai', 'google', 'openai-chat-completions', '/v1beta/openai'],
  ['bedrock converse', 'bedrock', 'bedrock-converse', ''],
  ['bedrock anthropic', 'bedrock', 'anthropic-messages', ''],
  ['openrouter', 'openrouter', 'openai-chat-completions', '/api/v1'],
  ['vercel', 'vercel-ai-gateway', 'openai-chat-completions', '/v1'],
  ['compatible', 'openai-compatible', 'openai-chat-completions', '/v1'],
];

export function target(mockUrl: string, providerType: string, protocol: string, suffix: string, upstreamModel: string, capabilities: string[] = ['text']): ProbeTarget {
  return {
    sourceId: `m@${providerType}:${upstreamModel}`,
    model: 'm',
    purpose: 'chat',
    capabilities,
    provider: providerType,
    providerType,
    upstreamModel,
    protocol,
    baseUrl: mockUrl + suffix,
    ...(providerType === 'bedrock' ? { region: 'us-west-2' } : {}),
    credential: { env: providerType === 'bedrock' ? 'PROBE_AWS' : 'PROBE_KEY' },
  };
}

export const dispatcher = () => new Agent({ connect: { timeout: 2_000 } });

/** No run of 8+ characters of a planted secret anywhere in the text. */
export function expectNoSecret(text: string): void {
  for (const secret of [KEY, ...AWS_PAIR.split(':')])
    for (let i = 0; i + 8 <= secret.length; i++) expect(text.includes(secret.slice(i, i + 8)), `leaks ${secret.slice(0, 3)}… at ${i}`).toBe(false);
}
