import { describe, expect, it } from 'vitest';
import { explain } from '../../src/runtime/index.js';
import { ENV, makeSnapshot, model, source } from './fixtures.js';

const snapshot = makeSnapshot((s) => {
  s.models['dark'] = model('dark', { sources: [source('dark', 'anthropic', 'x', { status: 'inactive' })] });
});

describe('explain', () => {
  it('lists visible models and tiers, and every hidden model with its reasons', () => {
    const e = explain(snapshot, { entryPoint: 'web', groups: ['data', 'idp-engineering', 'nobody'] }, { env: ENV });
    expect(e.version).toBe(snapshot.version);
    expect(e.groups).toEqual({
      requested: ['data', 'idp-engineering', 'nobody'],
      matched: [{ spelling: 'data', group: 'data' }, { spelling: 'idp-engineering', group: 'eng' }],
      unknown: ['nobody'],
    });
    expect(e.catalog.models.map((m) => m.name)).toEqual(['sonnet', 'haiku']);
    expect(e.catalog.tiers.map((t) => t.name)).toEqual(['auto', 'lite']);
    expect(e.hidden.models).toEqual([
      { name: 'opus', reason: 'entry-point', reasons: ['entry-point'] },
      { name: 'gpt', reason: 'no-credentials', reasons: ['no-credentials'] },
      { name: 'retired', reason: 'inactive', reasons: ['inactive'] },
      { name: 'titler', reason: 'internal', reasons: ['internal', 'not-available-to-groups'] },
      { name: 'titler2', reason: 'inactive', reasons: ['inactive', 'internal'] },
      { name: 'dark', reason: 'no-active-source', reasons: ['no-active-source'] },
    ]);
    expect(e.hidden.tiers).toEqual([{ name: 'ultimate', reason: 'entry-point', reasons: ['entry-point', 'no-eligible-model'] }]);
    expect(e.result).toBeUndefined();
  });

  it('includes the resolve result and routing of a named target', () => {
    const e = explain(snapshot, { entryPoint: 'desktop', groups: ['eng'], tier: 'auto' }, { env: ENV });
    expect(e.result).toMatchObject({ ok: true, model: 'opus' });
    const s = explain(snapshot, { entryPoint: 'desktop', groups: ['eng'], model: 'sonnet' }, { env: ENV });
    expect(s.result?.ok && s.result.attempts.map((a) => a.sourceId)).toEqual([
      'sonnet@anthropic:claude-sonnet-4-5',
      'sonnet@bedrock:anthropic.claude-sonnet-4-5-v1:0',
      'sonnet@openrouter:anthropic/claude-sonnet-4.5',
    ]);
    expect(s.routes).toEqual([
      { sourceId: 'sonnet@anthropic:claude-sonnet-4-5', priority: 0, weight: 80, share: 0.8, state: 'routable' },
      { sourceId: 'sonnet@bedrock:anthropic.claude-sonnet-4-5-v1:0', priority: 0, weight: 20, share: 0.2, state: 'routable' },
      { sourceId: 'sonnet@openrouter:anthropic/claude-sonnet-4.5', priority: 1, weight: 1, share: 1, state: 'routable' },
    ]);
  });

  it('reports a failed resolve as data', () => {
    const e = explain(snapshot, { entryPoint: 'desktop', groups: [], model: 'gpt' }, { env: ENV });
    expect(e.result).toMatchObject({ ok: false, error: { code: 'no-route' } });
    expect(e.routes).toBeUndefined();
  });

  it('is plain serialisable data', () => {
    const e = explain(snapshot, { entryPoint: 'desktop', groups: ['eng'], model: 'sonnet' }, { env: ENV });
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});
