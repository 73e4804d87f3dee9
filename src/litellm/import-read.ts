// Pure: a parsed LiteLLM config document → deployments modelctl can map, with
// located diagnostics for everything else. A literal secret is reported where
// it is written and its value is never copied anywhere.
import type { Diagnostic, DiagnosticCode } from '../diagnostics/types.js';
import type { LoadedDocument } from '../load/parse.js';
import { toPointer } from '../load/source-map.js';
import type { Protocol, ProviderType } from '../compile/provider-types.js';
import { DEFAULT_KEY_ENV, parseRoute } from './routes.js';

export interface ReadDeployment {
  index: number;
  modelName: string;
  type: ProviderType;
  protocol: Protocol;
  upstream: string;
  baseUrl?: string;
  region?: string;
  env: string;
  order?: number;
  weight?: number;
  /** Per-token costs as written (numbers), from model_info or litellm_params (litellm_params wins, as Deployment does). */
  costs: Record<string, number>;
  info: Record<string, unknown>;
  /** Why a value was guessed, per catalog field. */
  guesses: { field: 'provider' | 'credential' | 'baseUrl' | 'region' | 'priority' | 'weight'; text: string }[];
}

export interface ReadConfig {
  deployments: ReadDeployment[];
  router: Record<string, unknown>;
  diagnostics: Diagnostic[];
  /** Pointers of literal secrets: their text is masked in anything shown. */
  secretPointers: string[];
}

const ENV_REF = /^os\.environ\/([A-Za-z_][A-Za-z0-9_]*)$/;

/** Params that hold a secret in LiteLLM: a literal is an error, a reference that modelctl cannot use is a warning. */
const SECRET_PARAMS = ['api_key', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'azure_ad_token', 'client_secret', 'azure_password', 'vertex_credentials', 'watsonx_api_key'];

/** litellm_params modelctl reads. Everything else is reported as not imported. */
const READ_PARAMS = new Set(['model', 'api_base', 'api_version', 'aws_region_name', 'custom_llm_provider', 'order', 'weight', 'api_key', 'num_retries', 'max_retries']);
export const COST_FIELDS = ['input_cost_per_token', 'output_cost_per_token', 'cache_read_input_token_cost', 'cache_creation_input_token_cost', 'output_cost_per_image', 'output_cost_per_second'] as const;
const READ_INFO = new Set(['id', 'mode', 'access_groups', 'base_model', 'max_tokens', 'max_input_tokens', 'max_output_tokens', 'modelctl', ...COST_FIELDS]);

const BASE_URL = /^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$))/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/;
const VENDOR_HOSTS: Partial<Record<ProviderType, RegExp>> = {
  anthropic: /^https:\/\/api\.anthropic\.com\/?$/,
  openai: /^https:\/\/api\.openai\.com(\/v1)?\/?$/,
  google: /^https:\/\/generativelanguage\.googleapis\.com/,
  openrouter: /^https:\/\/openrouter\.ai\/api\/v1\/?$/,
  'vercel-ai-gateway': /^https:\/\/ai-gateway\.vercel\.sh\/v1\/?$/,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  readonly secretPointers: string[] = [];
  constructor(private readonly doc: LoadedDocument) {}

  report(code: DiagnosticCode, segments: readonly (string | number)[], message: string, opts: { severity?: 'error' | 'warning'; hint?: string; target?: 'key' | 'value' } = {}): void {
    const pointer = toPointer(segments);
    const range = this.doc.map.rangeOf(pointer, opts.target ?? 'value');
    this.diagnostics.push({ code, severity: opts.severity ?? 'error', message, file: this.doc.file, ...range, pointer, ...(opts.hint ? { hint: opts.hint } : {}) });
  }

  /** `os.environ/NAME` → NAME; a literal is a located error whose value is never repeated. */
  envRef(value: unknown, at: (string | number)[], what: string): string | undefined {
    if (typeof value === 'string') {
      const m = ENV_REF.exec(value.trim());
      if (m) return m[1];
    }
    this.secretPointers.push(toPointer(at));
    this.report('secret-literal', at, `${what} is written in the config itself; modelctl imports only references and never writes a secret`, {
      hint: `in the LiteLLM config write ${what}: os.environ/NAME, put the secret in environment variable NAME, and import again`,
    });
    return undefined;
  }
}

function positiveInt(r: Reader, v: unknown, at: (string | number)[], what: string, min: number): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= min) return v;
  r.report(typeof v === 'number' ? 'invalid-value' : 'wrong-type', at, `${what} must be an integer of at least ${min}`);
  return undefined;
}

function readDeployment(r: Reader, entry: unknown, i: number, orderBase: number): ReadDeployment | undefined {
  const at = (...s: (string | number)[]) => ['model_list', i, ...s];
  if (!isObject(entry)) return void r.report('wrong-type', at(), 'a model_list entry must be a mapping with model_name and litellm_params');
  const name = entry.model_name;
  const params = entry.litellm_params;
  if (typeof name !== 'string' || name.trim() === '') r.report(name === undefined ? 'missing-field' : 'wrong-type', name === undefined ? at() : at('model_name'), 'model_name must be a non-empty string');
  if (!isObject(params)) return void r.report(params === undefined ? 'missing-field' : 'wrong-type', params === undefined ? at() : at('litellm_params'), 'litellm_params must be a mapping with at least model');
  const info = entry.model_info === undefined ? {} : entry.model_info;
  if (!isObject(info)) r.report('wrong-type', at('model_info'), 'model_info must be a mapping');
  // Secrets first: whatever else is wrong, a literal is found and reported.
  let env: string | undefined;
  let keyBroken = false;
  for (const key of SECRET_PARAMS) {
    if (!(key in params)) continue;
    const ref = r.envRef(params[key], at('litellm_params', key), key);
    if (ref === undefined) keyBroken = true;
    else if (key === 'api_key') env = ref;
    else r.report('unknown-field', at('litellm_params', key), `not imported: ${key} (modelctl providers authenticate with one API key reference)`, { severity: 'warning', target: 'key' });
  }
  if (typeof name !== 'string' || name.trim() === '') return undefined;
  const model = params.model;
  if (typeof model !== 'string' || model.trim() === '') return void r.report(model === undefined ? 'missing-field' : 'wrong-type', model === undefined ? at('litellm_params') : at('litellm_params', 'model'), 'litellm_params.model must be a string such as anthropic/claude-sonnet-4-5');
  for (const key of Object.keys(params))
    if (!READ_PARAMS.has(key) && !SECRET_PARAMS.includes(key) && !(COST_FIELDS as readonly string[]).includes(key))
      r.report('unknown-field', at('litellm_params', key), `not imported: litellm_params.${key} has no modelctl equivalent`, { severity: 'warning', target: 'key' });
  const infoObj = isObject(info) ? info : {};
  for (const key of Object.keys(infoObj))
    if (!READ_INFO.has(key) && !key.startsWith('supports_')) r.report('unknown-field', at('model_info', key), `not imported: model_info.${key} has no modelctl equivalent`, { severity: 'warning', target: 'key' });

  const guesses: ReadDeployment['guesses'] = [];
  let baseUrl: string | undefined;
  if (params.api_base !== undefined) {
    const b = params.api_base;
    if (typeof b !== 'string') return void r.report('wrong-type', at('litellm_params', 'api_base'), 'api_base must be a URL string');
    if (ENV_REF.test(b)) return void r.report('invalid-value', at('litellm_params', 'api_base'), 'api_base is read from the environment; a modelctl provider needs the URL itself', { hint: 'write the URL in the LiteLLM config (or in the imported provider) and import again' });
    if (!BASE_URL.test(b)) return void r.report('invalid-value', at('litellm_params', 'api_base'), 'api_base must be https (or http on 127.0.0.1/localhost): modelctl refuses plain-text endpoints', { hint: 'serve the endpoint over TLS, or reach it through a local TLS proxy' });
    baseUrl = b.replace(/\/+$/, '');
  }
  const custom = typeof params.custom_llm_provider === 'string' ? params.custom_llm_provider : undefined;
  const type0 = parseRoute(model, { customBase: false, ...(custom ? { customProvider: custom } : {}) });
  const vendorBase = baseUrl !== undefined && type0 !== undefined && VENDOR_HOSTS[type0.type]?.test(baseUrl) === true;
  const route = parseRoute(model, { customBase: baseUrl !== undefined && !vendorBase, ...(custom ? { customProvider: custom } : {}) });
  if (!route) {
    const prefix = custom ?? model.split('/')[0];
    r.report('invalid-value', at('litellm_params', custom ? 'custom_llm_provider' : 'model'), `not imported: LiteLLM provider '${prefix}' has no modelctl provider type`, {
      severity: 'warning',
      hint: 'modelctl provider types: anthropic/, openai/ (with api_base for an OpenAI-compatible server), gemini/, azure/, bedrock/, openrouter/, vercel_ai_gateway/, hosted_vllm/',
    });
    return undefined;
  }
  if (route.guessed) guesses.push({ field: 'provider', text: route.guessed });
  if (vendorBase) baseUrl = undefined; // the vendor's own endpoint: modelctl's default
  if (route.type === 'openai-compatible' && baseUrl === undefined) return void r.report('missing-field', at('litellm_params'), `${model} is an OpenAI-compatible server and needs api_base`);
  if (route.type === 'azure-openai') {
    if (baseUrl === undefined) return void r.report('missing-field', at('litellm_params'), 'an azure/ deployment needs api_base (the resource endpoint)');
    const version = params.api_version;
    const root = baseUrl.replace(/\/openai(\/v1)?$/, '');
    if (version === 'v1' || version === 'latest' || version === 'preview' || /\/openai\/v1$/.test(baseUrl)) baseUrl = `${root}/openai/v1`;
    else {
      baseUrl = root;
      guesses.push({ field: 'baseUrl', text: `api_version ${typeof version === 'string' ? version : '(none)'} is not kept: modelctl calls classic Azure deployments with its own GA api-version` });
    }
  }
  let region: string | undefined;
  if (route.type === 'bedrock') {
    const rn = params.aws_region_name;
    if (typeof rn === 'string' && REGION.test(rn)) region = rn;
    else {
      region = 'us-east-1';
      if (rn !== undefined && !(typeof rn === 'string' && ENV_REF.test(rn))) r.report('invalid-value', at('litellm_params', 'aws_region_name'), 'aws_region_name is not an AWS region such as us-east-1', { severity: 'warning' });
      guesses.push({ field: 'region', text: `aws_region_name ${rn === undefined ? 'not set' : 'not a literal region'} in LiteLLM: us-east-1 assumed` });
    }
  }
  if (env === undefined && !keyBroken) {
    env = DEFAULT_KEY_ENV[route.type];
    guesses.push({ field: 'credential', text: `no api_key in LiteLLM: ${env} is the variable LiteLLM reads for ${route.type} by default` });
  }
  let order: number | undefined;
  if (params.order !== undefined) {
    const o = positiveInt(r, params.order, at('litellm_params', 'order'), 'order', 0);
    if (o !== undefined) order = o - orderBase;
  }
  let weight: number | undefined;
  if (params.weight !== undefined) {
    const w = params.weight;
    if (typeof w === 'number' && w >= 0 && Number.isFinite(w)) {
      weight = Math.round(w);
      if (weight !== w) guesses.push({ field: 'weight', text: `LiteLLM weight ${w} rounded to a whole share` });
    } else r.report(typeof w === 'number' ? 'invalid-value' : 'wrong-type', at('litellm_params', 'weight'), 'weight must be a number of at least 0');
  }
  const costs: Record<string, number> = {};
  for (const field of COST_FIELDS) {
    for (const [where, holder] of [['model_info', infoObj], ['litellm_params', params]] as const) {
      const v = holder[field];
      if (v === undefined) continue;
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) costs[field] = v;
      else r.report(typeof v === 'number' ? 'invalid-value' : 'wrong-type', at(where, field), `${field} must be a number of at least 0 (USD)`);
    }
  }
  if (keyBroken || env === undefined) return undefined;
  return {
    index: i,
    modelName: name,
    type: route.type,
    protocol: route.protocol,
    upstream: route.upstream,
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(region ? { region } : {}),
    env,
    ...(order !== undefined ? { order } : {}),
    ...(weight !== undefined ? { weight } : {}),
    costs,
    info: infoObj,
    guesses,
  };
}

/** LiteLLM numbers `order` from 1; a config that uses 0 is read as written. */
function orderBase(list: readonly unknown[]): number {
  let min = Infinity;
  for (const e of list) {
    const o = isObject(e) && isObject(e.litellm_params) ? e.litellm_params.order : undefined;
    if (typeof o === 'number' && Number.isInteger(o)) min = Math.min(min, o);
  }
  return min === 0 ? 0 : 1;
}

export function readLitellmConfig(doc: LoadedDocument): ReadConfig {
  const r = new Reader(doc);
  const root = doc.value;
  const out: ReadConfig = { deployments: [], router: {}, diagnostics: r.diagnostics, secretPointers: r.secretPointers };
  if (!isObject(root)) {
    r.report('document-not-object', [], 'a LiteLLM config is a mapping with model_list (and optionally router_settings)');
    return out;
  }
  const list = root.model_list;
  if (!Array.isArray(list)) {
    r.report(list === undefined ? 'missing-field' : 'wrong-type', list === undefined ? [] : ['model_list'], 'model_list must be a list of deployments (model_name, litellm_params)');
    return out;
  }
  const base = orderBase(list);
  list.forEach((entry, i) => {
    const d = readDeployment(r, entry, i, base);
    if (d) out.deployments.push(d);
  });
  if (root.router_settings !== undefined) {
    if (isObject(root.router_settings)) out.router = root.router_settings;
    else r.report('wrong-type', ['router_settings'], 'router_settings must be a mapping');
  }
  const ls = root.litellm_settings;
  if (isObject(ls)) for (const key of ['fallbacks', 'context_window_fallbacks', 'num_retries', 'default_fallbacks']) if (key in ls) r.report('unknown-field', ['litellm_settings', key], `not imported: litellm_settings.${key} (modelctl walks a model's own sources, by priority)`, { severity: 'warning', target: 'key' });
  if (list.length === 0) r.report('invalid-value', ['model_list'], 'model_list is empty: nothing to import');
  return out;
}
