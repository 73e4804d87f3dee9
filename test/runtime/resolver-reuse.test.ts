// A resolver built with `previous` over a snapshot that shares model objects
// with the previous one (what a server's push by difference makes) reuses
// what it worked out for those objects. It must answer exactly as a resolver
// built from scratch over an unshared copy: every resolve and catalog, after
// changes to models, to the global system prompt, to groups, and to which
// credentials are present.
import { describe, expect, it } from 'vitest';
import { createResolver, type ResolveRequest, type Resolver, type Snapshot } from '../../src/runtime/index.js';
// @ts-expect-error: a plain .mjs bench helper without types
import { BENCH_ENV, generateSnapshot, modelName } from '../../bench/lib/snapshot-generator.mjs';

const N = 300;
const env = BENCH_ENV as Record<string, string>;
const random = () => 0.37;
const clone = (s: Snapshot): Snapshot => JSON.parse(JSON.stringify(s)) as Snapshot;

/** `s` with the models `change` touches replaced by changed copies; every other object shared. */
function shared(s: Snapshot, change: (models: Record<string, Snapshot['models'][string]>) => void, top: Partial<Snapshot> = {}): Snapshot {
  const models = { ...s.models };
  change(models);
  return { ...s, ...top, models, version: `sha256:${'1'.repeat(64)}` };
}

const requests: ResolveRequest[] = [];
for (let i = 0; i < N; i += 7)
  for (const [entryPoint, groups] of [
    ['desktop', ['g0']],
    ['desktop-experts', ['idp-g1']],
    ['cli', []],
  ] as const)
    requests.push({ entryPoint, groups: [...groups], model: modelName(i) });
requests.push({ entryPoint: 'desktop', groups: ['g0'], tier: 'auto' }, { entryPoint: 'work-client', groups: [], tier: 'auto' });

function expectSameAnswers(reused: Resolver, fresh: Resolver): void {
  for (const req of requests) expect(reused.resolve(req), JSON.stringify(req)).toEqual(fresh.resolve(req));
  for (const entryPoint of ['desktop', 'desktop-experts', 'cli']) for (const groups of [[], ['g0'], ['idp-g1', 'g3']]) expect(reused.catalog({ entryPoint, groups })).toEqual(fresh.catalog({ entryPoint, groups }));
}

describe('a resolver built over the previous snapshot\'s objects', () => {
  it('answers as one built from scratch, through a chain of changes', () => {
    let current = generateSnapshot(N, 4) as Snapshot;
    let previous = createResolver(current, { env, random });
    const steps: [string, (s: Snapshot) => Snapshot, Record<string, string>?][] = [
      ['one model re-ordered', (s) => shared(s, (m) => void (m[modelName(10)] = { ...m[modelName(10)]!, order: -5 }))],
      ['a source drained, another model made internal', (s) => shared(s, (m) => void ((m[modelName(20)] = { ...m[modelName(20)]!, sources: m[modelName(20)]!.sources.map((x, i) => (i === 0 ? { ...x, weight: 0 } : x)) }), (m[modelName(21)] = { ...m[modelName(21)]!, access: 'internal' })))],
      ['a model restricted to groups', (s) => shared(s, (m) => void (m[modelName(30)] = { ...m[modelName(30)]!, availability: { groups: ['g1'] } }))],
      ['the global system prompt changed (every model\'s prompt with it)', (s) => shared(s, () => {}, { settings: { ...s.settings, globalSystemPrompt: 'Answer in French.' } })],
      ['groups changed (availabilities compiled again)', (s) => shared(s, () => {}, { groups: { ...s.groups, g1: { description: '', aliases: ['idp-g1', 'idp-new'] } } })],
      ['a credential gone from the environment', (s) => shared(s, (m) => void (m[modelName(40)] = { ...m[modelName(40)]!, order: 1 })), { ...env, BENCH_OPENAI_KEY: '' }],
      ['a model removed, one added', (s) => shared(s, (m) => void (delete m[modelName(50)], (m['zz-new'] = { ...m[modelName(51)]!, sources: [] })))],
    ];
    for (const [label, change, stepEnv = env] of steps) {
      const next = change(current);
      const reused = createResolver(next, { env: stepEnv, random, previous });
      const fresh = createResolver(clone(next), { env: stepEnv, random });
      expect(reused.version, label).toBe(fresh.version);
      expectSameAnswers(reused, fresh);
      previous = reused;
      current = next;
    }
  });

  it('a model whose routes keep their slots but whose present credential moved to its other source routes to that source', () => {
    // Two sources in one priority class, each behind its own credential: one present, then the other.
    // The model's slots are the same in both builds (it is the first model, with one routable source each
    // time), so its index may be the one built before; the attempt must still be the new table's.
    const base = generateSnapshot(N, 6) as Snapshot;
    const first = modelName(0);
    const sources = base.models[first]!.sources.slice(0, 2);
    expect(sources.map((x) => x.credential)).toEqual([{ env: 'BENCH_ANTHROPIC_KEY' }, { env: 'BENCH_OPENAI_KEY' }]);
    const s = shared(base, (m) => void (m[first] = { ...m[first]!, sources }));
    const onlyAnthropic = { ...env, BENCH_OPENAI_KEY: '' };
    const onlyOpenAI = { ...env, BENCH_ANTHROPIC_KEY: '' };
    const before = createResolver(s, { env: onlyAnthropic, random });
    const req: ResolveRequest = { entryPoint: 'cli', groups: [], model: first };
    const sourceIds = (r: Resolver) => {
      const answer = r.resolve(req) as { attempts?: { sourceId: string }[] };
      return answer.attempts?.map((a) => a.sourceId);
    };
    expect(sourceIds(before)).toEqual([sources[0]!.id]);
    const after = createResolver(shared(s, () => {}), { env: onlyOpenAI, random, previous: before });
    expect(sourceIds(after)).toEqual([sources[1]!.id]);
    expectSameAnswers(after, createResolver(clone(s), { env: onlyOpenAI, random }));
  });

  it('a credential that came back routes again, although the model object is the same', () => {
    const s = generateSnapshot(N, 5) as Snapshot;
    const without = createResolver(s, { env: { ...env, BENCH_ANTHROPIC_KEY: '' }, random });
    const again = createResolver(shared(s, () => {}), { env, random, previous: without });
    expectSameAnswers(again, createResolver(clone(s), { env, random }));
  });
});
