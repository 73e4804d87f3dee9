// Hand-built snapshots for the runtime tests. `makeSnapshot` deep-copies the
// base, lets a test mutate it, and recomputes `version` (with node:crypto:
// test-only, the runtime itself never imports node:*).
import type { Snapshot } from '../../src/runtime/index.js';
import type { SnapshotModel, SnapshotSource } from '../../src/generated/types.js';
import { chatModel, versionOf, type Draft } from '../support/snapshot.js';

export const ENV = { ANTHROPIC_API_KEY: 'sk-a', AWS_KEY: 'aws', OPENROUTER_KEY: 'or', AZURE_KEY: '' };

export { mulberry32 } from '../support/random.js';

/** A clock the test moves by hand. */
export function fakeClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export function source(model: string, provider: string, upstream: string, extra: Partial<SnapshotSource> = {}): SnapshotSource {
  const credential = { anthropic: { env: 'ANTHROPIC_API_KEY' }, bedrock: { env: 'AWS_KEY' }, openrouter: { env: 'OPENROUTER_KEY' }, azure: { env: 'AZURE_KEY' }, vertex: { file: '/run/secrets/vertex' } }[provider] ?? { env: 'NONE' };
  return {
    id: `${model}@${provider}:${upstream}`,
    provider,
    providerType: provider === 'azure' ? 'azure-openai' : provider === 'vertex' ? 'google' : provider,
    model: upstream,
    protocol: provider === 'anthropic' ? 'anthropic-messages' : 'openai-chat',
    baseUrl: `https://${provider}.example`,
    binding: 'default',
    credential,
    priority: 0,
    weight: 1,
    status: 'active',
    ...extra,
  };
}

export function model(name: string, extra: Partial<SnapshotModel> = {}): SnapshotModel {
  return chatModel({ displayName: { en: name.toUpperCase(), zh: `模型 ${name}` }, description: { en: `${name} model` }, sources: [source(name, 'anthropic', `${name}-upstream`)], ...extra });
}

function base(): Draft {
  return {
    formatVersion: 1,
    settings: {
      globalSystemPrompt: 'Be precise.',
      defaultModel: 'sonnet',
      locales: ['en', 'zh'],
      defaultAvailability: 'all',
      circuitBreaker: { failureThreshold: 3, cooldownSeconds: 30, maxCooldownSeconds: 100 },
    },
    providers: {
      anthropic: { type: 'anthropic', baseUrl: 'https://anthropic.example', credentials: { default: { env: 'ANTHROPIC_API_KEY' } } },
      bedrock: { type: 'bedrock', baseUrl: 'https://bedrock.example', region: 'us-east-1', credentials: { default: { env: 'AWS_KEY' } } },
      openrouter: { type: 'openrouter', baseUrl: 'https://openrouter.example', credentials: { default: { env: 'OPENROUTER_KEY' } } },
      azure: { type: 'azure-openai', baseUrl: 'https://azure.example', credentials: { default: { env: 'AZURE_KEY' } } },
      vertex: { type: 'google', baseUrl: 'https://vertex.example', credentials: { default: { file: '/run/secrets/vertex' } } },
    },
    groups: {
      eng: { description: 'Engineering', aliases: ['idp-engineering'] },
      data: { description: '', aliases: [] },
      sales: { description: '', aliases: ['idp-sales'] },
    },
    entryPointGroups: {
      general: { description: '', entryPoints: ['desktop', 'cli', 'web'] },
      experts: { description: '', entryPoints: ['desktop-experts'] },
    },
    models: {
      sonnet: model('sonnet', {
        order: 10,
        capabilities: ['image-input', 'reasoning', 'streaming', 'text', 'tools'],
        nativeTools: ['code-exec', 'image-gen', 'web-search'],
        systemPrompt: 'Prefer small diffs.',
        providerOptions: { anthropic: { effort: 'high' } },
        sources: [
          source('sonnet', 'anthropic', 'claude-sonnet-4-5', { weight: 80 }),
          source('sonnet', 'bedrock', 'anthropic.claude-sonnet-4-5-v1:0', { weight: 20 }),
          source('sonnet', 'openrouter', 'anthropic/claude-sonnet-4.5', { priority: 1, weight: 1 }),
        ],
      }),
      haiku: model('haiku', { order: 20 }),
      opus: model('opus', { order: 5, availability: { groups: ['eng'] }, entryPoints: ['desktop', 'desktop-experts'] }),
      gpt: model('gpt', { order: 15, vendor: 'openai', sources: [source('gpt', 'azure', 'gpt-5')] }),
      retired: model('retired', { order: 1, status: 'inactive' }),
      titler: model('titler', { access: 'internal', tasks: ['title-generation'], order: 2, availability: 'none' }),
      titler2: model('titler2', { access: 'internal', tasks: ['title-generation'], order: 1, status: 'inactive' }),
    },
    tiers: {
      auto: { displayName: { en: 'Auto', zh: '自动' }, description: { en: '' }, entryPointGroup: 'general', order: 0, availability: 'all', models: ['opus', 'sonnet'] },
      ultimate: { displayName: { en: 'Ultimate', zh: '旗舰' }, description: { en: '' }, entryPointGroup: 'experts', order: 1, availability: { groups: ['eng'] }, models: ['opus'] },
      lite: { displayName: { en: 'Lite' }, description: { en: '' }, entryPointGroup: 'general', order: 4, availability: 'all', models: ['haiku'] },
    },
    collections: {
      'new-models': { displayName: { en: 'New Models', zh: '新模型' }, description: { en: '' }, order: 0, availability: 'all', models: ['opus', 'gpt', 'haiku'] },
      'eng-only': { displayName: { en: 'Eng' }, description: { en: '' }, order: 1, availability: { groups: ['eng'] }, models: ['haiku'] },
    },
    nativeTools: {
      'web-search': { displayName: { en: 'Web search' }, description: '', requires: ['tools'], pricing: { perCall: 0.01 } },
      'code-exec': { displayName: { en: 'Code' }, description: '', requires: ['tools'], pricing: {} },
      'image-gen': { displayName: { en: 'Images' }, description: '', requires: ['image-generation', 'tools'], pricing: {} },
    },
  };
}

export function withVersion(draft: Draft): Snapshot {
  const { version: _old, ...content } = draft;
  return { ...content, version: versionOf(content) } as Snapshot;
}

/** The base snapshot, optionally changed by `mutate`, with a correct version. */
export function makeSnapshot(mutate?: (s: Draft) => void): Snapshot {
  const draft = base();
  mutate?.(draft);
  return withVersion(draft);
}
