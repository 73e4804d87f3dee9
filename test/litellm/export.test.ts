// modelctl export litellm, end to end in-process: golden configs of the four
// examples, each valid against LiteLLM's schema with known provider prefixes,
// byte-identical on every run and from a snapshot file; the not-exported list;
// --strict; { file } credentials as located errors.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/capture.js';
import { credentialArgs, EXAMPLES, PYYAML_FLOAT, readAsLitellm, ROOT, schemaErrors, unknownPrefixes } from './support.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = join(ROOT, 'test/litellm/golden');

describe.each(Object.keys(EXAMPLES))('export litellm examples/%s', (example) => {
  it('matches the golden config, is valid against LiteLLM\'s schema and uses LiteLLM provider prefixes', async () => {
    const r = await run(['export', 'litellm', `examples/${example}`, ...credentialArgs(example)], ROOT);
    expect(r.stderr).toMatch(/wrote stdout: \d+ deployments/);
    expect(r.code).toBe(0);
    const golden = join(GOLDEN, `${example}.yaml`);
    if (UPDATE) writeFileSync(golden, r.stdout);
    expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
    const config = readAsLitellm(r.stdout) as { model_list: { litellm_params: { model: string } }[] };
    expect(schemaErrors(config)).toEqual([]);
    expect(unknownPrefixes(config)).toEqual([]);
    expect(config.model_list.length).toBeGreaterThan(0);
    // Every cost is written as PyYAML reads a float: plain digits with a point, never 3e-7.
    const costs = [...r.stdout.matchAll(/_cost(?:_per_token|_per_image|_per_second)?: (\S+)/g)].map((m) => m[1]!);
    expect(costs.length).toBeGreaterThan(0);
    for (const c of costs) expect(PYYAML_FLOAT.test(c) || /^[0-9]+$/.test(c), c).toBe(true);
  });

  it('is deterministic: the same bytes twice, and from the compiled snapshot file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-export-'));
    const a = await run(['export', 'litellm', `examples/${example}`, ...credentialArgs(example)], ROOT);
    const b = await run(['export', 'litellm', `examples/${example}`, ...credentialArgs(example), '-o', join(dir, 'config.yaml')], ROOT);
    expect(b.code).toBe(0);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe(a.stdout);
    const compiled = await run(['compile', `examples/${example}`, '-o', join(dir, 'snapshot.json')], ROOT);
    expect(compiled.code).toBe(0);
    const c = await run(['export', 'litellm', '--snapshot', join(dir, 'snapshot.json'), ...credentialArgs(example)], ROOT);
    expect(c.code).toBe(0);
    expect(c.stdout).toBe(a.stdout);
    expect(a.stdout).not.toMatch(/\d{4}-\d\d-\d\dT/); // no timestamps
  });
});

describe('what LiteLLM cannot express', () => {
  it('lists tiers, collections, entry points, system prompts and the rest on stderr, never silently', async () => {
    const r = await run(['export', 'litellm', 'examples/tiers-and-groups', ...credentialArgs('tiers-and-groups')], ROOT);
    expect(r.code).toBe(0);
    for (const subject of [/not exported: tier\/\S+ tier: LiteLLM has no tiers/, /not exported: collection\/\S+ collection/, /not exported: entry-point-group\/\S+/, /not exported: model\/o3 entryPoints/, /not exported: group\/eng aliases/])
      expect(r.stderr).toMatch(subject);
    const p = await run(['export', 'litellm', 'examples/platform-console', ...credentialArgs('platform-console')], ROOT);
    expect(p.stderr).toMatch(/not exported: model\/claude-sonnet systemPrompt/);
    expect(p.stderr).toMatch(/not exported: model\/claude-opus nativeTools/);
    expect(p.stderr).toMatch(/not exported: model\/task-titles access: internal/);
    expect(p.stdout).not.toContain('systemPrompt');
  });

  it('--strict makes any of it an error: exit 1 and nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-strict-'));
    const out = join(dir, 'config.yaml');
    const r = await run(['export', 'litellm', 'examples/quickstart', ...credentialArgs('quickstart'), '--strict', '-o', out], ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: not exported: settings globalSystemPrompt/m);
    expect(r.stderr).toMatch(/nothing written/);
    expect(existsSync(out)).toBe(false);
  });

  it('--strict passes a catalog LiteLLM can express completely', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-plain-'));
    writeFileSync(join(dir, 'catalog.yaml'), ['apiVersion: modelctl/v1', 'kind: Provider', 'name: anthropic', 'type: anthropic', 'credentials: { default: { env: ANTHROPIC_API_KEY } }', '---', 'apiVersion: modelctl/v1', 'kind: Model', 'name: haiku', 'extends: anthropic/claude-haiku-4-5', 'sources: [{ provider: anthropic, model: claude-haiku-4-5 }]', '---', 'apiVersion: modelctl/v1', 'kind: Settings', 'circuitBreaker: { failureThreshold: 2, cooldownSeconds: 60, maxCooldownSeconds: 60 }', ''].join('\n'));
    const r = await run(['export', 'litellm', dir, '--strict'], ROOT);
    expect(r.stderr).not.toMatch(/not exported/);
    expect(r.code).toBe(0);
    const config = readAsLitellm(r.stdout) as { router_settings: Record<string, unknown>; model_list: { litellm_params: Record<string, unknown> }[] };
    expect(config.router_settings).toEqual({ routing_strategy: 'simple-shuffle', num_retries: 0, allowed_fails: 2, cooldown_time: 60 });
    expect(config.model_list[0]!.litellm_params).toEqual({ model: 'anthropic/claude-haiku-4-5', api_key: 'os.environ/ANTHROPIC_API_KEY', order: 1, weight: 100 });
  });
});

describe('{ file } credentials', () => {
  it('are a located error with a hint, and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-file-'));
    const out = join(dir, 'config.yaml');
    const r = await run(['export', 'litellm', 'examples/quickstart', '-o', out], ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^examples\/quickstart\/providers\.yaml:20:\d+: error: provider 'openai' credential 'default' is a \{ file \} reference/m);
    expect(r.stderr).toMatch(/hint: use \{ env: NAME \} for this provider, or map it: --credential-env openai=NAME/);
    expect(existsSync(out)).toBe(false);
  });

  it('are located in a snapshot file too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-file-snap-'));
    await run(['compile', 'examples/quickstart', '-o', join(dir, 's.json')], ROOT);
    const r = await run(['export', 'litellm', '--snapshot', join(dir, 's.json')], ROOT);
    expect(r.code).toBe(1);
    const line = readFileSync(join(dir, 's.json'), 'utf8').split('\n').findIndex((l) => l.includes('/run/secrets/openai-api-key')) + 1;
    expect(line).toBeGreaterThan(0);
    expect(r.stderr).toContain(`${join(dir, 's.json')}:${line}:`);
  });

  it('a binding-specific mapping covers only that binding', async () => {
    const r = await run(['export', 'litellm', 'examples/agents-admin', '--credential-env', 'bedrock:sandbox=X', '--credential-env', 'vllm=V', '--credential-env', 'azure-openai-sweden=A'], ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/provider 'bedrock' credential 'prod'/);
    expect(r.stderr).toMatch(/--credential-env bedrock:prod=NAME/);
  });
});

describe('usage', () => {
  it.each([
    [['export'], /name what to export: litellm/],
    [['export', 'kong'], /cannot export 'kong'/],
    [['export', 'litellm', 'examples/quickstart', '--snapshot', 'x.json'], /not both/],
    [['export', 'litellm', 'examples/quickstart', '--credential-env', 'openai'], /PROVIDER\[:BINDING\]=ENV_VAR/],
  ])('%j is a usage error', async (args, message) => {
    const r = await run(args, ROOT);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(message);
  });

  it('an invalid catalog prints its diagnostics and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-bad-'));
    writeFileSync(join(dir, 'm.yaml'), 'apiVersion: modelctl/v1\nkind: Model\nname: x\nsources: [{ provider: nope, model: y }]\n');
    const r = await run(['export', 'litellm', dir], ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown-provider/);
    expect(r.stdout).toBe('');
  });
});
