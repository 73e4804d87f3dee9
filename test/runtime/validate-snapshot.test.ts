import { describe, expect, it } from 'vitest';
import { computeVersion, validateSnapshot } from '../../src/runtime/index.js';
import { makeSnapshot } from './fixtures.js';

describe('validateSnapshot', () => {
  it('accepts the fixture, whose version is computed correctly', async () => {
    const s = makeSnapshot();
    expect(validateSnapshot(s)).toEqual({ ok: true, snapshot: s });
    expect(await computeVersion(s)).toBe(s.version);
  });

  it('rejects a base URL carrying user:password@, without repeating it (a snapshot holds no secret)', () => {
    const s = makeSnapshot() as unknown as Record<string, any>;
    const [provider] = Object.keys(s['providers']);
    s['providers'][provider!]['baseUrl'] = 'https://admin:hunter2pass@proxy.example.com/v1';
    const r = validateSnapshot(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(/baseUrl/);
    expect(r.errors.join('\n')).not.toContain('hunter2pass');
    s['providers'][provider!]['baseUrl'] = 'https://proxy.example.com/v1?a=b@c';
    expect(validateSnapshot(s).ok).toBe(true);
  });

  it('rejects schema violations with pointer and message, each in turn (the first one found)', () => {
    const s = makeSnapshot() as unknown as Record<string, any>;
    const tools = s['nativeTools'];
    s['models']['sonnet']['status'] = 'paused';
    s['models']['haiku']['colour'] = 'blue';
    delete s['nativeTools'];
    const seen: string[] = [];
    for (let round = 0; round < 3; round++) {
      const r = validateSnapshot(s);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors).toHaveLength(1);
      const error = r.errors[0]!;
      seen.push(error);
      // Mend whichever problem was named, then look again.
      if (error.includes('colour')) delete s['models']['haiku']['colour'];
      else if (error.includes('sonnet')) s['models']['sonnet']['status'] = 'active';
      else s['nativeTools'] = tools;
    }
    expect(seen.sort()).toEqual(["/: must have required property 'nativeTools'", "/models/haiku: must NOT have additional properties 'colour'", '/models/sonnet/status: must be equal to one of the allowed values']);
    expect(validateSnapshot(s).ok).toBe(true);
  });

  it('answers a snapshot of 100,000 broken models with one error, not one per model (bounded memory for hostile input)', () => {
    const s = makeSnapshot() as unknown as Record<string, any>;
    for (let i = 0; i < 100_000; i++) s['models'][`m${i}`] = {};
    const r = validateSnapshot(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toHaveLength(1);
  });

  it.each([
    { name: 'tier model', mutate: (s: any) => s.tiers.auto.models.push('ghost'), error: "/tiers/auto/models/2: unknown model 'ghost'" },
    { name: 'collection model', mutate: (s: any) => s.collections['new-models'].models.push('ghost'), error: "/collections/new-models/models/3: unknown model 'ghost'" },
    { name: 'source provider', mutate: (s: any) => (s.models.haiku.sources[0].provider = 'nope'), error: "/models/haiku/sources/0/provider: unknown provider 'nope'" },
    { name: 'default model', mutate: (s: any) => (s.settings.defaultModel = 'ghost'), error: "/settings/defaultModel: unknown model 'ghost'" },
    { name: 'tier entry point group', mutate: (s: any) => (s.tiers.lite.entryPointGroup = 'nowhere'), error: "/tiers/lite/entryPointGroup: unknown entry point group 'nowhere'" },
    { name: 'availability group', mutate: (s: any) => (s.models.opus.availability = { groups: ['eng', 'ghosts'] }), error: "/models/opus/availability/groups/1: unknown group 'ghosts'" },
    { name: 'native tool', mutate: (s: any) => s.models.haiku.nativeTools.push('teleport'), error: "/models/haiku/nativeTools/0: unknown native tool 'teleport'" },
    { name: 'duplicate source id', mutate: (s: any) => s.models.haiku.sources.push({ ...s.models.haiku.sources[0] }), error: "/models/haiku/sources/1/id: duplicate source id 'haiku@anthropic:haiku-upstream'" },
  ])('rejects a dangling reference: $name', ({ mutate, error }) => {
    const r = validateSnapshot(makeSnapshot(mutate));
    expect(r).toEqual({ ok: false, errors: [error] });
  });

  describe('source ids: unique snapshot-wide, whatever form they take', () => {
    const idsOf = (s: any) => Object.values(s.models).flatMap((m: any) => m.sources.map((src: any) => src.id));
    it('the fixture names each id after its model (the per-model check applies)', () => {
      const s = makeSnapshot() as any;
      expect(idsOf(s).every((id: string) => Object.keys(s.models).some((name) => id.startsWith(`${name}@`)))).toBe(true);
    });

    it('an id of another form that repeats another model\'s id is reported where it repeats', () => {
      const r = validateSnapshot(makeSnapshot((s: any) => (s.models.opus.sources[0].id = s.models.haiku.sources[0].id)));
      expect(r).toEqual({ ok: false, errors: [`/models/opus/sources/0/id: duplicate source id 'haiku@anthropic:haiku-upstream'`] });
    });

    it('a model whose name holds an @ cannot hide a repeat behind the per-model check', () => {
      const r = validateSnapshot(
        makeSnapshot((s: any) => {
          s.models['haiku@anthropic'] = { ...structuredClone(s.models.haiku), sources: [{ ...s.models.haiku.sources[0], id: 'haiku@anthropic:haiku-upstream' }] };
        }),
      );
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors).toContain(`/models/haiku@anthropic/sources/0/id: duplicate source id 'haiku@anthropic:haiku-upstream'`);
    });

    it('ids that all start with their own model\'s name may repeat only within that model, and are checked there', () => {
      const ok = validateSnapshot(makeSnapshot((s: any) => s.models.opus.sources.push({ ...s.models.opus.sources[0], id: `${s.models.opus.sources[0].id}-2` })));
      expect(ok.ok).toBe(true);
    });
  });

  it('accepts a null default model', () => {
    expect(validateSnapshot(makeSnapshot((s) => (s.settings.defaultModel = null))).ok).toBe(true);
  });
});

describe('validateSnapshot: references to names Object.prototype has', () => {
  it('reports a tier, a collection or the default naming `constructor` or `toString` as unknown, not found on the prototype', () => {
    const s = makeSnapshot((d) => {
      const tier = Object.keys(d.tiers)[0]!;
      d.tiers[tier]!.models = [...d.tiers[tier]!.models, 'constructor'];
      const collection = Object.keys(d.collections)[0];
      if (collection) d.collections[collection]!.models = ['toString'];
      d.settings.defaultModel = 'hasOwnProperty';
      const model = Object.keys(d.models)[0]!;
      d.models[model]!.sources[0]!.provider = 'valueOf';
      d.models[model]!.nativeTools = ['isPrototypeOf'];
    });
    const r = validateSnapshot(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const all = r.errors.join('\n');
    expect(all).toContain("unknown model 'constructor'");
    expect(all).toContain("unknown model 'hasOwnProperty'");
    expect(all).toContain("unknown provider 'valueOf'");
    expect(all).toContain("unknown native tool 'isPrototypeOf'");
    if (Object.keys(s.collections).length) expect(all).toContain("unknown model 'toString'");
  });
});
