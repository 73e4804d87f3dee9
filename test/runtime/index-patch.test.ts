// The index patched from the previous one (index-patch.ts) must be the index
// a full build gives, structure for structure, whenever the patch answers;
// and it must answer for the changes it was built for (a few models changed
// in ways that move no slot), and decline the rest. A seeded chain of random
// changes, each checked against a full build over the same snapshot, with
// each patch built from the one before (so patches of patches are covered).
import { describe, expect, it } from 'vitest';
import { buildIndex, type SnapshotIndex } from '../../src/runtime/indexes.js';
import { patchIndex } from '../../src/runtime/index-patch.js';
import { createResolver, type ResolveRequest, type Snapshot } from '../../src/runtime/index.js';
import { mulberry32 } from '../support/random.js';
// @ts-expect-error: a plain .mjs bench helper without types
import { BENCH_ENV, generateSnapshot, modelName } from '../../bench/lib/snapshot-generator.mjs';

type Model = Snapshot['models'][string];
const N = 500;
const env = BENCH_ENV as Record<string, string>;

/** The generated catalog with some internal models serving tasks, so the task lists are exercised. */
function start(): Snapshot {
  const s = generateSnapshot(N, 9) as Snapshot;
  const models = { ...s.models };
  for (let i = 0; i < N; i += 11) models[modelName(i)] = { ...models[modelName(i)]!, access: 'internal', tasks: i % 2 ? ['title'] : ['title', 'summary'] };
  return { ...s, models };
}

/** Everything an index answers from, as plain data (objects compared by value, model objects by identity). */
function shape(ix: SnapshotIndex) {
  const names = (list: readonly { name: string }[]) => list.map((m) => m.name);
  return {
    models: [...ix.models].map(([name, mi]) => [name, { ...mi, model: mi.model === ix.snapshot.models[name] }]),
    ordered: names(ix.ordered),
    names: ix.names,
    listed: names(ix.listed),
    tasks: [...ix.tasks].map(([task, list]) => [task, names(list)]),
    tiers: [...ix.tiers].map(([name, t]) => [name, { ...t, models: names(t.models) }]),
    tiersByEntryPoint: [...ix.tiersByEntryPoint].map(([ep, list]) => [ep, names(list)]),
    knownEntryPoints: [...ix.knownEntryPoints].sort(),
    knownLocales: [...ix.knownLocales].sort(),
    routes: { attempts: ix.routes.attempts, weights: ix.routes.weights, priorities: ix.routes.priorities },
    collections: ix.collections,
    toolRequires: [...ix.toolRequires],
    groupLookup: [...ix.groupLookup],
  };
}

/** `s` with the listed models replaced by `edit`'s copies; every other object shared, as a push by difference leaves them. */
function withModels(s: Snapshot, names: string[], edit: (m: Model, i: number) => Model): Snapshot {
  const models = { ...s.models };
  names.forEach((n, i) => (models[n] = edit(structuredClone(models[n]!), i)));
  return { ...s, models, version: `sha256:${String(names.length).padStart(64, '0')}` };
}

let added = 0;

type Change = { label: string; patches: boolean; make: (s: Snapshot, pick: () => string) => Snapshot; env?: Record<string, string> };

const withSource = (m: Model, edit: (x: Model['sources'][number]) => void): Model => {
  const x = m.sources.find((y) => y.status === 'active' && y.weight > 0);
  if (x) edit(x);
  return m;
};

// Each change says whether the patch must answer: the few-models case that moves no slot does; the rest do not.
const changes: Change[] = [
  { label: 'one model re-ordered', patches: true, make: (s, pick) => withModels(s, [pick()], (m) => ({ ...m, order: m.order + 1000 })) },
  { label: 'three models re-ordered', patches: true, make: (s, pick) => withModels(s, [pick(), pick(), pick()], (m, i) => ({ ...m, order: -i })) },
  { label: 'display name, prompt and pricing edited', patches: true, make: (s, pick) => withModels(s, [pick()], (m) => ({ ...m, displayName: { ...m.displayName, en: 'Renamed' }, systemPrompt: 'Be brief.', pricing: { input: 1, output: 2 } })) },
  { label: 'a source re-weighted', patches: true, make: (s, pick) => withModels(s, [pick()], (m) => withSource(m, (x) => void (x.weight = x.weight + 7))) },
  { label: 'a source moved to another provider endpoint', patches: true, make: (s, pick) => withModels(s, [pick()], (m) => withSource(m, (x) => void (x.baseUrl = 'https://elsewhere.example/v1'))) },
  { label: 'capabilities and availability edited', patches: true, make: (s, pick) => withModels(s, [pick()], (m) => ({ ...m, capabilities: ['text'], availability: { groups: ['g2'] } })) },
  { label: 'the same content, new objects', patches: true, make: (s, pick) => withModels(s, [pick(), pick()], (m) => m) },
  { label: 'nothing changed but the version', patches: true, make: (s) => ({ ...s, version: `sha256:${'e'.repeat(64)}` }) },
  { label: 'a source drained (a slot moves to the drained end)', patches: true, make: (s, pick) => withModels(s, [pick()], (m) => withSource(m, (x) => void (x.weight = 0))) },
  { label: 'a source switched off (fewer slots)', patches: false, make: (s, pick) => withModels(s, [pick()], (m) => withSource(m, (x) => void (x.status = 'inactive'))) },
  { label: 'a source added (more slots)', patches: false, make: (s, pick) => withModels(s, [pick()], (m) => ({ ...m, sources: [...m.sources, { ...m.sources[0]!, id: `${m.sources[0]!.id}-extra`, weight: 5 }] })) },
  { label: 'entry points changed', patches: false, make: (s, pick) => withModels(s, [pick()], (m) => ({ ...m, entryPoints: m.entryPoints === null ? ['cli'] : null })) },
  { label: 'a locale added to a display name', patches: false, make: (s, pick) => withModels(s, [pick()], (m) => ({ ...m, displayName: { ...m.displayName, fr: 'Modèle' } })) },
  { label: 'a model made internal', patches: false, make: (s, pick) => withModels(s, [pick()], (m) => ({ ...m, access: m.access === 'public' ? 'internal' : 'public', tasks: ['title'] })) },
  { label: 'a model switched off', patches: false, make: (s, pick) => withModels(s, [pick()], (m) => ({ ...m, status: m.status === 'active' ? 'inactive' : 'active' })) },
  { label: 'every model re-ordered', patches: false, make: (s) => withModels(s, Object.keys(s.models), (m) => ({ ...m, order: -m.order })) },
  { label: 'a model added', patches: false, make: (s) => ({ ...s, models: { ...s.models, [`zz-${Object.keys(s.models).length}-${added++}`]: structuredClone(s.models[modelName(1)]!) } }) },
  { label: 'a model removed', patches: false, make: (s) => { const { [Object.keys(s.models).at(-1)!]: _gone, ...models } = s.models; return { ...s, models }; } },
  { label: 'the global system prompt changed', patches: false, make: (s) => ({ ...s, settings: { ...s.settings, globalSystemPrompt: `Prompt ${Math.random()}` } }) },
  { label: 'a credential gone from the environment (answers only when the one before was too)', patches: true, make: (s, pick) => withModels(s, [pick()], (m) => ({ ...m, order: m.order + 1 })), env: { ...env, BENCH_OPENAI_KEY: '' } },
];

/** An internal model's changes keep it internal with its tasks: the task lists are patched. */
const internalChange: Change = { label: 'an internal model re-ordered', patches: true, make: (s) => withModels(s, [modelName(22)], (m) => ({ ...m, order: m.order - 3 })) };
/** … and its tasks changed: other task lists: a full build. */
const internalTasks: Change = { label: 'an internal model serving another task', patches: false, make: (s) => withModels(s, [modelName(44)], (m) => ({ ...m, tasks: m.tasks.length === 2 ? ['title'] : ['title', 'summary'] })) };

describe('patching an index for a few changed models', () => {
  it('gives the full build\'s index, and answers exactly for the changes that move no slot (a seeded chain of 120)', () => {
    const rand = mulberry32(42);
    let s = start();
    // Each change edits models not edited before (public, active, every source routable), so what it does is what its label says.
    const pool = Object.keys(s.models).filter((n) => s.models[n]!.access === 'public' && s.models[n]!.status === 'active');
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const pick = () => pool.pop()!;
    let stepEnv = env;
    let prev = buildIndex(s, { env: stepEnv });
    const taken = { patched: 0, full: 0 };
    for (let step = 0; step < 120; step++) {
      const change = step % 17 === 5 ? internalChange : step % 17 === 11 ? internalTasks : changes[Math.floor(rand() * changes.length)]!;
      const next = change.make(s, pick);
      const nextEnv = change.env ?? env;
      const before = shape(prev);
      const patched = patchIndex(prev, next, { env: nextEnv });
      const full = buildIndex(next, { env: nextEnv });
      // A credential present in one build and not in the next moves slots: a full build.
      const sameCredentials = stepEnv.BENCH_OPENAI_KEY === nextEnv.BENCH_OPENAI_KEY;
      expect(patched !== null, `step ${step}: ${change.label}`).toBe(change.patches && sameCredentials);
      expect(shape(prev), `step ${step}: the previous index is left as it was`).toEqual(before);
      if (patched) {
        expect(shape(patched), `step ${step}: ${change.label}`).toEqual(shape(full));
        taken.patched++;
      } else taken.full++;
      prev = patched ?? full;
      s = next;
      stepEnv = nextEnv;
    }
    expect(taken.patched).toBeGreaterThan(40);
    expect(taken.full).toBeGreaterThan(30);
  });

  it('shares the route table when the changed models route as before, and copies it when they do not', () => {
    const s = start();
    const ix = buildIndex(s, { env });
    const name = modelName(3);
    const reordered = patchIndex(ix, withModels(s, [name], (m) => ({ ...m, order: 9999 })), { env })!;
    expect(reordered.routes).toBe(ix.routes);
    const weightsBefore = ix.routes.weights.slice();
    const reweighted = patchIndex(ix, withModels(s, [name], (m) => withSource(m, (x) => void (x.weight += 1))), { env })!;
    expect(reweighted.routes).not.toBe(ix.routes);
    expect(ix.routes.weights).toEqual(weightsBefore);
    const at = reweighted.models.get(name)!.routeStart;
    expect(reweighted.routes.weights[at]).toBe(weightsBefore[at]! + 1);
  });

  it('asks the new options, not the previous build\'s, about a credential file that build never saw', () => {
    const s = start();
    const name = modelName(5);
    const ix = buildIndex(s, { env, fileExists: () => false });
    // The model moves its first source onto a file the new options find readable, and gains a source: judged by the
    // previous options the file is absent and the count of routable sources unchanged; it is present, so one more.
    const next = withModels(s, [name], (m) => ({ ...m, sources: [...m.sources.map((x, i) => (i === 0 ? { ...x, credential: { file: '/run/secrets/new' } } : x)), { ...m.sources[1]!, id: `${m.sources[1]!.id}-2` }] }));
    const opts = { env, fileExists: (path: string) => path === '/run/secrets/new' };
    const full = buildIndex(next, opts);
    expect(full.models.get(name)!.routeCount).toBe(ix.models.get(name)!.routeCount + 1);
    const patched = patchIndex(ix, next, opts);
    if (patched) expect(shape(patched)).toEqual(shape(full));
  });

  it('declines past its chain length, so a full build bounds what the carried interner holds', () => {
    let s = start();
    let ix = buildIndex(s, { env });
    let chain = 0;
    for (let i = 0; i < 300; i++) {
      s = withModels(s, [modelName(i % N)], (m) => ({ ...m, order: m.order + 1 }));
      const patched = patchIndex(ix, s, { env });
      if (patched === null) break;
      ix = patched;
      chain++;
    }
    expect(chain).toBe(256);
    expect(ix.patches).toBe(256);
  });

  it('a resolver built with `previous` answers from the patched index as one built from scratch', () => {
    let s = start();
    const random = () => 0.61;
    let previous = createResolver(s, { env, random });
    const rand = mulberry32(7);
    const names = Object.keys(s.models);
    const requests: ResolveRequest[] = names.filter((_, i) => i % 9 === 0).flatMap((model) => [
      { entryPoint: 'desktop', groups: ['g0'], model },
      { entryPoint: 'cli', groups: [], model },
    ]);
    requests.push({ entryPoint: 'desktop', groups: ['g3'], tier: 'auto' }, { entryPoint: 'cli', groups: [], task: 'title' }, { entryPoint: 'cli', groups: [], task: 'summary' });
    for (let step = 0; step < 30; step++) {
      const change = [changes[0]!, changes[3]!, changes[8]!, internalChange][step % 4]!;
      s = change.make(s, () => names[Math.floor(rand() * names.length)]!);
      const reused = createResolver(s, { env, random, previous });
      const fresh = createResolver(structuredClone(s), { env, random });
      for (const req of requests) expect(reused.resolve(req), `${change.label}: ${JSON.stringify(req)}`).toEqual(fresh.resolve(req));
      for (const groups of [[], ['g0'], ['idp-g1']]) expect(reused.catalog({ entryPoint: 'desktop', groups })).toEqual(fresh.catalog({ entryPoint: 'desktop', groups }));
      previous = reused;
    }
  });
});
