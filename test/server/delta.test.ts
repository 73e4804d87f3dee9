// A push that changes one model of the live snapshot is checked by the
// change (src/snapshot-bytes/delta.ts). It must give exactly the answer the full
// check gives for the same bytes — the same snapshot value, serial and bytes,
// the same refusals — and keep a basis equal to the one a full check keeps.
// Anything that is not a one-model change of canonical bytes must go the
// full way (counts.delta stays where it was).
import { afterAll, describe, expect, it } from 'vitest';
import type * as VerifyModule from '../../src/server/verify.js';
import { inlineVerifier, type Checked, type Verifier } from '../../src/server/verify.js';
import { canonicalJson } from '../../src/runtime/canonical.js';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { edit } from '../plan/fixtures.js';
import type { Snapshot } from '../../src/runtime/index.js';
// @ts-expect-error: a plain .mjs bench helper without types
import { generateSnapshot } from '../../bench/lib/snapshot-generator.mjs';

const dist = (await import(new URL('../../dist/server/verify.js', import.meta.url).href)) as typeof VerifyModule;
const keys = generateSigningKeys();
const other = generateSigningKeys();
const base = generateSnapshot(300, 7) as Snapshot;
const names = Object.keys(base.models);
type Model = Snapshot['models'][string];
/** Model `i` of a snapshot or of edit()'s draft. */
const model = (s: Pick<Snapshot, 'models'>, i: number): Model => s.models[names[i]!]!;

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/**
 * The same answer, field by field: the snapshot as JSON (key order included),
 * serial, bytes, and the basis kept (its bytes, models' spans and snapshot).
 * (toEqual on the byte arrays compares them element by element: minutes.)
 */
function expectSameAnswer(a: Checked, b: Checked, label: string): void {
  if (!a.ok || !b.ok) return void expect(a, label).toEqual(b);
  expect(JSON.stringify(a.snapshot), label).toBe(JSON.stringify(b.snapshot));
  expect(a.serial, label).toBe(b.serial);
  expect(same(a.bytes, b.bytes), label).toBe(true);
  expect(a.basis === undefined, label).toBe(b.basis === undefined);
  if (!a.basis || !b.basis) return;
  expect(same(a.basis.canonical, b.basis.canonical), label).toBe(true);
  expect(same(new Uint8Array(a.basis.models.buffer), new Uint8Array(b.basis.models.buffer)), label).toBe(true);
  expect(JSON.stringify(a.basis.snapshot), label).toBe(JSON.stringify(b.basis.snapshot));
}

/** Checks `doc` against the live basis and against nothing, and expects the same answer; returns it and whether it went by difference. */
async function both(verifier: Verifier, fresh: Verifier, live: Checked, doc: string, label = ''): Promise<{ checked: Checked; byDelta: boolean }> {
  const before = verifier.counts.delta;
  const checked = await verifier.check(doc, live.ok ? live.basis : undefined);
  expectSameAnswer(checked, await fresh.check(doc), label);
  return { checked, byDelta: verifier.counts.delta > before };
}

describe('checking a push by what changed', () => {
  const verifiers: Verifier[] = [];
  afterAll(async () => {
    for (const v of verifiers) await v.close();
  });
  const pair = (make: () => Verifier): [Verifier, Verifier] => {
    const made: [Verifier, Verifier] = [make(), make()];
    verifiers.push(...made);
    return made;
  };

  it('a chain of one-model changes goes by difference, with the full check\'s answer and basis each time', async () => {
    const [v, fresh] = pair(() => inlineVerifier(undefined));
    let snapshot = base;
    let live = await v.check(canonicalJson(snapshot));
    expect(live.ok && live.basis).toBeTruthy();
    const changes: ((d: Pick<Snapshot, 'models'>, n: number) => void)[] = [
      (d, n) => void (model(d, 0).description = { en: `first model, edit ${n}` }), // the first model
      (d, n) => void (model(d, names.length - 1).order = n), // the last model
      (d) => void (model(d, 150).description = { en: 'longer and longer and longer: 長い説明 ✓ "quoted" \\ back' }), // grows, non-ASCII, escapes
      (d) => void (model(d, 150).description = { en: '' }), // shrinks
      (d, n) => void (model(d, 42).sources = n % 2 ? [...model(base, 42).sources] : model(base, 42).sources.slice(0, 1)), // a source removed, put back
      (d, n) => void (model(d, 42).pricing = { input: 0.25 + n, output: 1e-7 * (n + 1) }), // number forms
      (d) => void (model(d, 7).status = model(d, 7).status === 'active' ? 'inactive' : 'active'),
    ];
    for (let n = 0; n < 3; n++)
      for (const [k, change] of changes.entries()) {
        snapshot = edit(snapshot, (d) => change(d, n));
        const doc = canonicalJson(snapshot);
        // The same answer as the full check, basis included: the next change is found in the right place.
        const { checked, byDelta } = await both(v, fresh, live, doc, `change ${k}, round ${n}`);
        expect(checked.ok, `change ${k}, round ${n}`).toBe(true);
        expect(byDelta, `change ${k}, round ${n}`).toBe(true);
        expect(checked.ok && JSON.stringify(checked.snapshot)).toBe(JSON.stringify(JSON.parse(doc)));
        live = checked;
      }
  });

  it('goes by difference for any change inside the models map: several models, added, removed, renamed, far apart', async () => {
    const [v, fresh] = pair(() => inlineVerifier(undefined));
    const live = await v.check(canonicalJson(base));
    const rename = (d: Pick<Snapshot, 'models'>, from: string, to: string) => {
      d.models[to] = d.models[from]!;
      delete d.models[from];
      for (const source of d.models[to]!.sources) source.id = source.id.replace(`${from}@`, `${to}@`);
    };
    const cases: Record<string, Snapshot> = {
      'two neighbours changed': edit(base, (d) => void ((model(d, 3).order = 99), (model(d, 4).order = 98))),
      'two models far apart changed': edit(base, (d) => void ((model(d, 3).order = 99), (model(d, 200).order = 98))),
      'a model added in the middle': edit(base, (d) => void (d.models[`${names[150]}-b`] = { ...structuredClone(model(d, 150)), sources: [] })),
      'a model added first': edit(base, (d) => void (d.models['0-first'] = { ...structuredClone(model(d, 1)), sources: [] })),
      'a model added last': edit(base, (d) => void (d.models['zz-last'] = { ...structuredClone(model(d, 1)), sources: [] })),
      'a model removed': edit(base, (d) => void delete d.models[names[290]!]),
      'the last model removed': edit(base, (d) => void delete d.models[names[names.length - 1]!]),
      'a model renamed': edit(base, (d) => rename(d, names[250]!, `${names[250]}-renamed`)),
    };
    for (const [name, next] of Object.entries(cases)) {
      const doc = canonicalJson(next);
      const { checked, byDelta } = await both(v, fresh, live, doc, name);
      expect(checked.ok, name).toBe(true);
      expect(byDelta, name).toBe(true);
      expect(checked.ok && JSON.stringify(checked.snapshot), name).toBe(JSON.stringify(JSON.parse(doc)));
    }
  });

  it('keeps the objects of models whose bytes did not change', async () => {
    const v = pair(() => inlineVerifier(undefined))[0];
    const live = await v.check(canonicalJson(base));
    const next = await v.check(canonicalJson(edit(base, (d) => void (model(d, 10).order = 77))), live.ok ? live.basis : undefined);
    if (!live.ok || !next.ok) throw new Error('both load');
    expect(next.snapshot.models[names[11]!]).toBe(live.snapshot.models[names[11]!]);
    expect(next.snapshot.models[names[9]!]).toBe(live.snapshot.models[names[9]!]);
    expect(next.snapshot.models[names[10]!]).not.toBe(live.snapshot.models[names[10]!]);
    expect(next.snapshot.providers).toBe(live.snapshot.providers);
  });

  it('goes the full way for what is not a change of canonical bytes inside the models map, with the same answers', async () => {
    const [v, fresh] = pair(() => inlineVerifier(undefined));
    const live = await v.check(canonicalJson(base));
    const oneChanged = edit(base, (d) => void (model(d, 3).order = 99));
    const cases: Record<string, string> = {
      'settings changed': canonicalJson(edit(base, (d) => void (d.settings.globalSystemPrompt = 'Be brief.'))),
      'a model and a tier changed': canonicalJson(edit(base, (d) => void ((model(d, 3).order = 99), (Object.values(d.tiers)[0]!.order = 42)))),
      'the same content': canonicalJson(base),
      'pretty-printed, one model changed': JSON.stringify(oneChanged, null, 1),
      'forged version, one model changed': canonicalJson({ ...oneChanged, version: base.version }),
      'schema error in the changed model': canonicalJson(edit(base, (d) => void ((model(d, 3) as unknown as Record<string, unknown>)['colour'] = 'blue'))),
      'rule error in the changed model': canonicalJson(edit(base, (d) => void (model(d, 3).sources[0]!.provider = 'nowhere'))),
      'a model removed that a tier names': canonicalJson(edit(base, (d) => void delete d.models[names[1]!])),
      "a changed model's source id repeats another model's": canonicalJson(edit(base, (d) => void (model(d, 3).sources[0]!.id = model(d, 200).sources[0]!.id))),
      'a changed model repeats one of its own source ids': canonicalJson(edit(base, (d) => void model(d, 3).sources.push({ ...model(d, 3).sources[0]! }))),
      'an unknown native tool in the changed model': canonicalJson(edit(base, (d) => void (model(d, 3).nativeTools = ['no-such-tool']))),
      "an unknown group in the changed model's availability": canonicalJson(edit(base, (d) => void (model(d, 3).availability = { groups: ['no-such-group'] }))),
      'not canonical inside the changed model': canonicalJson(oneChanged).replace('"order":99', '"order":99.0'),
      'keys out of order inside the models map': canonicalJson(base).replace(`"${names[3]}":`, '"zzz":'),
      'a key renamed inside the changed model': canonicalJson(base).replace(`"${names[3]}":{"access"`, `"${names[3]}":{"acess"`),
      'truncated': canonicalJson(base).slice(0, -200),
    };
    const passes = new Set(['settings changed', 'a model and a tier changed', 'the same content', 'pretty-printed, one model changed', 'not canonical inside the changed model']);
    for (const [name, doc] of Object.entries(cases)) {
      const { checked, byDelta } = await both(v, fresh, live, doc, name);
      expect(byDelta, name).toBe(false);
      expect(checked.ok, name).toBe(passes.has(name));
    }
  });

  it('goes the full way when a model name is an array index (JavaScript lists those first, not in the bytes\' order)', async () => {
    const [v, fresh] = pair(() => inlineVerifier(undefined));
    const numbered = edit(base, (d) => void (d.models['7'] = { ...structuredClone(model(d, 1)), sources: [] }));
    const live = await v.check(canonicalJson(numbered));
    const { checked, byDelta } = await both(v, fresh, live, canonicalJson(edit(numbered, (d) => void (model(d, 100).order = 5))));
    expect(checked.ok).toBe(true);
    expect(byDelta).toBe(false);
  });

  it('under a verify key: a signed one-model change goes by difference with its serial; a bad signature is refused as the full check refuses it', async () => {
    const [v, fresh] = pair(() => inlineVerifier(keys.publicKeyPem));
    const live = await v.check(canonicalJson(signSnapshot(base, keys.privateKeyPem, { serial: 10 })));
    expect(live.ok && live.basis).toBeTruthy();
    const next = edit(base, (d) => void (model(d, 9).order = 1234));
    const signed = await both(v, fresh, live, canonicalJson(signSnapshot(next, keys.privateKeyPem, { serial: 11 })));
    expect(signed.byDelta).toBe(true);
    expect(signed.checked).toMatchObject({ ok: true, serial: 11 });
    for (const doc of [canonicalJson(signSnapshot(next, other.privateKeyPem, { serial: 12 })), canonicalJson(next)]) {
      const refused = await both(v, fresh, live, doc);
      expect(refused.byDelta).toBe(false);
      expect(refused.checked).toMatchObject({ ok: false, code: 'signature' });
    }
    const altered = signSnapshot(next, keys.privateKeyPem, { serial: 13 });
    altered.signature.value = Buffer.from(Buffer.from(altered.signature.value, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64');
    expect((await both(v, fresh, live, canonicalJson(altered))).checked).toMatchObject({ ok: false, code: 'signature' });
  });

  it('the worker verifier goes by difference too, before any large-document work', async () => {
    const [v, fresh] = pair(() => dist.workerVerifier(undefined, 5_000, 0));
    const live = await v.check(canonicalJson(base));
    expect(live.ok && live.basis).toBeTruthy();
    const { checked, byDelta } = await both(v, fresh, live, canonicalJson(edit(base, (d) => void (model(d, 100).order = 5))));
    expect(byDelta).toBe(true);
    expect(checked.ok).toBe(true);
    expect(v.counts.worker).toBe(1);
  });
});

describe('a server reports how it checked pushes', () => {
  it('/v1/status and /metrics count the checks by difference, inline and in the worker', async () => {
    const { testServer, put, call, TOKEN, GATEWAY } = await import('./helpers.js');
    const server = await testServer({ verifyIn: 'inline' });
    try {
      const first = await put(server.url, canonicalJson(base), { 'if-none-match': '*' });
      expect(first.status).toBe(200);
      const next = edit(base, (d) => void (model(d, 12).order = 4321));
      const second = await put(server.url, canonicalJson(next), { 'if-match': `"${base.version}"` });
      expect(second.status, second.text).toBe(200);
      const status = (await call(server.url, 'GET', '/v1/status', { token: null })).json();
      expect(status.version).toBe(next.version);
      expect(status.checks).toEqual({ inline: 1, worker: 0, byDifference: 1 });
      // The first resolver over every model; the second patched from it (one model changed in place).
      expect(status.resolverBuilds).toEqual({ full: 1, patched: 1 });
      const metrics = (await call(server.url, 'GET', '/metrics', { token: null })).text;
      expect(metrics).toContain('modelctl_snapshot_checks_total{way="difference"} 1');
      expect(metrics).toContain('modelctl_snapshot_checks_total{way="inline"} 1');
      expect(metrics).toContain('modelctl_resolver_builds_total{way="full"} 1');
      expect(metrics).toContain('modelctl_resolver_builds_total{way="patched"} 1');
      for (const secret of [TOKEN, GATEWAY]) expect(JSON.stringify(status) + metrics).not.toContain(secret);
    } finally {
      await server.close();
    }
  });
});
