// The credential report a server keeps beside each resolver is read off the
// resolver's index (resolverCredentialReport). It must be exactly what
// credentialReport works out from the snapshot and the same options: which
// models are hidden, which references they miss, and each provider binding's
// presence. Checked over snapshots whose sources are mixed at random
// (inactive, drained, env and file references, models with none), under many
// sets of present credentials, and for resolvers built with `previous`.
import { describe, expect, it } from 'vitest';
import { createResolver, credentialFiles, credentialReport, type ResolverOptions, type Snapshot } from '../../src/runtime/index.js';
import { resolverCredentialReport } from '../../src/runtime/resolver.js';
import { mulberry32 } from '../support/random.js';
// @ts-expect-error: a plain .mjs bench helper without types
import { BENCH_ENV, generateSnapshot } from '../../bench/lib/snapshot-generator.mjs';

const N = 200;
const ENV_NAMES = Object.keys(BENCH_ENV as Record<string, string>);
const FILES = ['/run/secrets/a', '/run/secrets/b', '/run/secrets/c'];

/** The generated snapshot with its sources mixed: some inactive, drained, on file references; some models inactive or without sources. */
function mixed(seed: number): Snapshot {
  const rand = mulberry32(seed);
  const s = JSON.parse(JSON.stringify(generateSnapshot(N, 4))) as Snapshot;
  for (const m of Object.values(s.models)) {
    if (m === undefined) continue;
    if (rand() < 0.05) m.sources = [];
    if (rand() < 0.05) m.status = 'inactive';
    for (const src of m.sources) {
      const r = rand();
      if (r < 0.15) src.status = 'inactive';
      else if (r < 0.25) src.weight = 0;
      if (rand() < 0.2) src.credential = { file: FILES[Math.floor(rand() * FILES.length)]! };
    }
  }
  for (const p of Object.values(s.providers)) if (p && rand() < 0.3) p.credentials = { ...p.credentials, extra: { file: FILES[0]! } };
  return s;
}

/** A random set of present credentials: each env variable set, empty or unset; each file readable or not. */
function options(rand: () => number): ResolverOptions {
  const env: Record<string, string> = {};
  for (const name of ENV_NAMES) {
    const r = rand();
    if (r < 0.5) env[name] = 'set';
    else if (r < 0.7) env[name] = '';
  }
  const readable = new Set(FILES.filter(() => rand() < 0.5));
  return { env, fileExists: (path) => readable.has(path) };
}

describe('the credential report read off a resolver', () => {
  it('is credentialReport of the same snapshot and options, over random mixes', () => {
    const rand = mulberry32(7);
    let hiddenSeen = 0;
    let visibleSeen = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const s = mixed(seed);
      for (let round = 0; round < 8; round++) {
        const opts = options(rand);
        const fromIndex = resolverCredentialReport(createResolver(s, opts));
        expect(fromIndex).toEqual(credentialReport(s, opts));
        hiddenSeen += fromIndex.hidden.length;
        visibleSeen += N - fromIndex.hidden.length;
      }
    }
    // The mixes must cover both cases, or the comparison proves little.
    expect(hiddenSeen).toBeGreaterThan(100);
    expect(visibleSeen).toBeGreaterThan(100);
  });

  it('everything present, nothing present, and no options at all', () => {
    const s = mixed(11);
    const all: ResolverOptions = { env: Object.fromEntries(ENV_NAMES.map((n) => [n, 'x'])), fileExists: () => true };
    const none: ResolverOptions = { env: {}, fileExists: () => false };
    for (const opts of [all, none, { env: {} }]) expect(resolverCredentialReport(createResolver(s, opts))).toEqual(credentialReport(s, opts));
    const hiddenAll = resolverCredentialReport(createResolver(s, none));
    expect(hiddenAll.warning).toMatch(/^\d+ models are hidden: /);
    expect(resolverCredentialReport(createResolver(s, all))).toMatchObject({ hidden: [], missing: [], warning: null });
  });

  it('agrees for resolvers built with previous over shared model objects, as presence changes', () => {
    const rand = mulberry32(3);
    let s = mixed(21);
    let previous = createResolver(s, options(rand));
    for (let step = 0; step < 10; step++) {
      // Share every model object but a few changed ones, as a push by difference does.
      const models = { ...s.models };
      const names = Object.keys(models);
      for (let k = 0; k < 3; k++) {
        const name = names[Math.floor(rand() * names.length)]!;
        const m = models[name]!;
        models[name] = { ...m, sources: m.sources.map((src) => ({ ...src, status: rand() < 0.5 ? 'active' : 'inactive' })) };
      }
      s = { ...s, models };
      const opts = options(rand);
      const next = createResolver(s, { ...opts, previous });
      expect(resolverCredentialReport(next), `step ${step}`).toEqual(credentialReport(s, opts));
      previous = next;
    }
  });

  it('refuses a resolver it did not build, rather than guess', () => {
    const r = createResolver(mixed(1), {});
    expect(() => resolverCredentialReport({ ...r })).toThrow(/not a resolver built by createResolver/);
  });
});

describe('credentialFiles', () => {
  /** The paths as a plain walk over every source and binding finds them. */
  const walked = (s: Snapshot): string[] => {
    const paths = new Set<string>();
    for (const m of Object.values(s.models)) for (const src of m?.sources ?? []) if ('file' in src.credential) paths.add(src.credential.file);
    for (const p of Object.values(s.providers)) for (const ref of Object.values(p?.credentials ?? {})) if ('file' in ref) paths.add(ref.file);
    return [...paths].sort();
  };

  it('names every file reference once, in sources and provider bindings', () => {
    const s = mixed(5);
    expect(credentialFiles(s).sort()).toEqual(walked(s));
    expect(walked(s).length).toBeGreaterThan(1);
  });

  it('follows a model object replaced by a push, while the objects kept are answered as before', () => {
    let s = mixed(9);
    expect(credentialFiles(s).sort()).toEqual(walked(s));
    const rand = mulberry32(4);
    for (let step = 0; step < 5; step++) {
      const models = { ...s.models };
      const names = Object.keys(models);
      const name = names[Math.floor(rand() * names.length)]!;
      const m = models[name]!;
      // A new object, as a push parses a changed model anew: every source on a path of its own.
      models[name] = { ...m, sources: m.sources.map((src, i) => ({ ...src, credential: { file: `/run/secrets/step-${step}-${i}` } })) };
      s = { ...s, models };
      expect(credentialFiles(s).sort(), `step ${step}`).toEqual(walked(s));
    }
  });
});
