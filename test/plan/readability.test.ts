// A plan a reviewer can read: creates list what they set, sources are a table,
// routing and credential changes are said in words.
import { describe, expect, it } from 'vitest';
import { createPlan, type Impact, type Plan } from '../../src/plan/index.js';
import { planFormatters } from '../../src/cli/format/plan.js';
import { baseSnapshot, edit, source } from './fixtures.js';

const live = baseSnapshot();
const messages = (plan: Plan, kind: Impact['kind']) => plan.impact.filter((i) => i.kind === kind).map((i) => i.message);
/** claude-sonnet served by anthropic (80) and bedrock (20) at priority 0, openrouter at priority 1. */
const routed = edit(live, (d) => {
  d.models['claude-sonnet']!.sources = [
    source('claude-sonnet', 'anthropic', 'claude-sonnet-4-5', { weight: 80 }),
    source('claude-sonnet', 'bedrock', 'anthropic.claude-sonnet-4-5', { weight: 20 }),
    source('claude-sonnet', 'openrouter', 'anthropic/claude-sonnet-4.5', { priority: 1 }),
  ];
});
const reroute = (change: (sources: ReturnType<typeof source>[]) => void) => edit(routed, (d) => change(d.models['claude-sonnet']!.sources));

describe('creates list only what they set', () => {
  it('no null, empty string, empty list or empty object among a create’s fields', () => {
    const plan = createPlan(null, edit(live, (d) => void (d.models['gpt-5']!.systemPrompt = '')));
    const created = plan.changes.filter((c) => c.action === 'create').flatMap((c) => c.fields);
    expect(created.length).toBeGreaterThan(20);
    for (const f of created) {
      expect(f.after, f.path).not.toBeNull();
      expect(f.after, f.path).not.toBe('');
      expect(f.after, f.path).not.toEqual([]);
      expect(f.after, f.path).not.toEqual({});
    }
    const gpt = plan.changes.find((c) => c.address === 'model/gpt-5')!;
    expect(gpt.fields.map((f) => f.path)).not.toContain('systemPrompt');
    expect(gpt.fields.map((f) => f.path)).toContain('contextLimit');
  });
});

describe('routing impact in words', () => {
  it('weights that move inside the first priority class', () => {
    const plan = createPlan(routed, reroute((s) => ((s[0]!.weight = 60), (s[1]!.weight = 40))));
    expect(messages(plan, 'route-changed')).toEqual(['model claude-sonnet: anthropic 80% → 60%, bedrock 20% → 40%']);
  });

  it('every priority-0 route disabled: traffic goes to the next class', () => {
    const plan = createPlan(routed, reroute((s) => ((s[0]!.status = 'inactive'), (s[1]!.weight = 0))));
    expect(messages(plan, 'route-changed')).toEqual(['model claude-sonnet: priority-0 routes all disabled: traffic now goes to openrouter']);
  });

  it('a new source takes a share; a removed one gives its share away', () => {
    const added = createPlan(routed, reroute((s) => void s.push(source('claude-sonnet', 'vertex', 'claude-sonnet-4-5', { weight: 100 }))));
    expect(messages(added, 'route-changed')).toEqual(['model claude-sonnet: anthropic 80% → 40%, bedrock 20% → 10%, vertex 0% → 50%']);
    const removed = createPlan(routed, reroute((s) => void s.splice(1, 1)));
    expect(messages(removed, 'route-changed')).toEqual(['model claude-sonnet: anthropic 80% → 100%, bedrock 20% → 0%']);
  });

  it('one provider serving a model twice is named provider:model', () => {
    const twice = reroute((s) => void s.push(source('claude-sonnet', 'anthropic', 'claude-sonnet-4-5-batch', { weight: 20 })));
    expect(messages(createPlan(routed, twice), 'route-changed')).toEqual([
      'model claude-sonnet: anthropic:claude-sonnet-4-5 80% → 66.7%, bedrock 20% → 16.7%, anthropic:claude-sonnet-4-5-batch 0% → 16.7%',
    ]);
  });

  it('near miss: a change that moves no traffic (a base URL, a lower class) says nothing', () => {
    const plan = createPlan(routed, reroute((s) => ((s[0]!.baseUrl = 'https://proxy.example.com'), (s[2]!.weight = 50))));
    expect(plan.summary.update).toBe(1);
    expect(messages(plan, 'route-changed')).toEqual([]);
  });

  it('losing the last route stays route-lost, not route-changed', () => {
    const plan = createPlan(routed, reroute((s) => s.forEach((x) => (x.status = 'inactive'))));
    expect(messages(plan, 'route-lost')).toEqual(['model claude-sonnet loses its last active route']);
    expect(messages(plan, 'route-changed')).toEqual([]);
  });
});

describe('credential reference changes name the models that depend on them', () => {
  it('a provider binding that reads another variable', () => {
    const plan = createPlan(
      live,
      edit(live, (d) => void (d.providers['anthropic']!.credentials['default'] = { env: 'ANTHROPIC_API_KEY_2026' })),
    );
    const users = Object.keys(live.models).filter((m) => live.models[m]!.sources.some((s) => s.provider === 'anthropic')).sort();
    expect(users.length).toBeGreaterThan(0);
    expect(messages(plan, 'credential-changed')).toEqual([
      `provider anthropic credential 'default' now reads env ANTHROPIC_API_KEY_2026 (was env ANTHROPIC_API_KEY): models ${users.join(', ')} depend on it`,
    ]);
  });

  it('a binding no model uses says so', () => {
    const from = edit(live, (d) => void (d.providers['openai']!.credentials['spare'] = { env: 'A' }));
    const to = edit(from, (d) => void (d.providers['openai']!.credentials['spare'] = { file: '/run/secrets/b' }));
    expect(messages(createPlan(from, to), 'credential-changed')).toEqual(["provider openai credential 'spare' now reads file /run/secrets/b (was env A): no model uses it"]);
  });
});

describe('sources as a table', () => {
  const next = reroute((s) => {
    s[0]!.weight = 60;
    s[1]!.baseUrl = 'https://bedrock.example.com';
    s.splice(2, 1);
    s.push(source('claude-sonnet', 'vertex', 'claude-sonnet-4-5', { weight: 40 }));
  });

  it('text: one row per source with + - ~ marks, changed cells before → after, other changes as notes', () => {
    const text = planFormatters.text(createPlan(routed, next), { color: false });
    const block = text.slice(text.indexOf('~ model/claude-sonnet'));
    expect(block).toMatch(/^\s+~ anthropic\s+claude-sonnet-4-5\s+0\s+80 → 60\s+active\s+default$/m);
    expect(block).toMatch(/^\s+~ bedrock\s+anthropic\.claude-sonnet-4-5\s+0\s+20\s+active/m);
    expect(block).toMatch(/^\s+baseUrl: https:\/\/llm\.example\.com\/v1 → https:\/\/bedrock\.example\.com$/m);
    expect(block).toMatch(/^\s+\+ vertex\s+claude-sonnet-4-5\s+0\s+40\s+active/m);
    expect(block).toMatch(/^\s+- openrouter\s+anthropic\/claude-sonnet-4\.5\s+1\s+100\s+active/m);
    expect(block).not.toContain('sources[');
  });

  it('markdown: a table, and creates list fields instead of a JSON dump', () => {
    const md = planFormatters.markdown(createPlan(routed, next), { color: false });
    expect(md).toContain('| `~` | anthropic | claude-sonnet-4-5 | 0 | 80 → 60 | active | default |');
    expect(md).toContain('| `-` | openrouter | anthropic/claude-sonnet-4.5 | 1 | 100 | active | default |');
    const created = planFormatters.markdown(createPlan(null, routed), { color: false });
    expect(created).toContain('| `+` | bedrock | anthropic.claude-sonnet-4-5 | 0 | 20 | active | default |');
    expect(created).not.toContain('"sources"');
    expect(created).not.toMatch(/: null$/m);
  });

  it('the plan JSON keeps its field-level changes (the table is presentation only)', () => {
    const plan = createPlan(routed, next);
    expect(plan.changes.find((c) => c.address === 'model/claude-sonnet')!.fields.map((f) => f.path)).toContain('sources[claude-sonnet@anthropic:claude-sonnet-4-5].weight');
  });
});
