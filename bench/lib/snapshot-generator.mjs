// Builds a valid n-model snapshot in memory for benchmarks: a few providers,
// groups with aliases, the three entry point groups, tiers and a collection;
// every model has 2–4 sources over 2 priority classes with weights.
// Deterministic (seeded), so runs are comparable.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../dist/runtime/index.js';

const PROVIDERS = {
  anthropic: { type: 'anthropic', baseUrl: 'https://api.anthropic.com', credentials: { default: { env: 'BENCH_ANTHROPIC_KEY' } } },
  openai: { type: 'openai', baseUrl: 'https://api.openai.com/v1', credentials: { default: { env: 'BENCH_OPENAI_KEY' } } },
  bedrock: { type: 'bedrock', baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com', region: 'us-east-1', credentials: { default: { env: 'BENCH_AWS_KEY' } } },
  google: { type: 'google', baseUrl: 'https://generativelanguage.googleapis.com', credentials: { default: { env: 'BENCH_GOOGLE_KEY' } } },
  openrouter: { type: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1', credentials: { default: { env: 'BENCH_OPENROUTER_KEY' } } },
};
const PROTOCOL = { anthropic: 'anthropic-messages', openai: 'openai-responses', bedrock: 'bedrock-converse', google: 'google-generate', openrouter: 'openai-chat' };
const NAMES = Object.keys(PROVIDERS);

/** Credentials the generated snapshot references, all present. */
export const BENCH_ENV = { BENCH_ANTHROPIC_KEY: 'a', BENCH_OPENAI_KEY: 'o', BENCH_AWS_KEY: 'w', BENCH_GOOGLE_KEY: 'g', BENCH_OPENROUTER_KEY: 'r' };

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const modelName = (i) => `model-${String(i).padStart(5, '0')}`;

function sources(name, rand) {
  const count = 2 + Math.floor(rand() * 3); // 2–4
  const start = Math.floor(rand() * NAMES.length);
  const out = [];
  for (let k = 0; k < count; k++) {
    const provider = NAMES[(start + k) % NAMES.length];
    const upstream = `${name}-${provider}`;
    out.push({
      id: `${name}@${provider}:${upstream}`,
      provider,
      providerType: PROVIDERS[provider].type,
      model: upstream,
      protocol: PROTOCOL[provider],
      baseUrl: PROVIDERS[provider].baseUrl,
      binding: 'default',
      credential: PROVIDERS[provider].credentials.default,
      priority: k < count - 1 ? 0 : 1, // last source is the fallback class
      weight: 10 + Math.floor(rand() * 90),
      status: 'active',
    });
  }
  return out.sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : 1));
}

function model(i, rand) {
  const name = modelName(i);
  const restricted = i % 10 === 9; // every tenth model is for g0/g1 only
  return {
    displayName: { en: `Model ${i}`, zh: `模型 ${i}` },
    description: { en: `Generated model ${i}.` },
    vendor: NAMES[i % NAMES.length],
    purpose: 'chat',
    status: i % 50 === 49 ? 'inactive' : 'active',
    access: 'public',
    tasks: [],
    order: i,
    availability: restricted ? { groups: ['g0', 'g1'] } : 'all',
    entryPoints: i % 7 === 6 ? ['desktop', 'desktop-experts'] : null,
    capabilities: ['streaming', 'text', 'tools'],
    nativeTools: ['web-search'],
    systemPrompt: i % 3 === 0 ? `You are model ${i}.` : '',
    contextLimit: 200000,
    compressionThreshold: 80,
    maxOutputTokens: 16000,
    parameters: { temperature: 0.2, topP: 0.95 },
    providerOptions: {},
    pricing: { input: 3, output: 15 },
    sources: sources(name, rand),
  };
}

function tier(order, epg, models) {
  return { displayName: { en: `Tier ${order}` }, description: { en: '' }, entryPointGroup: epg, order, availability: 'all', models };
}

export function generateSnapshot(n, seed = 1) {
  const rand = mulberry32(seed);
  const models = {};
  for (let i = 0; i < n; i++) models[modelName(i)] = model(i, rand);
  const groups = {};
  for (let g = 0; g < 10; g++) groups[`g${g}`] = { description: '', aliases: [`idp-g${g}`] };
  const pick = (k) => Array.from({ length: 4 }, (_, j) => modelName((k * 4 + j) % n));
  const content = {
    formatVersion: 1,
    settings: {
      globalSystemPrompt: 'Be helpful.',
      defaultModel: modelName(0),
      locales: ['en', 'zh'],
      defaultAvailability: 'all',
      circuitBreaker: { failureThreshold: 5, cooldownSeconds: 30, maxCooldownSeconds: 600 },
    },
    providers: PROVIDERS,
    groups,
    entryPointGroups: {
      general: { description: '', entryPoints: ['desktop', 'cli', 'jetbrains', 'web', 'cloud-agents'] },
      experts: { description: '', entryPoints: ['desktop-experts'] },
      work: { description: '', entryPoints: ['work-client'] },
    },
    models,
    tiers: {
      auto: tier(0, 'general', pick(0)),
      ultimate: tier(1, 'general', pick(1)),
      performance: tier(2, 'general', pick(2)),
      efficient: tier(3, 'experts', pick(3)),
      lite: tier(4, 'work', pick(4)),
    },
    collections: {
      'new-models': { displayName: { en: 'New Models' }, description: { en: '' }, order: 0, availability: 'all', models: pick(5) },
    },
    nativeTools: { 'web-search': { displayName: { en: 'Web search' }, description: '', requires: ['tools'], pricing: { perCall: 0.01 } } },
  };
  const version = `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
  return { ...content, version };
}
