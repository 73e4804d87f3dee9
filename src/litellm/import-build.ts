// Pure: read deployments → catalog files. Providers deduplicated by type, base
// URL and key reference; one file per model; `extends:` when the registry knows
// the upstream model (then only what differs is written); a comment above every
// value that was guessed rather than read.
import type { ProviderType } from '../compile/provider-types.js';
import { PROTOCOLS } from '../compile/provider-types.js';
import type { RegistryModel } from '../generated/types.js';
import { capabilitiesFromFlags, purposeFromMode } from './capabilities.js';
import { perTokenToPerMillion } from './decimal.js';
import type { ReadDeployment } from './import-read.js';
import { toYaml, type YamlValue } from './yaml-emit.js';

export interface CatalogFile {
  /** Relative to the output directory, forward slashes. */
  path: string;
  text: string;
}

export interface BuildNote {
  /** A deployment index, or undefined for the router settings. */
  index?: number;
  /** A key of router_settings the note is about. */
  routerKey?: string;
  message: string;
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/;

export function slug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '');
  return out || 'model';
}

function unique(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

interface ProviderDraft {
  name: string;
  type: ProviderType;
  baseUrl?: string;
  region?: string;
  env: string;
  guesses: string[];
}

function providerBaseName(d: ReadDeployment): string {
  const host = d.baseUrl ? (new URL(d.baseUrl).hostname.split('.')[0] ?? '') : '';
  switch (d.type) {
    case 'azure-openai':
      return slug(`azure-${host}`);
    case 'bedrock':
      return `bedrock-${d.region ?? 'us-east-1'}`;
    case 'openai-compatible':
      return slug(host === 'localhost' || host === '127' || host === '' ? 'local-openai' : host);
    case 'vercel-ai-gateway':
      return 'vercel';
    default:
      return d.baseUrl ? slug(`${d.type}-${host}`) : d.type;
  }
}

/** OPENAI_BACKGROUND_API_KEY next to provider `openai` → `openai-background`. */
function envSuffix(env: string, base: string): string {
  const words = new Set(base.split('-'));
  const parts = env.toLowerCase().split('_').filter((w) => w && !words.has(w) && !['api', 'key', 'token', 'secret'].includes(w));
  return parts.join('-');
}

/** The registry model serving `upstream` at a provider type (Bedrock ids with or without a region prefix). */
export function registryMatch(registry: ReadonlyMap<string, RegistryModel>, type: ProviderType, upstream: string, baseModel?: string): RegistryModel | undefined {
  const candidates = [upstream];
  if (type === 'bedrock') candidates.push(upstream.replace(/^(us|eu|apac|jp|au|ca|us-gov|global)\./, ''));
  for (const m of registry.values()) {
    const id = m.upstreamIds?.[type as keyof NonNullable<RegistryModel['upstreamIds']>];
    if (id !== undefined && candidates.includes(id)) return m;
  }
  if (baseModel) {
    const bare = baseModel.replace(/^[a-z_]+\//, '');
    for (const m of registry.values()) if (m.id === baseModel || Object.values(m.upstreamIds ?? {}).includes(bare)) return m;
  }
  return undefined;
}

const PRICE_OF_COST: Record<string, [string, boolean]> = {
  input_cost_per_token: ['input', true],
  output_cost_per_token: ['output', true],
  cache_read_input_token_cost: ['cacheRead', true],
  cache_creation_input_token_cost: ['cacheWrite', true],
  output_cost_per_image: ['perImage', false],
  output_cost_per_second: ['perSecond', false],
};

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** One `key: value` line (or block) at `indent`, with comment lines above it. */
function field(key: string, value: YamlValue, indent = '', comments: readonly string[] = []): string[] {
  const body = toYaml({ [key]: value }).trimEnd().split('\n');
  return [...comments.map((c) => `${indent}# ${c}`), ...body.map((l) => indent + l)];
}

interface ModelDraft {
  name: string;
  lines: string[];
}

function modelctlInfo(info: Record<string, unknown>): { purpose?: string; capabilities?: string[] } {
  const m = info.modelctl;
  if (typeof m !== 'object' || m === null) return {};
  const { purpose, capabilities } = m as { purpose?: unknown; capabilities?: unknown };
  return {
    ...(typeof purpose === 'string' ? { purpose } : {}),
    ...(Array.isArray(capabilities) && capabilities.every((c) => typeof c === 'string') ? { capabilities: capabilities as string[] } : {}),
  };
}

const positiveInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

function buildModel(name: string, original: string, group: ReadDeployment[], providerOf: (d: ReadDeployment) => ProviderDraft, registry: ReadonlyMap<string, RegistryModel>, groups: (g: string) => string, notes: BuildNote[]): ModelDraft {
  const lines: string[] = ['apiVersion: modelctl/v1', 'kind: Model'];
  const renamed = name !== original ? [`renamed from the LiteLLM model_name ${JSON.stringify(original)}: clients that called it by that name must use this one`] : [];
  lines.push(...field('name', name, '', renamed));
  const first = group[0]!;
  const base = group.map((d) => registryMatch(registry, d.type, d.upstream, typeof d.info.base_model === 'string' ? d.info.base_model : undefined)).find((m) => m !== undefined);
  if (base) lines.push(...field('extends', base.id));
  else lines.push(...field('displayName', original));
  const info = first.info;
  const own = modelctlInfo(info);
  const mode = typeof info.mode === 'string' ? info.mode : undefined;
  const purpose = own.purpose ?? purposeFromMode(mode);
  const basePurpose = base?.purpose ?? 'chat';
  if (purpose === undefined) lines.push(...field('purpose', basePurpose, '', [`guessed: model_info.mode ${mode} has no modelctl purpose`]));
  else if (purpose !== basePurpose) lines.push(...field('purpose', purpose));
  const caps = own.capabilities ?? (base && !Object.keys(info).some((k) => k.startsWith('supports_')) ? undefined : capabilitiesFromFlags(info, mode));
  if (caps && !(base && sameList(caps, base.capabilities ?? []))) {
    lines.push(...field('capabilities', [...caps].sort(), '', own.capabilities ? [] : ['guessed from the supports_* flags (text for a chat model)']));
  }
  const contextLimit = positiveInt(info.max_input_tokens);
  const maxOutput = positiveInt(info.max_output_tokens) ?? positiveInt(info.max_tokens);
  if (contextLimit !== undefined && contextLimit !== base?.contextLimit) lines.push(...field('contextLimit', contextLimit));
  if (maxOutput !== undefined && maxOutput !== base?.maxOutputTokens) lines.push(...field('maxOutputTokens', maxOutput));
  const accessGroups = Array.isArray(info.access_groups) ? info.access_groups.filter((g): g is string => typeof g === 'string') : [];
  if (accessGroups.length > 0) lines.push(...field('availability', { groups: [...new Set(accessGroups.map(groups))].sort() }, '', ['from model_info.access_groups']));
  // Prices: the first deployment's, per 1M tokens; a field the registry already gives is left to it.
  const pricing: Record<string, YamlValue> = {};
  const pricedBy = group.find((d) => Object.keys(d.costs).length > 0);
  for (const [cost, v] of Object.entries(pricedBy?.costs ?? {})) {
    const [key, perToken] = PRICE_OF_COST[cost]!;
    const decimal = perToken ? perTokenToPerMillion(v) : String(v);
    if (base?.pricing?.[key as keyof NonNullable<RegistryModel['pricing']>] === Number(decimal)) continue;
    pricing[key] = { decimal };
  }
  const disagree = group.some((d) => d !== pricedBy && Object.keys(d.costs).length > 0 && JSON.stringify(d.costs) !== JSON.stringify(pricedBy?.costs));
  if (disagree) notes.push({ index: pricedBy!.index, message: `deployments of ${original} have different costs; the model's price is taken from model_list[${pricedBy!.index}]` });
  if (Object.keys(pricing).length > 0) lines.push(...field('pricing', pricing, '', ['USD per 1M tokens, from the per-token costs in LiteLLM' + (disagree ? ` (model_list[${pricedBy!.index}]; the deployments disagree)` : '')]));
  lines.push('sources:');
  // LiteLLM may list one route twice (same provider account, same model); modelctl lists a source once.
  const seen = new Map<string, ReadDeployment>();
  for (const d of group) {
    const p = providerOf(d);
    const key = `${p.name}\u0000${d.upstream}`;
    const earlier = seen.get(key);
    if (earlier) {
      notes.push({ index: d.index, message: `model_list[${d.index}] is the same route as model_list[${earlier.index}] (${p.name}, ${d.upstream}); imported once, as model_list[${earlier.index}]` });
      continue;
    }
    seen.set(key, d);
    const item: string[] = [];
    const comments = d.guesses.filter((g) => g.field === 'priority' || g.field === 'weight').map((g) => g.text);
    item.push(...field('provider', p.name, '    '));
    item.push(...field('model', d.upstream, '    '));
    if (d.protocol !== PROTOCOLS[d.type].default) item.push(...field('protocol', d.protocol, '    '));
    if (d.order !== undefined && d.order > 0) item.push(...field('priority', d.order, '    '));
    if (d.order === undefined && group.some((o) => o.order !== undefined)) comments.push('no order in LiteLLM while the other deployments of this model have one: priority 0 assumed');
    if (d.weight !== undefined && d.weight !== 100) item.push(...field('weight', d.weight, '    '));
    // The first line carries the dash and says which LiteLLM deployment this was.
    item[0] = `  - ${item[0]!.slice(4)}  # model_list[${d.index}]`;
    item.unshift(...comments.map((c) => `    # guessed: ${c}`));
    lines.push(...item);
  }
  return { name, lines };
}

function renderProvider(p: ProviderDraft): string {
  const lines = ['apiVersion: modelctl/v1', 'kind: Provider', ...field('name', p.name), ...field('type', p.type)];
  if (p.baseUrl) lines.push(...field('baseUrl', p.baseUrl, '', p.guesses.filter((g) => g.startsWith('api_version'))));
  if (p.region) lines.push(...field('region', p.region, '', p.guesses.filter((g) => g.startsWith('aws_region_name'))));
  lines.push(...field('credentials', { default: { env: p.env } }, '', p.guesses.filter((g) => g.startsWith('no api_key'))));
  return lines.join('\n') + '\n';
}

export interface BuildResult {
  files: CatalogFile[];
  notes: BuildNote[];
}

function routerSettings(router: Record<string, unknown>, notes: BuildNote[]): string | undefined {
  const cb: Record<string, YamlValue> = {};
  const comments: string[] = [];
  const allowed = router.allowed_fails;
  const cooldown = router.cooldown_time;
  if (typeof allowed === 'number' && Number.isInteger(allowed)) {
    cb.failureThreshold = Math.max(1, allowed);
    if (allowed < 1) comments.push(`LiteLLM allowed_fails ${allowed}: modelctl opens a circuit after at least 1 failure`);
  }
  if (typeof cooldown === 'number' && cooldown >= 0) {
    const s = Math.max(1, Math.ceil(cooldown));
    cb.cooldownSeconds = s;
    // LiteLLM's cooldown never grows; the cap keeps it so.
    cb.maxCooldownSeconds = s;
    if (s !== cooldown) comments.push(`LiteLLM cooldown_time ${cooldown} rounded up to whole seconds`);
  }
  for (const key of Object.keys(router)) {
    if (['allowed_fails', 'cooldown_time', 'num_retries', 'routing_strategy'].includes(key)) continue;
    notes.push({ routerKey: key, message: `not imported: router_settings.${key} has no modelctl equivalent` });
  }
  const strategy = router.routing_strategy;
  if (strategy !== undefined && strategy !== 'simple-shuffle') notes.push({ routerKey: 'routing_strategy', message: `not imported: routing_strategy ${String(strategy)}; modelctl splits traffic by weight within a priority (simple-shuffle)` });
  if (Object.keys(cb).length === 0) return undefined;
  const lines = ['apiVersion: modelctl/v1', 'kind: Settings', ...field('circuitBreaker', cb, '', ['from LiteLLM router_settings (allowed_fails, cooldown_time); LiteLLM counts failures per minute, modelctl consecutive ones', ...comments])];
  return lines.join('\n') + '\n';
}

export function buildCatalog(deployments: readonly ReadDeployment[], router: Record<string, unknown>, registry: ReadonlyMap<string, RegistryModel>, sourceName: string): BuildResult {
  const notes: BuildNote[] = [];
  const header = `# Imported from ${sourceName} by modelctl import litellm.`;
  // Providers: one per (type, base URL, region, key reference).
  const providers = new Map<string, ProviderDraft>();
  const providerNames = new Set<string>();
  const providerOf = (d: ReadDeployment): ProviderDraft => {
    const key = [d.type, d.baseUrl ?? '', d.region ?? '', d.env].join('|');
    let p = providers.get(key);
    if (!p) {
      const base = providerBaseName(d);
      const suffix = providerNames.has(base) ? envSuffix(d.env, base) : '';
      const name = unique(suffix && NAME.test(`${base}-${suffix}`) ? `${base}-${suffix}` : base, providerNames);
      const guesses = d.guesses.filter((g) => g.field === 'credential' || g.field === 'baseUrl' || g.field === 'region').map((g) => g.text);
      p = { name, type: d.type, ...(d.baseUrl ? { baseUrl: d.baseUrl } : {}), ...(d.region ? { region: d.region } : {}), env: d.env, guesses };
      providers.set(key, p);
    }
    return p;
  };
  // Model groups in file order, each named once.
  const byName = new Map<string, ReadDeployment[]>();
  for (const d of deployments) byName.set(d.modelName, [...(byName.get(d.modelName) ?? []), d]);
  const modelNames = new Set<string>();
  const groupNames = new Map<string, string>();
  const groupOf = (g: string) => {
    let n = groupNames.get(g);
    if (!n) groupNames.set(g, (n = unique(slug(g), new Set(groupNames.values()))));
    return n;
  };
  const files: CatalogFile[] = [];
  for (const [original, group] of byName) {
    const name = unique(NAME.test(original) ? original : slug(original), modelNames);
    if (name !== original) notes.push({ index: group[0]!.index, message: `model_name ${JSON.stringify(original)} is not a modelctl name; imported as ${name}` });
    const drafted = buildModel(name, original, group, providerOf, registry, groupOf, notes);
    files.push({ path: `models/${name}.yaml`, text: `${header}\n${drafted.lines.join('\n')}\n` });
  }
  for (const p of providers.values()) files.push({ path: `providers/${p.name}.yaml`, text: `${header}\n${renderProvider(p)}` });
  if (groupNames.size > 0) {
    const docs = [...groupNames.entries()].map(([original, name]) =>
      ['apiVersion: modelctl/v1', 'kind: Group', ...field('name', name), ...field('description', `LiteLLM access group ${original}`)].join('\n'),
    );
    files.push({ path: 'groups.yaml', text: `${header}\n${docs.join('\n---\n')}\n` });
  }
  const settings = routerSettings(router, notes);
  if (settings) files.push({ path: 'settings.yaml', text: `${header}\n${settings}` });
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, notes };
}

