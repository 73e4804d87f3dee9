// The built-in registry (models/<vendor>/<model>.yaml): every file parses, conforms to
// schema/registry-model.schema.json, is named after its id, cites a vendor page, and its
// figures pass a few sanity rules.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fg from 'fast-glob';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const modelsDir = path.join(root, 'models');

function readJson(rel: string): object {
  return JSON.parse(readFileSync(path.join(root, rel), 'utf8')) as object;
}

interface Pricing {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  perImage?: number;
  perSecond?: number;
}

interface RegistryModel {
  id: string;
  vendor: string;
  displayName: string;
  purpose?: string;
  releaseDate?: string;
  contextLimit?: number;
  maxOutputTokens?: number;
  capabilities: string[];
  pricing: Pricing;
  upstreamIds?: Record<string, string>;
  reference: string;
}

interface Entry {
  rel: string; // path relative to models/, e.g. anthropic/claude-sonnet-4-5.yaml
  text: string;
  data: unknown;
}

const files = fg.sync('**/*.yaml', { cwd: modelsDir, onlyFiles: true }).sort();
const entries: Entry[] = files.map((rel) => {
  const text = readFileSync(path.join(modelsDir, rel), 'utf8');
  return { rel, text, data: parse(text) as unknown };
});
const models = entries.map((e) => ({ ...e, model: e.data as RegistryModel }));

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(readJson('schema/common.schema.json'));
const validate = ajv.compile(readJson('schema/registry-model.schema.json'));

describe('models/ registry files', () => {
  it('has at least 25 models from at least 5 vendors', () => {
    expect(entries.length).toBeGreaterThanOrEqual(25);
    const vendors = new Set(entries.map((e) => e.rel.split('/')[0]));
    expect(vendors.size).toBeGreaterThanOrEqual(5);
  });

  it('keeps every file at models/<vendor>/<model>.yaml', () => {
    for (const { rel } of entries) expect(rel.split('/'), rel).toHaveLength(2);
  });

  it.each(entries.map((e) => [e.rel, e] as const))('%s conforms to registry-model.schema.json', (_rel, entry) => {
    const ok = validate(entry.data);
    expect(ajv.errorsText(validate.errors, { separator: '\n' }), entry.rel).toBe('No errors');
    expect(ok).toBe(true);
  });

  it.each(models.map((m) => [m.rel, m] as const))('%s has an id matching its path', (_rel, { rel, model }) => {
    expect(model.id).toBe(rel.replace(/\.yaml$/, ''));
    expect(model.vendor, rel).toBe(rel.split('/')[0]);
  });

  it.each(entries.map((e) => [e.rel, e] as const))('%s cites a vendor page in a comment', (_rel, { rel, text }) => {
    const commentLines = text.split('\n').filter((line) => line.startsWith('# '));
    expect(commentLines.some((line) => line.includes('https://')), rel).toBe(true);
  });

  it.each(models.map((m) => [m.rel, m] as const))('%s has sane figures', (_rel, { rel, model }) => {
    const purpose = model.purpose ?? 'chat';
    const { pricing } = model;

    if (purpose === 'chat') {
      expect(model.contextLimit, `${rel}: chat models state their context window`).toBeGreaterThan(0);
      expect(model.maxOutputTokens, `${rel}: chat models state their output limit`).toBeGreaterThan(0);
    }
    if (model.maxOutputTokens !== undefined && model.contextLimit !== undefined)
      expect(model.maxOutputTokens, `${rel}: maxOutputTokens <= contextLimit`).toBeLessThanOrEqual(model.contextLimit);

    if (pricing.cacheRead !== undefined && pricing.input !== undefined) {
      expect(pricing.cacheRead, `${rel}: cacheRead < input`).toBeLessThan(pricing.input);
    }
    if (pricing.cacheWrite !== undefined && pricing.input !== undefined) {
      expect(pricing.cacheWrite, `${rel}: cacheWrite >= input`).toBeGreaterThanOrEqual(pricing.input);
    }
    if (pricing.cacheRead !== undefined || pricing.cacheWrite !== undefined) {
      expect(model.capabilities, `${rel}: cache prices need prompt-caching`).toContain('prompt-caching');
    }

    if (purpose === 'chat') {
      expect(model.capabilities, `${rel}: chat models have text`).toContain('text');
      // A chat model never carries media-only prices.
      expect(pricing.perImage, rel).toBeUndefined();
      expect(pricing.perSecond, rel).toBeUndefined();
    }
    if (purpose === 'image-generation') expect(model.capabilities, rel).toContain('image-generation');
    if (purpose === 'image-edit') expect(model.capabilities, rel).toContain('image-edit');
    if (purpose === 'video-generation') expect(model.capabilities, rel).toContain('video-generation');
    if (purpose === 'audio') {
      const caps = model.capabilities;
      expect(caps.includes('audio-input') || caps.includes('audio-output'), rel).toBe(true);
    }

    if (model.releaseDate !== undefined) {
      const date = new Date(`${model.releaseDate}T00:00:00Z`);
      expect(Number.isNaN(date.getTime()), `${rel}: releaseDate is a real date`).toBe(false);
      expect(date.toISOString().slice(0, 10), rel).toBe(model.releaseDate);
    }
  });

  it('has unique ids', () => {
    const ids = models.map((m) => m.model.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the ids that the example catalogs extend', () => {
    const ids = new Set(models.map((m) => m.model.id));
    const required = [
      'anthropic/claude-sonnet-4-5',
      'anthropic/claude-opus-4-1',
      'anthropic/claude-haiku-4-5',
      'anthropic/claude-sonnet-4',
      'openai/gpt-5',
      'openai/gpt-5-mini',
      'openai/gpt-5-nano',
      'openai/gpt-4.1',
      'openai/o3',
      'openai/o4-mini',
      'openai/gpt-image-1',
      'openai/sora-2',
      'openai/gpt-4o-mini-tts',
      'google/gemini-2.5-pro',
      'google/gemini-2.5-flash',
      'google/gemini-2.5-flash-lite',
      'google/gemini-2.5-flash-image',
      'google/veo-3',
      'mistral/mistral-large-2411',
      'mistral/mistral-medium-3',
      'mistral/codestral-2508',
      'deepseek/deepseek-chat',
      'deepseek/deepseek-reasoner',
      'xai/grok-4',
      'xai/grok-code-fast-1',
      'meta/llama-4-maverick',
      'meta/llama-4-scout',
    ];
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('records the real figures for claude-sonnet-4-5', () => {
    const sonnet = models.find((m) => m.model.id === 'anthropic/claude-sonnet-4-5')?.model;
    expect(sonnet).toBeDefined();
    expect(sonnet?.contextLimit).toBe(200000);
    expect(sonnet?.maxOutputTokens).toBe(64000);
    expect(sonnet?.pricing).toEqual({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
  });
});
