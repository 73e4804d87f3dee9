// Pure: a compiled snapshot → a LiteLLM proxy config. One model_list entry per
// routed source, grouped under the platform model's name; what LiteLLM cannot
// express is returned as notes (the CLI lists them as "not exported"), and a
// credential LiteLLM cannot read ({ file }) as a problem with where it lives.
import type { ProviderType } from '../compile/provider-types.js';
import { resolveBaseUrl } from '../compile/provider-types.js';
import type { Provider, Snapshot, SnapshotModel, SnapshotSource } from '../generated/types.js';
import { SUPPORTS, MODE_OF_PURPOSE } from './capabilities.js';
import { perMillionToPerToken, plainDecimal } from './decimal.js';
import { routeSpelling } from './routes.js';
import type { CostField, Deployment, LitellmConfig, LitellmModelInfo, LitellmParams } from './types.js';

/** Something the snapshot says that the LiteLLM config does not. */
export interface NotExported {
  /** `model/claude-sonnet`, `tier/auto`, `settings`, … */
  subject: string;
  field: string;
  reason: string;
}

/** A `{ file }` credential with no --credential-env mapping: LiteLLM reads keys only from the environment. */
export interface FileCredential {
  provider: string;
  binding: string;
  path: string;
  /** Sources that use it. */
  usedBy: string[];
}

export interface ExportOptions {
  /** `provider` or `provider:binding` → environment variable that holds what the file holds. */
  credentialEnv?: ReadonlyMap<string, string>;
}

export interface ExportResult {
  config: LitellmConfig;
  notExported: NotExported[];
  fileCredentials: FileCredential[];
}

/** The Azure GA data-plane version used for classic (dated) deployment URLs; the same as modelctl's probes. */
export const AZURE_CLASSIC_API_VERSION = '2024-10-21';

const COSTS: readonly [keyof SnapshotModel['pricing'], CostField, boolean][] = [
  ['input', 'input_cost_per_token', true],
  ['output', 'output_cost_per_token', true],
  ['cacheRead', 'cache_read_input_token_cost', true],
  ['cacheWrite', 'cache_creation_input_token_cost', true],
  ['perImage', 'output_cost_per_image', false],
  ['perSecond', 'output_cost_per_second', false],
];

/** Per-1M token prices become exact per-token costs; per-image and per-second prices stay as they are. */
export function costsOf(pricing: SnapshotModel['pricing']): Partial<Record<CostField, { decimal: string }>> {
  const out: Partial<Record<CostField, { decimal: string }>> = {};
  for (const [key, field, perToken] of COSTS) {
    const v = pricing[key];
    if (v === undefined) continue;
    out[field] = { decimal: perToken ? perMillionToPerToken(v) : plainDecimal(v) };
  }
  return out;
}

type SnapshotProvider = Snapshot['providers'][string];

/** Endpoint parameters: api_base only where the provider's URL is not LiteLLM's (and modelctl's) default. */
function endpointParams(type: ProviderType, provider: SnapshotProvider): Partial<LitellmParams> {
  const base = provider.baseUrl;
  if (type === 'bedrock') {
    const region = provider.region ?? 'us-east-1';
    const derived = resolveBaseUrl({ type, region } as Provider);
    return { aws_region_name: region, ...(base !== derived ? { aws_bedrock_runtime_endpoint: base } : {}) };
  }
  if (type === 'azure-openai') {
    // LiteLLM takes the resource endpoint; `v1` selects Azure's version-less /openai/v1 API.
    const v1 = /\/openai\/v1\/?$/.test(base);
    const root = base.replace(/\/openai(\/v1)?\/?$/, '').replace(/\/+$/, '');
    return { api_base: root, api_version: v1 ? 'v1' : AZURE_CLASSIC_API_VERSION };
  }
  const fallback = resolveBaseUrl({ type } as Provider);
  return base && base !== fallback ? { api_base: base } : {};
}

function keyParam(source: SnapshotSource, opts: ExportOptions, problems: Map<string, FileCredential>): Partial<LitellmParams> {
  const cred = source.credential;
  if ('env' in cred) return { api_key: `os.environ/${cred.env}` };
  const mapped = opts.credentialEnv?.get(`${source.provider}:${source.binding}`) ?? opts.credentialEnv?.get(source.provider);
  if (mapped) return { api_key: `os.environ/${mapped}` };
  const key = `${source.provider}:${source.binding}`;
  const p = problems.get(key) ?? { provider: source.provider, binding: source.binding, path: cred.file, usedBy: [] };
  p.usedBy.push(source.id);
  problems.set(key, p);
  return {};
}

function modelInfo(m: SnapshotModel, source: SnapshotSource): LitellmModelInfo {
  const mode = MODE_OF_PURPOSE[m.purpose];
  const groups = typeof m.availability === 'object' ? [...m.availability.groups].sort() : undefined;
  const info: LitellmModelInfo = {
    id: source.id,
    ...(mode ? { mode } : {}),
    ...(groups ? { access_groups: groups } : {}),
    ...(m.maxOutputTokens ? { max_tokens: m.maxOutputTokens } : {}),
    ...(m.contextLimit ? { max_input_tokens: m.contextLimit } : {}),
    ...(m.maxOutputTokens ? { max_output_tokens: m.maxOutputTokens } : {}),
    ...costsOf(m.pricing),
    modelctl: { purpose: m.purpose, capabilities: [...m.capabilities].sort() },
  };
  for (const [cap, flag] of SUPPORTS) if (m.capabilities.includes(cap)) info[flag] = true;
  // modelctl last: the LiteLLM fields first, in a fixed order, read best in review.
  const { modelctl, ...rest } = info;
  return { ...rest, modelctl } as LitellmModelInfo;
}

function modelNotes(name: string, m: SnapshotModel): NotExported[] {
  const subject = `model/${name}`;
  const notes: NotExported[] = [];
  const add = (field: string, reason: string) => notes.push({ subject, field, reason });
  if (m.systemPrompt) add('systemPrompt', 'LiteLLM has no per-model system prompt');
  if (m.entryPoints) add('entryPoints', 'LiteLLM has no client entry points');
  if (m.access === 'internal') add('access: internal', 'LiteLLM cannot hide a model from users; it is callable by name');
  if (m.tasks.length > 0) add('tasks', 'LiteLLM has no platform tasks');
  if (Object.keys(m.parameters).length > 0) add('parameters', 'sampling defaults are not written (they would override what each request asks for)');
  if (Object.keys(m.providerOptions).length > 0) add('providerOptions', 'provider options have no one-to-one LiteLLM parameter');
  if (m.nativeTools.length > 0) add('nativeTools', 'LiteLLM has no native tool allow-list');
  if (m.compressionThreshold !== null) add('compressionThreshold', 'LiteLLM does not compact conversations');
  return notes;
}

function settingsNotes(s: Snapshot): NotExported[] {
  const notes: NotExported[] = [];
  const add = (subject: string, field: string, reason: string) => notes.push({ subject, field, reason });
  if (s.settings.globalSystemPrompt) add('settings', 'globalSystemPrompt', 'LiteLLM has no global system prompt');
  if (s.settings.defaultModel) add('settings', 'defaultModel', 'LiteLLM has no default model; clients name one');
  const cb = s.settings.circuitBreaker;
  if (cb.maxCooldownSeconds !== cb.cooldownSeconds) add('settings', 'circuitBreaker.maxCooldownSeconds', `LiteLLM's cooldown does not grow; every cooldown is ${cb.cooldownSeconds}s`);
  for (const name of Object.keys(s.tiers).sort()) add(`tier/${name}`, 'tier', 'LiteLLM has no tiers');
  for (const name of Object.keys(s.collections).sort()) add(`collection/${name}`, 'collection', 'LiteLLM has no collections');
  for (const name of Object.keys(s.entryPointGroups).sort()) add(`entry-point-group/${name}`, 'entry point group', 'LiteLLM has no client entry points');
  for (const name of Object.keys(s.nativeTools).sort()) add(`native-tool/${name}`, 'native tool', 'LiteLLM has no native tools');
  for (const [name, g] of Object.entries(s.groups).sort(([a], [b]) => (a < b ? -1 : 1)))
    if (g.aliases.length > 0) add(`group/${name}`, 'aliases', 'LiteLLM access groups are granted by name; identity-provider aliases are not');
  return notes;
}

/** Sources LiteLLM should route: active, with weight. */
function routed(m: SnapshotModel): SnapshotSource[] {
  return m.sources.filter((s) => s.status === 'active' && s.weight > 0);
}

export function exportLitellm(snapshot: Snapshot, opts: ExportOptions = {}): ExportResult {
  const model_list: Deployment[] = [];
  const notExported: NotExported[] = [...settingsNotes(snapshot)];
  const problems = new Map<string, FileCredential>();
  let largestGroup = 1;
  for (const name of Object.keys(snapshot.models).sort()) {
    const m = snapshot.models[name]!;
    if (m.status !== 'active') continue; // not served: nothing to route
    if (m.availability === 'none') {
      notExported.push({ subject: `model/${name}`, field: 'availability: none', reason: 'LiteLLM has no "nobody"; the model is left out rather than opened to every key' });
      continue;
    }
    const sources = routed(m);
    if (sources.length === 0) continue;
    for (const item of modelNotes(name, m)) notExported.push(item);
    largestGroup = Math.max(largestGroup, sources.length);
    for (const source of sources) {
      const provider = snapshot.providers[source.provider];
      const type = source.providerType as ProviderType;
      const route = routeSpelling(type, source.protocol);
      if (!route.exact) notExported.push({ subject: `model/${name}`, field: `protocol of ${source.id}`, reason: `LiteLLM's ${route.prefix.slice(0, -1)} route speaks its own protocol, not ${source.protocol}` });
      const params: LitellmParams = {
        model: route.prefix + source.model,
        ...(provider ? endpointParams(type, provider) : {}),
        ...keyParam(source, opts, problems),
        order: source.priority + 1,
        weight: source.weight,
      };
      model_list.push({ model_name: name, litellm_params: params, model_info: modelInfo(m, source) });
    }
  }
  const cb = snapshot.settings.circuitBreaker;
  return {
    config: {
      model_list,
      router_settings: {
        routing_strategy: 'simple-shuffle',
        // Enough retries to walk a model's every deployment, as modelctl's attempt list does.
        num_retries: largestGroup - 1,
        allowed_fails: cb.failureThreshold,
        cooldown_time: cb.cooldownSeconds,
      },
    },
    notExported,
    fileCredentials: [...problems.values()],
  };
}
