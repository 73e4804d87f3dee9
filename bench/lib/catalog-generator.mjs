// Writes a realistic, valid catalog of N platform models as YAML files, for the
// validate and compile benchmarks (and anyone who needs a big catalog).
//
//   writeCatalog(dir, nModels, { modelsPerFile = 1, seed = 1 })
//
// Layout, like a real catalog repository:
//   settings.yaml, providers.yaml, groups.yaml, entry-point-groups.yaml,
//   native-tools.yaml, tiers/<entry point group>.yaml, collections.yaml,
//   models/<vendor>/<name>.yaml  (one model per file by default; with
//   modelsPerFile > 1, several models per file joined with `---`)
// Every model has 2–3 sources on different providers; most extend a registry
// model, some are self-hosted and spell everything out. Deterministic for a seed.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REGISTRY_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/** Chat models of the built-in registry that can use tools: what platform models extend. */
function registryChatModels() {
  const out = [];
  for (const vendor of readdirSync(REGISTRY_DIR).sort()) {
    for (const file of readdirSync(join(REGISTRY_DIR, vendor)).sort()) {
      if (!/\.ya?ml$/.test(file)) continue;
      const m = parse(readFileSync(join(REGISTRY_DIR, vendor, file), 'utf8'));
      if (m.purpose === 'chat' && m.capabilities.includes('text') && m.capabilities.includes('tools')) out.push(m);
    }
  }
  return out;
}

/** Provider accounts: name, type, and the upstream id a registry model has there. */
const PROVIDERS = [
  { name: 'anthropic', type: 'anthropic', vendors: ['anthropic'], doc: 'credentials:\n  default: { env: ANTHROPIC_API_KEY }\n  batch: { file: /run/secrets/anthropic-batch }' },
  { name: 'bedrock-us', type: 'bedrock', vendors: ['anthropic', 'meta', 'mistral'], doc: 'region: us-east-1\ncredentials:\n  default: { env: AWS_BEARER_TOKEN_BEDROCK }' },
  { name: 'openai', type: 'openai', vendors: ['openai'], doc: 'credentials:\n  default: { env: OPENAI_API_KEY }' },
  { name: 'azure-eu', type: 'azure-openai', vendors: ['openai'], doc: 'baseUrl: https://example-eu.openai.azure.com/openai/v1\ncredentials:\n  default: { file: /run/secrets/azure-eu }' },
  { name: 'google', type: 'google', vendors: ['google'], doc: 'credentials:\n  default: { env: GEMINI_API_KEY }' },
  { name: 'openrouter', type: 'openrouter', vendors: ['*'], doc: 'credentials:\n  default: { env: OPENROUTER_API_KEY }' },
  { name: 'vercel', type: 'vercel-ai-gateway', vendors: ['*'], doc: 'credentials:\n  default: { env: AI_GATEWAY_API_KEY }' },
  { name: 'vllm', type: 'openai-compatible', vendors: ['self'], doc: 'baseUrl: https://vllm.ml.internal.example.com/v1\ncredentials:\n  default: { file: /run/secrets/vllm }' },
];

/** A value for every credential variable the providers name, so a process given it routes as production would (the `file:` credentials stay absent). */
export const CATALOG_ENV = Object.fromEntries(PROVIDERS.flatMap((p) => [...p.doc.matchAll(/\{ env: (\w+) \}/g)].map((m) => [m[1], `bench-${p.name}`])));

const GROUPS = ['eng', 'data', 'sales', 'support', 'legal', 'finance', 'design', 'research', 'contractors', 'interns', 'execs', 'ops'];
const ENTRY_POINT_GROUPS = {
  general: ['desktop', 'cli', 'jetbrains', 'web', 'cloud-agents'],
  experts: ['desktop-experts'],
  work: ['work-client'],
};
const TIERS = [
  ['auto', 'Auto', '自动'],
  ['ultimate', 'Ultimate', '旗舰'],
  ['performance', 'Performance', '性能'],
  ['efficient', 'Efficient', '高效'],
  ['lite', 'Lite', '轻量'],
];
const WORDS = ['fast', 'careful', 'coding', 'writing', 'analysis', 'agents', 'review', 'search', 'support', 'research', 'long-context', 'multilingual'];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const modelName = (i) => `m${String(i).padStart(5, '0')}`;

/** The model at index i: public, active and available to all for i = 0 (the default model). */
function modelDoc(i, rng, chat) {
  const pick = (xs) => xs[Math.floor(rng() * xs.length)];
  const name = modelName(i);
  const selfHosted = i !== 0 && rng() < 0.15;
  const base = selfHosted ? undefined : chat[i % chat.length];
  const vendor = base ? base.vendor : 'self';
  const internal = i !== 0 && !selfHosted && rng() < 0.03;
  const inactive = i !== 0 && rng() < 0.05;

  // 2–3 sources on distinct providers that carry this vendor.
  const candidates = PROVIDERS.filter((p) => p.vendors.includes(vendor) || (p.vendors.includes('*') && vendor !== 'self'));
  if (selfHosted) candidates.push(PROVIDERS.find((p) => p.name === 'openrouter'));
  const wanted = 2 + (rng() < 0.5 ? 1 : 0);
  const chosen = [];
  const shuffled = [...candidates];
  for (let k = shuffled.length - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    [shuffled[k], shuffled[j]] = [shuffled[j], shuffled[k]];
  }
  for (const p of shuffled) if (chosen.length < wanted && !chosen.includes(p)) chosen.push(p);
  const upstream = (p) => base?.upstreamIds?.[p.type] ?? (base ? base.id : `org/${name}-weights`);
  const sources = chosen.map((p, k) => {
    const lines = [`  - provider: ${p.name}`, `    model: ${upstream(p)}`];
    if (k > 0) lines.push(`    priority: ${k === 1 && rng() < 0.5 ? 0 : k}`);
    if (k === 1) lines.push(`    weight: ${pick([10, 20, 30, 50])}`);
    if (p.name === 'anthropic' && rng() < 0.2) lines.push('    binding: batch');
    return lines.join('\n');
  });

  const types = new Set(chosen.map((p) => p.type));
  const options = [];
  if (types.has('anthropic')) options.push(`  anthropic: { thinkingBudgetTokens: ${pick([2048, 4096, 8000])} }`);
  if (types.has('openai')) options.push(`  openai: { reasoningEffort: ${pick(['low', 'medium', 'high'])}, parallelToolCalls: true }`);
  if (types.has('google')) options.push(`  google: { thinkingBudget: ${pick([-1, 1024, 8192])}, includeThoughts: true }`);
  if (types.has('openrouter') && rng() < 0.5) options.push('  openrouter: { allowFallbacks: false, providerOrder: [anthropic, openai] }');

  const availability = i === 0 ? 'all' : rng() < 0.6 ? 'all' : `{ groups: [${[pick(GROUPS), pick(GROUPS)].filter((g, k, a) => a.indexOf(g) === k).join(', ')}] }`;
  const words = `${pick(WORDS)} ${pick(WORDS)}`;
  const lines = [
    'apiVersion: modelctl/v1',
    'kind: Model',
    `name: ${name}`,
    ...(base ? [`extends: ${base.id}`] : []),
    `displayName: { en: "${base ? base.displayName : 'Self-hosted'} (${name})", zh: "${base ? base.displayName : '自托管'}（${name}）" }`,
    `vendor: ${vendor}`,
    `description: ${base ? base.displayName : 'Open-weight model'} tuned for ${words}; model ${i} of the benchmark catalog.`,
    ...(internal ? ['access: internal', `tasks: [${pick(['title-generation', 'label-generation', 'summary-compaction'])}]`] : []),
    ...(inactive ? ['status: inactive'] : []),
    `order: ${i}`,
    `availability: ${availability}`,
    ...(rng() < 0.2 ? ['entryPoints: [desktop, cli, web]'] : []),
    ...(selfHosted ? ['capabilities: [text, tools, streaming]', 'contextLimit: 131072', 'maxOutputTokens: 16384'] : []),
    ...(rng() < 0.3 ? [`nativeTools: [${rng() < 0.5 ? 'web-search' : 'web-search, code-interpreter'}]`] : []),
    ...(rng() < 0.4 ? ['systemPrompt: |', `  You are tuned for ${words}.`, '  Prefer small, reviewable changes and cite your sources.'] : []),
    ...(rng() < 0.3 ? ['compressionThreshold: 80'] : []),
    `parameters: { temperature: ${pick([0.2, 0.3, 0.7, 1])}, topP: 0.95 }`,
    ...(options.length ? ['providerOptions:', ...options] : []),
    ...(selfHosted || rng() < 0.2 ? [`pricing: { input: ${(1 + (i % 7)) / 4}, output: ${(1 + (i % 7)) * 2} }`] : []),
    'sources:',
    ...sources,
  ];
  return { name, vendor, internal, inactive, text: lines.join('\n') + '\n' };
}

function write(path, text) {
  writeFileSync(path, text);
}

/**
 * Writes the catalog under `dir` (created if needed). Returns what was written:
 * { files, documents, models } counts and the list of public active model names.
 */
export function writeCatalog(dir, nModels, { modelsPerFile = 1, seed = 1 } = {}) {
  if (!Number.isInteger(nModels) || nModels < 1) throw new Error('nModels must be a positive integer');
  if (!Number.isInteger(modelsPerFile) || modelsPerFile < 1) throw new Error('modelsPerFile must be a positive integer');
  const rng = mulberry32(seed);
  const chat = registryChatModels();
  let files = 0;
  let documents = 0;
  const put = (rel, docs) => {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    write(path, '# yaml-language-server: $schema=https://modelctl.dev/schema/catalog.schema.json\n' + docs.join('---\n'));
    files++;
    documents += docs.length;
  };
  const header = (kind, name) => `apiVersion: modelctl/v1\nkind: ${kind}\n${name ? `name: ${name}\n` : ''}`;

  // Models first: tiers and collections need to know which are public and active.
  const models = [];
  for (let i = 0; i < nModels; i++) models.push(modelDoc(i, rng, chat));
  const byFile = new Map();
  for (let i = 0; i < models.length; i += modelsPerFile) {
    const chunk = models.slice(i, i + modelsPerFile);
    const rel = modelsPerFile === 1 ? `models/${chunk[0].vendor}/${chunk[0].name}.yaml` : `models/batch-${String(i / modelsPerFile).padStart(5, '0')}.yaml`;
    byFile.set(rel, chunk.map((m) => m.text));
  }
  for (const [rel, docs] of byFile) put(rel, docs);

  const visible = models.filter((m) => !m.internal && !m.inactive).map((m) => m.name);
  put('settings.yaml', [
    header('Settings') +
      'locales: [en, zh]\n' +
      `defaultModel: ${modelName(0)}\n` +
      'globalSystemPrompt: |\n  You are the Example Corp assistant. Be accurate and concise.\n' +
      'defaults:\n  availability: { groups: [eng, data] }\n  pricing: { input: 0.2, output: 0.8 }\n' +
      'circuitBreaker: { failureThreshold: 5, cooldownSeconds: 20, maxCooldownSeconds: 300 }\n',
  ]);
  put('providers.yaml', PROVIDERS.map((p) => header('Provider', p.name) + `type: ${p.type}\ndescription: ${p.type} account ${p.name}.\n${p.doc}\n`));
  put('groups.yaml', GROUPS.map((g) => header('Group', g) + `description: The ${g} team.\naliases: [okta-${g}, azuread-grp-${g}]\n`));
  put('entry-point-groups.yaml', Object.entries(ENTRY_POINT_GROUPS).map(([g, eps]) => header('EntryPointGroup', g) + `description: The ${g} clients.\nentryPoints: [${eps.join(', ')}]\n`));
  put('native-tools.yaml', [
    header('NativeTool', 'web-search') + 'displayName: Web search\ndescription: Searches the public web.\nrequires: [tools]\npricing: { perCall: 0.01 }\n',
    header('NativeTool', 'code-interpreter') + 'displayName: Code interpreter\ndescription: Runs Python in a sandbox.\nrequires: [tools]\npricing: { perCall: 0.03 }\n',
  ]);
  for (const [epg] of Object.entries(ENTRY_POINT_GROUPS)) {
    put(
      `tiers/${epg}.yaml`,
      TIERS.map(([tier, en, zh], k) => {
        const list = Array.from({ length: Math.min(4, visible.length) }, (_, j) => visible[(k * 7 + j * 13) % visible.length]).filter((m, j, a) => a.indexOf(m) === j);
        const availability = k === 1 ? '{ groups: [eng, data] }' : 'all';
        return header('Tier', `${epg}-${tier}`) + `displayName: { en: ${en}, zh: ${zh} }\nentryPointGroup: ${epg}\norder: ${k * 10}\navailability: ${availability}\nmodels: [${list.join(', ')}]\n`;
      }),
    );
  }
  const newest = visible.slice(-Math.min(10, visible.length));
  put('collections.yaml', [header('Collection', 'new-models') + `displayName: { en: New Models, zh: 新模型 }\norder: 10\nmodels: [${newest.join(', ')}]\n`]);

  return { dir, files, documents, models: nModels, visible: visible.length };
}
