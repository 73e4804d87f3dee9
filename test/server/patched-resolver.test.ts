// A server taking one-model pushes builds each resolver by patching the one
// before (runtime/index-patch.ts, over the objects the check by difference
// keeps), and counts it in /v1/status. Every answer must still be the answer
// of a resolver built from scratch over the same snapshot: pushed through the
// real HTTP API, a chain of the usual applies (re-ordered, re-weighted,
// drained, re-described, re-priced models) answers each resolve and catalog
// as a fresh resolver does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/runtime/canonical.js';
import { createResolver, type ResolveRequest, type Snapshot } from '../../src/runtime/index.js';
import { edit } from '../plan/fixtures.js';
import { call, put, testServer, type TestServer } from './helpers.js';
// @ts-expect-error: a plain .mjs bench helper without types
import { BENCH_ENV, generateSnapshot, modelName } from '../../bench/lib/snapshot-generator.mjs';

const N = 300;
const env = BENCH_ENV as Record<string, string>;
// Fixed, so a weighted order is the same on both sides.
const random = () => 0.42;
type Model = Snapshot['models'][string];

const requests: ResolveRequest[] = [];
for (let i = 0; i < N; i += 5) requests.push({ entryPoint: 'desktop', groups: ['g0'], model: modelName(i) }, { entryPoint: 'cli', groups: ['idp-g3'], model: modelName(i) });
requests.push({ entryPoint: 'desktop', groups: ['g0'], tier: 'auto' }, { entryPoint: 'work-client', groups: [], tier: 'auto' });

const changes: [string, (m: Model) => void][] = [
  ['re-ordered', (m) => void (m.order += 1000)],
  ['a source re-weighted', (m) => void (m.sources[0]!.weight += 7)],
  ['a source drained', (m) => void (m.sources[0]!.weight = 0)],
  ['re-described', (m) => void (m.description = { en: 'Changed.' })],
  ['re-priced', (m) => void (m.pricing = { input: 1, output: 2 })],
  ['the priorities swapped', (m) => void m.sources.forEach((x) => (x.priority = 1 - x.priority))],
];

describe('a server patching its resolver per push', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer({ resolverOptions: { env, random } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers every resolve and catalog as a resolver built from scratch, through a chain of one-model pushes', { timeout: 60_000 }, async () => {
    let snapshot = generateSnapshot(N, 11) as Snapshot;
    expect((await put(server.url, canonicalJson(snapshot), { 'if-none-match': '*' })).status).toBe(200);
    const before = (await call(server.url, 'GET', '/v1/status')).json();
    for (let step = 0; step < 18; step++) {
      const [label, change] = changes[step % changes.length]!;
      const previous = snapshot.version;
      // A model the requests name (every fifth).
      snapshot = edit(snapshot, (d) => change(d.models[modelName((step * 35) % N)]!));
      const pushed = await put(server.url, canonicalJson(snapshot), { 'if-match': `"${previous}"` });
      expect(pushed.status, `${step}: ${label}: ${pushed.text}`).toBe(200);
      const fresh = createResolver(JSON.parse(canonicalJson(snapshot)) as Snapshot, { env, random });
      for (const req of requests) {
        const answer = await call(server.url, 'POST', '/v1/resolve', { body: JSON.stringify(req), headers: { 'content-type': 'application/json' }, token: null });
        expect(answer.json(), `${step}: ${label}: ${JSON.stringify(req)}`).toEqual(JSON.parse(JSON.stringify(fresh.resolve(req))));
      }
      const catalog = await call(server.url, 'GET', '/v1/catalog?entryPoint=desktop&groups=g0', { token: null });
      expect(catalog.json(), `${step}: ${label}: catalog`).toEqual(JSON.parse(JSON.stringify(fresh.catalog({ entryPoint: 'desktop', groups: ['g0'] }))));
    }
    // Every push went by difference (so the model objects were the live snapshot's), and every resolver was patched.
    const after = (await call(server.url, 'GET', '/v1/status')).json();
    expect(after.checks.byDifference).toBe(before.checks.byDifference + 18);
    expect(after.resolverBuilds).toEqual({ full: before.resolverBuilds.full, patched: before.resolverBuilds.patched + 18 });
  });
});
