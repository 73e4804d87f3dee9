import { describe, expect, it } from 'vitest';
import { createResolver, EMPTY_CATALOG_MESSAGE, type CatalogResult } from '../../src/runtime/index.js';
import { ENV, makeSnapshot } from './fixtures.js';

const snapshot = makeSnapshot();
const names = (c: CatalogResult) => c.models.map((m) => m.name);
const fresh = (s = snapshot, env: Record<string, string> = ENV) => createResolver(s, { env });

describe('catalog: models', () => {
  it('lists public, active, available, routable models by order', () => {
    const c = fresh().catalog({ entryPoint: 'desktop', groups: ['eng'] });
    // retired: inactive; titler: internal; gpt: no credential (AZURE_KEY is empty)
    expect(names(c)).toEqual(['opus', 'sonnet', 'haiku']);
    expect(c.models[0]).toEqual({ name: 'opus', displayName: 'OPUS', vendor: 'anthropic', purpose: 'chat', capabilities: ['streaming', 'text', 'tools'], tools: expect.any(Array), order: 5 });
    expect(c.message).toBeUndefined();
  });

  it('breaks order ties by name', () => {
    const s = makeSnapshot((d) => (d.models['haiku']!.order = 10));
    expect(names(fresh(s).catalog({ entryPoint: 'desktop', groups: ['data'] }))).toEqual(['haiku', 'sonnet']);
  });

  it('narrows by group, alias and entry point', () => {
    const r = fresh();
    expect(names(r.catalog({ entryPoint: 'desktop', groups: ['data'] }))).toEqual(['sonnet', 'haiku']);
    expect(names(r.catalog({ entryPoint: 'desktop', groups: ['idp-engineering'] }))).toEqual(['opus', 'sonnet', 'haiku']);
    expect(names(r.catalog({ entryPoint: 'web', groups: ['eng'] }))).toEqual(['sonnet', 'haiku']);
  });

  it('hides a model whose credential is absent, and shows it once present', () => {
    expect(names(fresh().catalog({ entryPoint: 'cli', groups: [] }))).not.toContain('gpt');
    expect(names(fresh(snapshot, { ...ENV, AZURE_KEY: 'k' }).catalog({ entryPoint: 'cli', groups: [] }))).toContain('gpt');
  });

  it('counts a file credential as present unless fileExists says otherwise', () => {
    const s = makeSnapshot((d) => (d.models['haiku']!.sources[0]!.credential = { file: '/run/secrets/vertex' }));
    expect(names(createResolver(s, { env: ENV }).catalog({ entryPoint: 'cli', groups: [] }))).toContain('haiku');
    expect(names(createResolver(s, { env: ENV, fileExists: () => false }).catalog({ entryPoint: 'cli', groups: [] }))).not.toContain('haiku');
  });
});

describe('catalog: tiers and collections', () => {
  it('shows the tiers of the entry point group with the model each resolves to', () => {
    const r = fresh();
    expect(r.catalog({ entryPoint: 'desktop', groups: ['eng'] }).tiers).toEqual([
      { name: 'auto', displayName: 'Auto', model: 'opus' },
      { name: 'lite', displayName: 'Lite', model: 'haiku' },
    ]);
    expect(r.catalog({ entryPoint: 'desktop', groups: ['data'] }).tiers.map((t) => t.model)).toEqual(['sonnet', 'haiku']);
    expect(r.catalog({ entryPoint: 'desktop-experts', groups: ['eng'] }).tiers.map((t) => t.name)).toEqual(['ultimate']);
    expect(r.catalog({ entryPoint: 'desktop-experts', groups: ['data'] }).tiers).toEqual([]);
  });

  it('drops a tier with no eligible model', () => {
    const s = makeSnapshot((d) => (d.models['haiku']!.status = 'inactive'));
    expect(fresh(s).catalog({ entryPoint: 'cli', groups: [] }).tiers.map((t) => t.name)).toEqual(['auto']);
  });

  it('lists available collections with only visible models, omitting empty ones', () => {
    const r = fresh();
    expect(r.catalog({ entryPoint: 'desktop', groups: ['eng'] }).collections).toEqual([
      { name: 'new-models', displayName: 'New Models', models: ['opus', 'haiku'] },
      { name: 'eng-only', displayName: 'Eng', models: ['haiku'] },
    ]);
    expect(r.catalog({ entryPoint: 'desktop', groups: ['data'] }).collections).toEqual([
      { name: 'new-models', displayName: 'New Models', models: ['haiku'] },
    ]);
  });

  it('picks display names by locale, falling back to the first locale, then any', () => {
    const s = makeSnapshot((d) => (d.tiers['lite']!.displayName = { zh: '轻量' }));
    const r = fresh(s);
    const zh = r.catalog({ entryPoint: 'desktop', groups: ['eng'], locale: 'zh' });
    expect(zh.tiers.map((t) => t.displayName)).toEqual(['自动', '轻量']);
    expect(zh.models[1]!.displayName).toBe('模型 sonnet');
    expect(zh.collections[1]!.displayName).toBe('Eng');
    const fr = r.catalog({ entryPoint: 'desktop', groups: ['eng'], locale: 'fr' });
    expect(fr.tiers.map((t) => t.displayName)).toEqual(['Auto', '轻量']);
  });
});

describe('catalog: default model', () => {
  it('is the admin default when visible', () => {
    expect(fresh().catalog({ entryPoint: 'desktop', groups: ['eng'] }).defaultModel).toBe('sonnet');
  });

  it('is the first visible model when the admin default is hidden or unset', () => {
    const hidden = makeSnapshot((d) => (d.settings.defaultModel = 'opus'));
    expect(fresh(hidden).catalog({ entryPoint: 'desktop', groups: ['data'] }).defaultModel).toBe('sonnet');
    const unset = makeSnapshot((d) => (d.settings.defaultModel = null));
    expect(fresh(unset).catalog({ entryPoint: 'desktop', groups: ['eng'] }).defaultModel).toBe('opus');
  });

  it('is null, with a message, when nothing is visible', () => {
    const s = makeSnapshot((d) => {
      for (const m of Object.values(d.models)) m!.availability = { groups: ['eng'] };
    });
    const c = fresh(s).catalog({ entryPoint: 'desktop', groups: ['sales'] });
    expect(c).toEqual({ defaultModel: null, models: [], tiers: [], collections: [], message: EMPTY_CATALOG_MESSAGE });
    expect(c.message).toMatch(/administrator/);
  });
});

describe('catalog: cache', () => {
  it('returns the identical frozen object for the same audience, however it is spelled', () => {
    const r = fresh();
    const a = r.catalog({ entryPoint: 'desktop', groups: ['eng', 'data'], locale: 'en' });
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.models[0])).toBe(true);
    expect(r.catalog({ entryPoint: 'desktop', groups: ['eng', 'data'], locale: 'en' })).toBe(a);
    expect(r.catalog({ entryPoint: 'desktop', groups: ['data', 'idp-engineering', 'eng', 'nobody'], locale: 'en' })).toBe(a);
  });

  it('keeps different audiences apart', () => {
    const r = fresh();
    const a = r.catalog({ entryPoint: 'desktop', groups: ['eng'] });
    expect(r.catalog({ entryPoint: 'desktop', groups: ['data'] })).not.toBe(a);
    expect(r.catalog({ entryPoint: 'web', groups: ['eng'] })).not.toBe(a);
    expect(r.catalog({ entryPoint: 'desktop', groups: ['eng'], locale: 'zh' })).not.toBe(a);
  });

  it('folds unknown entry points and locales together', () => {
    const r = fresh();
    expect(r.catalog({ entryPoint: 'toaster', groups: [] })).toBe(r.catalog({ entryPoint: 'fridge', groups: [] }));
    expect(r.catalog({ entryPoint: 'cli', groups: [], locale: 'fr' })).toBe(r.catalog({ entryPoint: 'cli', groups: [] }));
  });

  it('folds spellings the same way past 30 groups (string keys instead of a bitmask)', () => {
    const s = makeSnapshot((d) => {
      for (let i = 0; i < 40; i++) d.groups[`team-${i}`] = { description: '', aliases: [`idp-team-${i}`] };
      d.models['haiku']!.availability = { groups: ['team-39'] };
    });
    const r = fresh(s);
    const a = r.catalog({ entryPoint: 'cli', groups: ['team-39', 'team-2'] });
    expect(names(a)).toEqual(['sonnet', 'haiku']);
    expect(r.catalog({ entryPoint: 'cli', groups: ['idp-team-2', 'nobody', 'idp-team-39'] })).toBe(a);
    expect(names(r.catalog({ entryPoint: 'cli', groups: ['team-2'] }))).toEqual(['sonnet']);
  });

  it('lives on the resolver: a new resolver computes its own', () => {
    const req = { entryPoint: 'desktop', groups: ['eng'] };
    const a = fresh().catalog(req);
    const b = fresh().catalog(req);
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
  });
});
