// Inheritance (design §1, §4): a Model that `extends` a registry model gets every
// field it leaves blank from models/<vendor>/<model>.yaml; pricing falls back
// field by field to the registry, then to Settings.defaults.pricing.
// Expected figures are read from the registry itself, so a price update in
// models/ does not break these tests.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../src/compile/index.js';
import type { RegistryModel, SnapshotModel } from '../../src/generated/types.js';
import { loadRegistry } from '../../src/pipeline.js';
import { runPure, type PureResult } from './helpers.js';

let registry: Registry;
let sonnet: RegistryModel;
beforeAll(async () => {
  const loaded = await loadRegistry();
  expect(loaded.diagnostics).toEqual([]);
  registry = loaded.registry;
  sonnet = registry.get('anthropic/claude-sonnet-4-5')!;
  expect(sonnet).toBeDefined();
});

const PROVIDERS = `apiVersion: modelctl/v1
kind: Provider
name: anthropic
type: anthropic
credentials:
  default: { env: ANTHROPIC_API_KEY }
---
apiVersion: modelctl/v1
kind: Provider
name: openai
type: openai
credentials:
  default: { env: OPENAI_API_KEY }
---
apiVersion: modelctl/v1
kind: Provider
name: vllm
type: openai-compatible
baseUrl: https://vllm.internal.example/v1
credentials:
  default: { env: VLLM_KEY }
`;

function model(name: string, body: string, source = 'anthropic', upstream = 'claude-sonnet-4-5'): string {
  return `apiVersion: modelctl/v1\nkind: Model\nname: ${name}\n${body.trim() ? body.trim() + '\n' : ''}sources:\n  - provider: ${source}\n    model: ${upstream}\n`;
}

function compileCatalog(models: string[], settings = ''): PureResult {
  const files = [
    { file: 'providers.yaml', text: PROVIDERS },
    { file: 'models.yaml', text: models.join('---\n') },
    ...(settings ? [{ file: 'settings.yaml', text: `apiVersion: modelctl/v1\nkind: Settings\n${settings}` }] : []),
  ];
  return runPure(files, registry);
}

function compiledModel(r: PureResult, name: string): SnapshotModel {
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(r.snapshot).toBeDefined();
  const m = r.snapshot!.models[name];
  expect(m, `model ${name} in the snapshot`).toBeDefined();
  return m!;
}

const DEFAULT_PRICING = 'defaults:\n  pricing: { input: 0.2, output: 0.8 }\n';

describe('pricing', () => {
  it('extends and no pricing: the registry list prices, every field', () => {
    const m = compiledModel(compileCatalog([model('sonnet', 'extends: anthropic/claude-sonnet-4-5')], DEFAULT_PRICING), 'sonnet');
    expect(m.pricing).toEqual(sonnet.pricing);
  });

  it('extends with partial pricing: the given fields win, the rest come from the registry', () => {
    const m = compiledModel(compileCatalog([model('sonnet', 'extends: anthropic/claude-sonnet-4-5\npricing: { input: 2.5, cacheWrite: 0 }')], DEFAULT_PRICING), 'sonnet');
    expect(m.pricing).toEqual({ ...sonnet.pricing, input: 2.5, cacheWrite: 0 });
    // 0 is a price, not a blank.
    expect(m.pricing.cacheWrite).toBe(0);
  });

  it('extends with full pricing: the registry is not consulted', () => {
    const own = { input: 1, output: 2, cacheRead: 0.5, cacheWrite: 0.75 };
    const m = compiledModel(compileCatalog([model('sonnet', `extends: anthropic/claude-sonnet-4-5\npricing: ${JSON.stringify(own)}`)]), 'sonnet');
    expect(m.pricing).toEqual(own);
  });

  it('no extends and no pricing: Settings.defaults.pricing', () => {
    const m = compiledModel(compileCatalog([model('qwen', 'capabilities: [text, tools]', 'vllm', 'Qwen/Qwen3-Coder')], DEFAULT_PRICING), 'qwen');
    expect(m.pricing).toEqual({ input: 0.2, output: 0.8 });
  });

  it('no extends, no pricing, no Settings defaults: no prices at all', () => {
    const m = compiledModel(compileCatalog([model('qwen', 'capabilities: [text, tools]', 'vllm', 'Qwen/Qwen3-Coder')]), 'qwen');
    expect(m.pricing).toEqual({});
  });

  it('two models in one catalog resolve independently', () => {
    const r = compileCatalog([model('sonnet', 'extends: anthropic/claude-sonnet-4-5'), model('qwen', 'capabilities: [text]', 'vllm', 'Qwen/Qwen3-Coder'), model('cheap', 'extends: anthropic/claude-sonnet-4-5\npricing: { output: 1 }')], DEFAULT_PRICING);
    expect(compiledModel(r, 'sonnet').pricing).toEqual(sonnet.pricing);
    expect(compiledModel(r, 'qwen').pricing).toEqual({ input: 0.2, output: 0.8 });
    expect(compiledModel(r, 'cheap').pricing).toEqual({ ...sonnet.pricing, output: 1 });
  });
});

describe('limits, capabilities and descriptive fields', () => {
  it('context window, max output, capabilities, names and purpose come from the registry', () => {
    const m = compiledModel(compileCatalog([model('sonnet', 'extends: anthropic/claude-sonnet-4-5')]), 'sonnet');
    expect(m.contextLimit).toBe(sonnet.contextLimit);
    expect(m.maxOutputTokens).toBe(sonnet.maxOutputTokens);
    expect(m.capabilities).toEqual([...sonnet.capabilities].sort());
    expect(m.vendor).toBe(sonnet.vendor);
    expect(m.purpose).toBe(sonnet.purpose);
    expect(Object.values(m.displayName)).toEqual([sonnet.displayName]);
    expect(m.extends).toBe('anthropic/claude-sonnet-4-5');
  });

  it('a field set on the model wins; the others are still inherited', () => {
    const m = compiledModel(compileCatalog([model('sonnet', 'extends: anthropic/claude-sonnet-4-5\nmaxOutputTokens: 8192\ndisplayName: Sonnet\nvendor: acme')]), 'sonnet');
    expect(m.maxOutputTokens).toBe(8192);
    expect(m.contextLimit).toBe(sonnet.contextLimit);
    expect(m.displayName).toEqual({ en: 'Sonnet' });
    expect(m.vendor).toBe('acme');
  });

  it('capabilities given on the model replace the registry list (they are not merged)', () => {
    const r = compileCatalog([model('sonnet', 'extends: anthropic/claude-sonnet-4-5\ncapabilities: [text, streaming]')]);
    expect(compiledModel(r, 'sonnet').capabilities).toEqual(['streaming', 'text']);
  });

  it('a capability the registry model lacks is a warning at that list item, and still compiles', () => {
    const r = compileCatalog([model('sonnet', 'extends: anthropic/claude-sonnet-4-5\ncapabilities: [text, video-generation]')]);
    const warning = r.diagnostics.find((d) => d.code === 'capability-not-in-registry');
    expect(warning).toMatchObject({ severity: 'warning', file: 'models.yaml', line: 5, pointer: '/capabilities/1' });
    expect(r.snapshot).toBeDefined();
  });

  it('purpose is inherited too: an image model needs no purpose line', () => {
    const image = registry.get('openai/gpt-image-1');
    expect(image?.purpose).toBe('image-generation');
    const m = compiledModel(compileCatalog([model('images', 'extends: openai/gpt-image-1', 'openai', 'gpt-image-1')]), 'images');
    expect(m.purpose).toBe('image-generation');
    expect(m.pricing).toEqual(image!.pricing);
  });

  it('without extends nothing is invented: limits stay null, capabilities empty unless given', () => {
    const m = compiledModel(compileCatalog([model('qwen', 'capabilities: [text]\ncontextLimit: 32768', 'vllm', 'Qwen/Qwen3-Coder')]), 'qwen');
    expect(m.contextLimit).toBe(32768);
    expect(m.maxOutputTokens).toBeNull();
    expect(m.extends).toBeUndefined();
  });

  it('maxOutputTokens above the inherited context window is an error', () => {
    const r = compileCatalog([model('sonnet', `extends: anthropic/claude-sonnet-4-5\nmaxOutputTokens: ${sonnet.contextLimit! + 1}`)]);
    expect(r.snapshot).toBeUndefined();
    expect(r.diagnostics.find((d) => d.code === 'max-output-exceeds-context')).toMatchObject({ severity: 'error', line: 5, pointer: '/maxOutputTokens' });
  });

  it('extending a registry model that does not exist is an error with a did-you-mean hint', () => {
    const r = compileCatalog([model('sonnet', 'extends: anthropic/claude-sonet-4-5')]);
    expect(r.snapshot).toBeUndefined();
    expect(r.diagnostics.find((d) => d.code === 'unknown-extends')).toMatchObject({ line: 4, pointer: '/extends', hint: "did you mean 'anthropic/claude-sonnet-4-5'?" });
  });
});
