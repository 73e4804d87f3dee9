import { describe, expect, it } from 'vitest';
import { createResolver, type ResolveRequest, type ResolveResult } from '../../src/runtime/index.js';
import { ENV, makeSnapshot, model, source } from './fixtures.js';

const snapshot = makeSnapshot((s) => {
  s.models['vision'] = model('vision', { order: 30, capabilities: ['image-input', 'streaming', 'text'], sources: [source('vision', 'azure', 'v')] });
  s.models['painter'] = model('painter', { order: 40, capabilities: ['image-input', 'text'] });
  s.tiers['picky'] = {
    displayName: { en: 'Picky' }, description: { en: '' }, entryPointGroup: 'general', order: 9, availability: 'all',
    models: ['retired', 'opus', 'vision', 'painter', 'sonnet'],
  };
  s.models['ocr'] = model('ocr', { access: 'internal', tasks: ['ocr-fallback'], entryPoints: ['cli'] });
  s.models['sleeper'] = model('sleeper', { access: 'internal', tasks: ['summary-compaction'], status: 'inactive' });
  s.tiers['eyes'] = { displayName: { en: 'Eyes' }, description: { en: '' }, entryPointGroup: 'general', order: 10, availability: 'all', models: ['vision', 'painter'] };
});
const resolver = createResolver(snapshot, { env: ENV, random: () => 0 });
const base = { entryPoint: 'desktop', groups: ['data'] };
const resolve = (r: Partial<ResolveRequest>): ResolveResult => resolver.resolve({ ...base, ...r });
const code = (r: ResolveResult) => (r.ok ? 'ok' : r.error.code);
const chosen = (r: ResolveResult) => (r.ok ? r.model : r.error.code);

describe('resolve: errors', () => {
  it.each([
    { name: 'unknown model', req: { model: 'ghost' }, code: 'model-not-found' },
    { name: 'unknown tier', req: { tier: 'ghost' }, code: 'model-not-found' },
    { name: 'unknown task', req: { task: 'ghost' }, code: 'model-not-found' },
    { name: 'no target at all', req: {}, code: 'model-not-found' },
    { name: 'inactive model', req: { model: 'retired' }, code: 'not-available' },
    { name: 'internal model by name', req: { model: 'titler' }, code: 'not-available' },
    { name: 'model not for these groups', req: { model: 'opus' }, code: 'not-available' },
    { name: 'model not on this entry point', req: { model: 'opus', groups: ['eng'], entryPoint: 'cli' }, code: 'not-available' },
    { name: 'tier not on this entry point', req: { tier: 'ultimate', groups: ['eng'] }, code: 'not-available' },
    { name: 'tier not for these groups', req: { tier: 'ultimate', entryPoint: 'desktop-experts' }, code: 'not-available' },
    { name: 'missing capability', req: { model: 'haiku', requires: ['image-input'] }, code: 'capability-unsupported' },
    { name: 'tier with no capable model', req: { tier: 'picky', requires: ['video'] }, code: 'capability-unsupported' },
    { name: 'no source with credentials', req: { model: 'gpt' }, code: 'no-route' },
    { name: 'task whose only model is inactive', req: { task: 'summary-compaction' }, code: 'not-available' },
  ])('$name → $code', ({ req, code: expected }) => {
    const r = resolve(req);
    expect(code(r)).toBe(expected);
    if (!r.ok) expect(r.error.message).not.toBe('');
  });

  it('no-route when every source is inactive', () => {
    const s = makeSnapshot((d) => (d.models['haiku']!.sources[0]!.status = 'inactive'));
    expect(code(createResolver(s, { env: ENV }).resolve({ ...base, model: 'haiku' }))).toBe('no-route');
  });

  it('a tier prefers capability-unsupported when a routable model lacks only a capability', () => {
    // vision has the capabilities but no route; painter routes but lacks streaming
    expect(code(resolve({ tier: 'eyes', requires: ['image-input', 'streaming'] }))).toBe('capability-unsupported');
  });

  it('a tier says no-route when its only capable models have no route', () => {
    const s = makeSnapshot((d) => {
      d.models['vision'] = model('vision', { capabilities: ['image-input', 'text'], sources: [source('vision', 'azure', 'v')] });
      d.tiers['eyes'] = { displayName: { en: 'Eyes' }, description: { en: '' }, entryPointGroup: 'general', order: 1, availability: 'all', models: ['vision'] };
    });
    expect(code(createResolver(s, { env: ENV }).resolve({ ...base, tier: 'eyes', requires: ['image-input'] }))).toBe('no-route');
  });
});

describe('resolve: success', () => {
  it('returns prompt, parameters, provider options and pricing of the model', () => {
    const r = resolve({ model: 'sonnet' });
    expect(r).toMatchObject({
      ok: true,
      model: 'sonnet',
      systemPrompt: 'Be precise.\n\nPrefer small diffs.',
      tools: { allowed: [], removed: [] },
      parameters: { temperature: 0.2 },
      providerOptions: { anthropic: { effort: 'high' } },
      pricing: { input: 3, output: 15 },
    });
  });

  it('skips empty system prompt parts', () => {
    expect(resolve({ model: 'haiku' })).toMatchObject({ systemPrompt: 'Be precise.' });
    const s = makeSnapshot((d) => (d.settings.globalSystemPrompt = ''));
    expect(createResolver(s, { env: ENV }).resolve({ ...base, model: 'haiku' })).toMatchObject({ systemPrompt: '' });
    expect(createResolver(s, { env: ENV }).resolve({ ...base, model: 'sonnet' })).toMatchObject({ systemPrompt: 'Prefer small diffs.' });
  });

  it('joins block-scalar prompts with exactly one blank line', () => {
    const s = makeSnapshot((d) => {
      d.settings.globalSystemPrompt = 'Be precise.\n';
      d.models.sonnet!.systemPrompt = '\nPrefer small diffs.\n';
    });
    expect(createResolver(s, { env: ENV }).resolve({ ...base, model: 'sonnet' })).toMatchObject({ systemPrompt: 'Be precise.\n\nPrefer small diffs.' });
  });

  it('accepts group aliases', () => {
    expect(code(resolve({ model: 'opus', groups: ['idp-engineering'] }))).toBe('ok');
    expect(code(resolve({ model: 'opus', groups: ['unknown', 'idp-engineering'] }))).toBe('ok');
    expect(code(resolve({ model: 'opus', groups: ['idp-sales'] }))).toBe('not-available');
  });

  it('honours entry point narrowing', () => {
    expect(code(resolve({ model: 'opus', groups: ['eng'], entryPoint: 'desktop-experts' }))).toBe('ok');
    expect(code(resolve({ model: 'opus', groups: ['eng'], entryPoint: 'web' }))).toBe('not-available');
    expect(code(resolve({ model: 'sonnet', entryPoint: 'anything-at-all' }))).toBe('ok');
  });

  it('honours requires on a model', () => {
    expect(code(resolve({ model: 'sonnet', requires: ['image-input', 'reasoning'] }))).toBe('ok');
  });
});

describe('resolve: tiers', () => {
  it('resolves to the first eligible model of the list', () => {
    expect(chosen(resolve({ tier: 'auto', groups: ['eng'] }))).toBe('opus');
    // opus is not for data: skipped
    expect(chosen(resolve({ tier: 'auto' }))).toBe('sonnet');
    // opus is not on the web entry point: skipped
    expect(chosen(resolve({ tier: 'auto', groups: ['eng'], entryPoint: 'web' }))).toBe('sonnet');
  });

  it('skips inactive, unroutable and incapable models', () => {
    // retired: inactive; opus: not for data; vision: no credentials; painter lacks streaming
    expect(chosen(resolve({ tier: 'picky', requires: ['image-input'] }))).toBe('painter');
    expect(chosen(resolve({ tier: 'picky', requires: ['image-input', 'streaming'] }))).toBe('sonnet');
  });
});

describe('resolve: tasks', () => {
  it('picks the active internal model with the task, ignoring group availability', () => {
    // titler2 has the lower order but is inactive; titler has availability none
    expect(chosen(resolve({ task: 'title-generation', groups: [] }))).toBe('titler');
  });

  it('honours entry point narrowing of task models', () => {
    expect(chosen(resolve({ task: 'ocr-fallback', entryPoint: 'cli' }))).toBe('ocr');
    expect(code(resolve({ task: 'ocr-fallback', entryPoint: 'desktop' }))).toBe('not-available');
  });

  it('orders candidates by order, then name', () => {
    const s = makeSnapshot((d) => {
      d.models['titler2']!.status = 'active';
      d.models['a-titler'] = model('a-titler', { access: 'internal', tasks: ['title-generation'], order: 1 });
    });
    expect(chosen(createResolver(s, { env: ENV }).resolve({ ...base, task: 'title-generation' }))).toBe('a-titler');
  });

  it('ignores public models that list the task', () => {
    const s = makeSnapshot((d) => (d.models['haiku']!.tasks = ['summary-compaction']));
    expect(code(createResolver(s, { env: ENV }).resolve({ ...base, task: 'summary-compaction' }))).toBe('model-not-found');
  });
});

describe('resolve: tools', () => {
  it('allows offered tools and removes the rest with a reason', () => {
    const r = resolve({ model: 'sonnet', tools: ['web-search', 'teleport', 'image-gen', 'code-exec', 'web-search'] });
    expect(r.ok && r.tools).toEqual({
      allowed: ['web-search', 'code-exec'],
      removed: [
        { name: 'teleport', reason: 'unknown' },
        { name: 'image-gen', reason: 'capability' },
      ],
    });
  });

  it('removes known tools the model does not offer', () => {
    const r = resolve({ model: 'haiku', tools: ['web-search'] });
    expect(r.ok && r.tools).toEqual({ allowed: [], removed: [{ name: 'web-search', reason: 'not-allowed' }] });
  });
});

describe('resolve: results are safe to share', () => {
  it('freezes the shared parts', () => {
    const r = resolve({ model: 'sonnet' });
    if (!r.ok) throw new Error('expected ok');
    expect(Object.isFrozen(r.attempts[0])).toBe(true);
    expect(Object.isFrozen(r.parameters)).toBe(true);
    expect(Object.isFrozen(r.providerOptions['anthropic'])).toBe(true);
  });

  it('does not mutate the snapshot', () => {
    const before = JSON.stringify(snapshot);
    createResolver(snapshot, { env: ENV }).catalog({ entryPoint: 'desktop', groups: ['eng'] });
    expect(JSON.stringify(snapshot)).toBe(before);
    expect(Object.isFrozen(snapshot.models['sonnet'])).toBe(false);
  });
});
