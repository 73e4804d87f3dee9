import { describe, expect, it } from 'vitest';
import { createPlan, type Impact, type Plan } from '../../src/plan/index.js';
import { baseSnapshot, edit, model, source } from './fixtures.js';

const messages = (plan: Plan, kind?: Impact['kind']) => plan.impact.filter((i) => !kind || i.kind === kind).map((i) => i.message);
const change = (plan: Plan, address: string) => plan.changes.find((c) => c.address === address);

describe('createPlan', () => {
  const live = baseSnapshot();

  it('creates every resource when nothing is live', () => {
    const plan = createPlan(null, live);
    expect(plan.base).toBeNull();
    expect(plan.desired).toEqual({ version: live.version });
    expect(plan.summary).toEqual({ create: 13, update: 0, delete: 0 });
    expect(plan.changes.every((c) => c.action === 'create')).toBe(true);
    expect(messages(plan, 'access-gained')).toContain('everyone gains model claude-sonnet on every entry point');
    expect(messages(plan, 'access-gained')).toContain('group eng gains model claude-opus on cli, desktop');
    expect(messages(plan, 'access-gained')).toContain('everyone gains tier auto on general');
    expect(plan.snapshot).toBe(live);
  });

  it('orders changes by kind, then name', () => {
    const plan = createPlan(null, live);
    expect(plan.changes.map((c) => c.address)).toEqual([
      'settings',
      'provider/anthropic',
      'provider/openai',
      'group/data',
      'group/eng',
      'entry-point-group/experts',
      'entry-point-group/general',
      'native-tool/web-search',
      'model/claude-opus',
      'model/claude-sonnet',
      'model/gpt-5',
      'tier/auto',
      'tier/ultimate',
    ]);
  });

  it('has no changes and no impact against itself', () => {
    const plan = createPlan(live, structuredClone(live));
    expect(plan.summary).toEqual({ create: 0, update: 0, delete: 0 });
    expect(plan.changes).toEqual([]);
    expect(plan.impact).toEqual([]);
    expect(plan.base).toEqual({ version: live.version });
  });

  it('does not mutate its inputs', () => {
    const desired = edit(live, (d) => void delete d.models['gpt-5']);
    const a = JSON.stringify(live);
    const b = JSON.stringify(desired);
    createPlan(live, desired);
    expect(JSON.stringify(live)).toBe(a);
    expect(JSON.stringify(desired)).toBe(b);
  });

  it('reports field-level price changes and the impact in words', () => {
    const desired = edit(live, (d) => {
      d.models['claude-sonnet']!.pricing.input = 2.5;
      d.nativeTools['web-search']!.pricing.perCall = 0.02;
    });
    const plan = createPlan(live, desired);
    expect(plan.summary).toEqual({ create: 0, update: 2, delete: 0 });
    expect(change(plan, 'model/claude-sonnet')?.fields).toEqual([{ path: 'pricing.input', before: 3, after: 2.5 }]);
    expect(messages(plan, 'price-changed')).toEqual([
      'model claude-sonnet input price 3 → 2.5 USD/1M',
      'native tool web-search price per call 0.01 → 0.02 USD',
    ]);
    expect(messages(plan, 'access-gained')).toEqual([]);
  });

  it('gives long text such as a system prompt a unified diff', () => {
    const before = 'You write code.\nPrefer small, reviewable diffs.\nExplain trade-offs.\n';
    const after = 'You write code.\nPrefer small diffs with tests.\nExplain trade-offs.\n';
    const from = edit(live, (d) => void (d.models['claude-sonnet']!.systemPrompt = before));
    const to = edit(live, (d) => void (d.models['claude-sonnet']!.systemPrompt = after));
    const field = change(createPlan(from, to), 'model/claude-sonnet')?.fields[0];
    expect(field?.path).toBe('systemPrompt');
    expect(field?.diff).toContain('--- a/model/claude-sonnet/systemPrompt');
    expect(field?.diff).toContain('@@ -1,3 +1,3 @@');
    expect(field?.diff).toContain('\n-Prefer small, reviewable diffs.\n+Prefer small diffs with tests.\n');
    expect(field?.diff).toContain('\n You write code.\n');
  });

  it('keeps short strings as before → after without a diff', () => {
    const to = edit(live, (d) => void (d.models['gpt-5']!.vendor = 'openai-eu'));
    expect(change(createPlan(live, to), 'model/gpt-5')?.fields).toEqual([{ path: 'vendor', before: 'openai', after: 'openai-eu' }]);
  });

  it('matches sources by id, so adding one does not show every later source as changed', () => {
    const to = edit(live, (d) => {
      const m = d.models['claude-sonnet']!;
      m.sources[0]!.weight = 80;
      m.sources.push(source('claude-sonnet', 'openai', 'proxy-sonnet', { priority: 1 }));
    });
    const fields = change(createPlan(live, to), 'model/claude-sonnet')!.fields;
    expect(fields.map((f) => f.path)).toEqual(['sources[claude-sonnet@anthropic:claude-sonnet-upstream].weight', 'sources[claude-sonnet@openai:proxy-sonnet]']);
    expect(fields[0]).toMatchObject({ before: 100, after: 80 });
    expect(fields[1]).toMatchObject({ before: undefined, after: { provider: 'openai', priority: 1 } });
  });

  it('creates a model and says which group gains it where', () => {
    const to = edit(live, (d) => {
      d.models['claude-haiku'] = model('claude-haiku', { availability: { groups: ['eng'] }, entryPoints: ['cli', 'desktop'] });
    });
    const plan = createPlan(live, to);
    expect(plan.summary).toEqual({ create: 1, update: 0, delete: 0 });
    const created = change(plan, 'model/claude-haiku');
    expect(created).toMatchObject({ action: 'create', before: null });
    expect(created?.fields.map((f) => f.path)).toContain('pricing');
    expect(messages(plan)).toEqual(['group eng gains model claude-haiku on cli, desktop']);
  });

  it('says who loses a tier, and who keeps it', () => {
    const to = edit(live, (d) => void (d.tiers['ultimate']!.availability = { groups: ['eng'] }));
    expect(messages(createPlan(live, to))).toEqual(['everyone loses tier ultimate on general (still offered to group eng)']);
  });

  it('names entry points a model loses', () => {
    const to = edit(live, (d) => void (d.models['claude-opus']!.entryPoints = ['cli']));
    expect(messages(createPlan(live, to))).toEqual(['group eng loses model claude-opus on desktop']);
  });

  it('treats a model made inactive as lost by everyone it was offered to', () => {
    const to = edit(live, (d) => void (d.models['gpt-5']!.status = 'inactive'));
    expect(messages(createPlan(live, to))).toEqual(['everyone loses model gpt-5 on every entry point']);
  });

  it('reports a default model change', () => {
    const to = edit(live, (d) => void (d.settings.defaultModel = 'gpt-5'));
    const plan = createPlan(live, to);
    expect(change(plan, 'settings')?.fields).toEqual([{ path: 'defaultModel', before: 'claude-sonnet', after: 'gpt-5' }]);
    expect(messages(plan, 'default-model-changed')).toEqual(['default model changes from claude-sonnet to gpt-5']);
  });

  it('reports a model that loses its last active route', () => {
    const to = edit(live, (d) => void (d.models['gpt-5']!.sources[0]!.weight = 0));
    expect(messages(createPlan(live, to), 'route-lost')).toEqual(['model gpt-5 loses its last active route (only drained routes, weight 0, remain)']);
  });

  it('guards deleting an active, public model, not an inactive or internal one', () => {
    const staged = edit(live, (d) => {
      d.models['gpt-5']!.status = 'inactive';
      d.models['claude-opus']!.access = 'internal';
      d.models['claude-opus']!.tasks = ['title-generation'];
      d.tiers['ultimate']!.models = ['claude-sonnet'];
    });
    const to = edit(staged, (d) => {
      delete d.models['gpt-5'];
      delete d.models['claude-opus'];
      delete d.models['claude-sonnet'];
      d.tiers['auto']!.models = [];
      d.tiers['ultimate']!.models = [];
      d.settings.defaultModel = null;
    });
    const plan = createPlan(staged, to);
    const deletes = plan.changes.filter((c) => c.action === 'delete');
    expect(deletes.map((c) => [c.address, c.action === 'delete' && c.guarded])).toEqual([
      ['model/claude-opus', false],
      ['model/claude-sonnet', true],
      ['model/gpt-5', false],
    ]);
    expect(messages(plan, 'destroy-guarded')).toEqual([expect.stringMatching(/^model claude-sonnet is deleted while active and public/)]);
  });

  it('does not repeat for each group what everyone already gains', () => {
    const to = edit(live, (d) => void (d.models['claude-opus']!.availability = 'all'));
    expect(messages(createPlan(live, to))).toEqual(['everyone gains model claude-opus on cli, desktop']);
  });

  it('says nothing about access when only a group is added (its members already saw what everyone sees)', () => {
    const to = edit(live, (d) => void (d.groups['ops'] = { description: 'Operations', aliases: [] }));
    const plan = createPlan(live, to);
    expect(plan.changes.map((c) => c.address)).toEqual(['group/ops']);
    expect(plan.impact).toEqual([]);
  });

  it('names a new group that is given a model', () => {
    const to = edit(live, (d) => {
      d.groups['ops'] = { description: 'Operations', aliases: [] };
      d.models['claude-opus']!.availability = { groups: ['eng', 'ops'] };
    });
    expect(messages(createPlan(live, to))).toEqual(['group ops gains model claude-opus on cli, desktop']);
  });

  it('never shows credential values, only references', () => {
    const plan = createPlan(null, live);
    const text = JSON.stringify(plan);
    expect(text).toContain('ANTHROPIC_API_KEY');
    expect(text).not.toMatch(/sk-[a-z0-9]/i);
  });
});
