// Hand-built, valid snapshots for plan / apply / server tests, independent of
// the compiler. `finalize` computes `version` exactly as design §4 says.
import type { Snapshot, SnapshotModel, SnapshotSource } from '../../src/generated/types.js';
import { chatModel, versionOf, type Draft } from '../support/snapshot.js';

export { versionOf };

/** Sets `version` from the content; returns a new object. */
export function finalize(s: Draft): Snapshot {
  const copy = structuredClone(s) as Snapshot;
  copy.version = versionOf(copy);
  return copy;
}

export function source(model: string, provider: string, upstream: string, over: Partial<SnapshotSource> = {}): SnapshotSource {
  const types: Record<string, [string, string, string]> = {
    anthropic: ['anthropic', 'anthropic-messages', 'https://api.anthropic.com'],
    openai: ['openai', 'openai-responses', 'https://api.openai.com/v1'],
  };
  const [providerType, protocol, baseUrl] = types[provider] ?? ['openai-compatible', 'openai-chat', 'https://llm.example.com/v1'];
  return {
    id: `${model}@${provider}:${upstream}`,
    provider,
    providerType,
    model: upstream,
    protocol,
    baseUrl,
    binding: 'default',
    credential: { env: `${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY` },
    priority: 0,
    weight: 100,
    status: 'active',
    ...over,
  };
}

export function model(name: string, over: Partial<SnapshotModel> = {}): SnapshotModel {
  const provider = over.vendor ?? 'anthropic';
  return chatModel({ displayName: { en: name }, description: { en: `${name} model` }, vendor: provider, order: 10, sources: [source(name, provider, `${name}-upstream`)], ...over });
}

/** A small catalog: two providers, groups eng/data, entry point groups general/experts, three models, two tiers. */
export function baseDraft(): Draft {
  return {
    formatVersion: 1,
    settings: {
      globalSystemPrompt: 'You are the Example Corp assistant.',
      defaultModel: 'claude-sonnet',
      locales: ['en', 'zh'],
      defaultAvailability: 'all',
      circuitBreaker: { failureThreshold: 3, cooldownSeconds: 30, maxCooldownSeconds: 600 },
    },
    providers: {
      anthropic: { type: 'anthropic', baseUrl: 'https://api.anthropic.com', credentials: { default: { env: 'ANTHROPIC_API_KEY' } } },
      openai: { type: 'openai', baseUrl: 'https://api.openai.com/v1', credentials: { default: { file: '/run/secrets/openai-api-key' } } },
    },
    groups: {
      data: { description: 'Data team', aliases: [] },
      eng: { description: 'Engineering', aliases: ['idp-engineering'] },
    },
    entryPointGroups: {
      experts: { description: '', entryPoints: ['desktop-experts'] },
      general: { description: '', entryPoints: ['cli', 'desktop', 'web'] },
    },
    models: {
      'claude-sonnet': model('claude-sonnet', { order: 10, systemPrompt: 'Prefer small, reviewable diffs.' }),
      'claude-opus': model('claude-opus', { order: 20, availability: { groups: ['eng'] }, entryPoints: ['cli', 'desktop'], pricing: { input: 15, output: 75 } }),
      'gpt-5': model('gpt-5', { vendor: 'openai', order: 30, pricing: { input: 1.25, output: 10 } }),
    },
    tiers: {
      auto: { displayName: { en: 'Auto', zh: '自动' }, description: { en: '' }, entryPointGroup: 'general', order: 1, availability: 'all', models: ['claude-sonnet', 'gpt-5'] },
      ultimate: { displayName: { en: 'Ultimate', zh: '旗舰' }, description: { en: '' }, entryPointGroup: 'general', order: 2, availability: 'all', models: ['claude-opus', 'claude-sonnet'] },
    },
    collections: {},
    nativeTools: {
      'web-search': { displayName: { en: 'Web search' }, description: '', requires: ['tools'], pricing: { perCall: 0.01 } },
    },
  };
}

export function baseSnapshot(): Snapshot {
  return finalize(baseDraft());
}

/** A copy of `s` changed by `edit`, with a fresh version. */
export function edit(s: Snapshot, change: (d: Draft) => void): Snapshot {
  const draft = structuredClone(s) as Draft;
  change(draft);
  return finalize(draft);
}
