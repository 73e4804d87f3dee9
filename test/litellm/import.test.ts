// modelctl import litellm: a realistic LiteLLM config becomes a catalog that
// validates cleanly; providers deduplicated; extends where the registry knows
// the model; comments where a value was guessed.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/pipeline.js';
import { run } from '../cli/capture.js';
import { FIXTURES, readAsLitellm, ROOT, schemaErrors } from './support.js';

const REALISTIC = join(FIXTURES, 'import/realistic.yaml');

async function importTo(config: string, extra: string[] = []) {
  const out = join(mkdtempSync(join(tmpdir(), 'litellm-import-')), 'catalog');
  const r = await run(['import', 'litellm', config, '--out', out, ...extra], ROOT);
  return { ...r, out };
}

describe('import litellm (realistic config)', () => {
  it('the fixture is itself a valid LiteLLM config', () => {
    expect(schemaErrors(readAsLitellm(readFileSync(REALISTIC, 'utf8')))).toEqual([]);
  });

  it('writes a catalog that modelctl validates with no error and no warning', async () => {
    const r = await importTo(REALISTIC);
    expect(r.code).toBe(0);
    const built = await buildSnapshot([r.out], ROOT);
    expect(built.diagnostics).toEqual([]);
    const s = built.snapshot!;
    expect(Object.keys(s.models).sort()).toEqual(['claude-sonnet', 'deepseek-chat', 'gemini-2.5-flash', 'gpt-4.1', 'gpt-5', 'qwen3-coder']);
    // Fallbacks by order: order 1 → priority 0, order 2 → priority 1; weights kept.
    expect(s.models['claude-sonnet']!.sources.map((x) => [x.providerType, x.model, x.priority, x.weight])).toEqual([
      ['anthropic', 'claude-sonnet-4-5', 0, 3],
      ['bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 0, 1],
      ['bedrock', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 1, 100],
    ]);
    // Azure: classic endpoint at its resource root; the v1 API keeps /openai/v1; Responses via azure/responses/.
    expect(s.models['gpt-4.1']!.sources[1]).toMatchObject({ providerType: 'azure-openai', model: 'gpt-41-prod', baseUrl: 'https://contoso-eastus2.openai.azure.com', priority: 1, credential: { env: 'AZURE_OPENAI_API_KEY' } });
    expect(s.models['gpt-5']!.sources[1]).toMatchObject({ baseUrl: 'https://contoso-swedencentral.openai.azure.com/openai/v1', protocol: 'openai-responses' });
    expect(s.models['gpt-5']!.sources[0]).toMatchObject({ providerType: 'openai', protocol: 'openai-responses' });
    // Bedrock region from aws_region_name; the self-hosted server is openai-compatible.
    expect(s.providers['bedrock-eu-central-1']).toMatchObject({ type: 'bedrock', region: 'eu-central-1' });
    expect(s.models['qwen3-coder']!.sources[0]).toMatchObject({ providerType: 'openai-compatible', baseUrl: 'https://vllm.ml.example.internal/v1', model: 'Qwen/Qwen3-Coder-30B-A3B-Instruct' });
    // Cost overrides, per 1M tokens, exact; the rest of the price from the registry.
    expect(s.models['gpt-4.1']!.pricing).toMatchObject({ input: 1.8, output: 7.2 });
    expect(s.models['qwen3-coder']!.pricing).toEqual({ input: 0.2, output: 0.8 });
    expect(s.models['qwen3-coder']!.capabilities).toEqual(['streaming', 'text', 'tools']);
    // extends where the registry knows the upstream model.
    expect(s.models['claude-sonnet']!.extends).toBe('anthropic/claude-sonnet-4-5');
    expect(s.models['gpt-4.1']!.extends).toBe('openai/gpt-4.1');
    expect(s.models['qwen3-coder']!.extends).toBeUndefined();
    // access_groups → availability on declared groups.
    expect(s.models['claude-sonnet']!.availability).toEqual({ groups: ['engineering'] });
    expect(Object.keys(s.groups)).toEqual(['engineering']);
    // router_settings → circuit breaker.
    expect(s.settings.circuitBreaker).toEqual({ failureThreshold: 3, cooldownSeconds: 30, maxCooldownSeconds: 30 });
  });

  it('deduplicates providers by type + base URL + key reference, one file per model', async () => {
    const r = await importTo(REALISTIC);
    expect(readdirSync(join(r.out, 'providers')).sort()).toEqual([
      'anthropic.yaml', 'azure-contoso-eastus2.yaml', 'azure-contoso-swedencentral.yaml', 'bedrock-eu-central-1.yaml', 'bedrock-us-east-1.yaml', 'google.yaml', 'openai.yaml', 'openrouter.yaml', 'vllm.yaml',
    ]);
    expect(readdirSync(join(r.out, 'models')).length).toBe(6);
    // openai/gpt-4.1 and openai/responses/gpt-5 share one provider (same type, endpoint and key).
    const gpt41 = readFileSync(join(r.out, 'models/gpt-4.1.yaml'), 'utf8');
    const gpt5 = readFileSync(join(r.out, 'models/gpt-5.yaml'), 'utf8');
    expect(gpt41).toMatch(/- provider: openai {2}# model_list\[3\]/);
    expect(gpt5).toMatch(/- provider: openai {2}# model_list\[5\]/);
  });

  it('comments what it guessed, renamed or could not keep, and warns on what it did not import', async () => {
    const r = await importTo(REALISTIC);
    expect(readFileSync(join(r.out, 'models/qwen3-coder.yaml'), 'utf8')).toMatch(/# renamed from the LiteLLM model_name "Qwen3-Coder"/);
    expect(readFileSync(join(r.out, 'models/deepseek-chat.yaml'), 'utf8')).toMatch(/# guessed from the supports_\* flags/);
    expect(readFileSync(join(r.out, 'providers/azure-contoso-eastus2.yaml'), 'utf8')).toMatch(/# api_version 2024-10-21 is not kept/);
    expect(r.stderr).toMatch(/realistic\.yaml:12:7 +warning +unknown-field +not imported: litellm_params\.rpm/);
    expect(r.stderr).toMatch(/not imported: router_settings\.fallbacks/);
  });

  it('guesses the key variable LiteLLM would read when api_key is absent, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-guess-'));
    const cfg = join(dir, 'config.yaml');
    writeFileSync(cfg, 'model_list:\n  - model_name: sonnet\n    litellm_params:\n      model: anthropic/claude-sonnet-4-5\n  - model_name: sonnet\n    litellm_params:\n      model: claude-sonnet-4-5\n      order: 2\n');
    const r = await importTo(cfg);
    expect(r.code).toBe(0);
    expect(readFileSync(join(r.out, 'providers/anthropic.yaml'), 'utf8')).toMatch(/# no api_key in LiteLLM: ANTHROPIC_API_KEY is the variable LiteLLM reads for anthropic by default\n[^\n]*credentials:/);
    const model = readFileSync(join(r.out, 'models/sonnet.yaml'), 'utf8');
    // The same route twice (LiteLLM allows it): imported once, with a warning at the repeat.
    expect(model.match(/- provider: anthropic/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/config\.yaml:5:5 +warning +invalid-value +model_list\[1\] is the same route as model_list\[0\]/);
    expect((await buildSnapshot([r.out], ROOT)).diagnostics).toEqual([]);
    // The guessed-order comment: a second model whose deployments only partly give an order.
    writeFileSync(cfg, 'model_list:\n  - model_name: m\n    litellm_params: { model: anthropic/claude-sonnet-4-5, order: 2 }\n  - model_name: m\n    litellm_params: { model: gemini/gemini-2.5-pro }\n');
    const g = await importTo(cfg);
    expect(g.code).toBe(0);
    expect(readFileSync(join(g.out, 'models/m.yaml'), 'utf8')).toMatch(/# guessed: no order in LiteLLM while the other deployments of this model have one: priority 0 assumed\n {2}- provider: google/);
  });

  it('refuses to write into a directory that is not empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-full-'));
    writeFileSync(join(dir, 'keep.yaml'), 'x: 1\n');
    const r = await run(['import', 'litellm', REALISTIC, '--out', dir], ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/exists and is not empty/);
    expect(readdirSync(dir)).toEqual(['keep.yaml']);
  });

  it.each([
    [['import'], /name what to import: litellm/],
    [['import', 'kong', 'x.yaml'], /cannot import 'kong'/],
    [['import', 'litellm'], /give the LiteLLM config file/],
    [['import', 'litellm', 'a.yaml', 'b.yaml'], /one config file/],
  ])('%j is a usage error', async (args, message) => {
    const r = await run(args, ROOT);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(message);
  });
});
