// A live document read for plan and apply is checked by difference from the
// desired snapshot when it differs from it only in models (document.ts
// checkedByDifference). That check must never accept what the full check
// refuses, and what it accepts must be the value the full check gives: here
// against validateSnapshot and loadSnapshot over live documents made from
// compiled and hand-built desired snapshots by many edits, good and bad.
import { describe, expect, it } from 'vitest';
import { checkedByDifference, parseLiveDocument } from '../../src/apply/document.js';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { documentBytesOf, withVersion } from '../../src/compile/version.js';
import type { Snapshot } from '../../src/generated/types.js';
import { createPlan } from '../../src/plan/index.js';
import { buildSnapshot } from '../../src/pipeline.js';
import { canonicalJson, loadSnapshot, validateSnapshot } from '../../src/runtime/index.js';
import type { Draft } from '../support/snapshot.js';
import { baseSnapshot, edit, model } from '../plan/fixtures.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const bytes = (text: string) => Buffer.from(text, 'utf8');
const doc = (s: unknown) => canonicalJson(s) + '\n';

/** A snapshot made as compile makes it (withVersion keeps its document bytes). */
function compiled(s: Snapshot): Snapshot {
  const { version: _, ...content } = s;
  return withVersion(content);
}

/** models: differs from the desired one in models only (or not at all); other: elsewhere too; invalid: the full check refuses it. */
type Kind = 'models' | 'other' | 'invalid';
type Case = [name: string, kind: Kind, live: (desired: Snapshot) => string];

const cases: Case[] = [
  ['the same snapshot', 'models', (d) => doc(d)],
  ['the same bytes without the final newline', 'models', (d) => canonicalJson(d)],
  ['one model changed', 'models', (d) => doc(edit(d, (x) => void (firstModel(x).description = { en: 'changed since' })))],
  ['one model added', 'models', (d) => doc(edit(d, (x) => void (x.models['aaa-new'] = model('aaa-new'))))],
  ['one model added at the end', 'models', (d) => doc(edit(d, (x) => void (x.models['zzz-new'] = model('zzz-new'))))],
  ['two models far apart changed', 'models', (d) => doc(edit(d, (x) => {
    firstModel(x).order = 991;
    x.models[lastName(x)]!.order = 992;
  }))],
  ['a model without sources', 'models', (d) => doc(edit(d, (x) => void (firstModel(x).sources = [])))],
  ['an unused model removed', 'models', (d) => doc(edit(d, (x) => void delete x.models[unused(x)]))],
  ['an unused model renamed', 'models', (d) => doc(edit(d, (x) => {
    const name = unused(x);
    x.models[`${name}-renamed`] = x.models[name]!;
    delete x.models[name];
  }))],
  ['settings changed', 'other', (d) => doc(edit(d, (x) => void (x.settings.globalSystemPrompt = 'Another prompt.')))],
  ['a provider changed', 'other', (d) => doc(edit(d, (x) => void (Object.values(x.providers)[0]!.baseUrl = 'https://elsewhere.example.com')))],
  ['the same snapshot, pretty-printed (not canonical)', 'other', (d) => JSON.stringify(d, null, 2)],
  ['a model changed, not canonical (a space)', 'other', (d) => doc(edit(d, (x) => void (firstModel(x).order = 79))).replace('"order":79', '"order": 79')],
  // Refused by the full check: must never be taken here.
  ['a model breaking the schema (order not a number)', 'invalid', (d) => doc(edit(d, (x) => void ((firstModel(x) as unknown as Record<string, unknown>)['order'] = 'first')))],
  ['a model with a status the schema does not know', 'invalid', (d) => doc(edit(d, (x) => void ((firstModel(x) as unknown as Record<string, unknown>)['status'] = 'sometimes')))],
  ['a model with a field the schema does not know', 'invalid', (d) => doc(edit(d, (x) => void ((firstModel(x) as unknown as Record<string, unknown>)['surprise'] = 1)))],
  ['a model naming an unknown provider', 'invalid', (d) => doc(edit(d, (x) => void (firstModel(x).sources = [{ ...firstModel(x).sources[0]!, provider: 'nobody' }])))],
  ['a model that a tier or the settings name removed', 'invalid', (d) => doc(edit(d, (x) => void delete x.models[[...namedModels(x)][0]!]))],
  ['a model that is not an object', 'invalid', (d) => doc(edit(d, (x) => void ((x.models as Record<string, unknown>)[lastName(x)] = 'text')))],
  ['not JSON', 'invalid', () => '{"models": '],
  ['an empty object', 'invalid', () => '{}'],
];

/** What plan's read and loadSnapshot differ on: the version hash (loadSnapshot checks it, plan's read of a server does not). */
const versionCases: Case[] = [
  ['a model changed, the version left as it was', 'models', (d) => doc({ ...edit(d, (x) => void (firstModel(x).order = 77)), version: d.version })],
  ['a model changed, the version made up', 'models', (d) => doc({ ...edit(d, (x) => void (firstModel(x).order = 78)), version: `sha256:${'0'.repeat(64)}` })],
];

/** The models tiers, collections or the settings name. */
function namedModels(x: Draft): Set<string> {
  const named = [x.settings.defaultModel, ...Object.values(x.tiers).flatMap((t) => t.models), ...Object.values(x.collections).flatMap((c) => (c as { models: string[] }).models)];
  return new Set(named.filter((n): n is string => typeof n === 'string' && n in x.models));
}

/** A model nothing names (the last such, by name). */
function unused(x: Draft): string {
  const named = namedModels(x);
  return Object.keys(x.models).sort().filter((n) => !named.has(n)).at(-1)!;
}

function firstModel(x: Draft) {
  return x.models[Object.keys(x.models).sort()[0]!]!;
}
function lastName(x: Draft): string {
  return Object.keys(x.models).sort().at(-1)!;
}

/** The full check plan makes of a live document read over HTTP. */
function fullCheck(text: string): Snapshot | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const checked = validateSnapshot(value);
  return checked.ok ? checked.snapshot : null;
}

const desiredSnapshots: [string, () => Promise<Snapshot>][] = [
  ['hand-built, compiled with withVersion', async () => compiled(baseSnapshot())],
  ['hand-built, as it is (no kept bytes)', async () => baseSnapshot()],
  ['examples/quickstart', async () => (await buildSnapshot([`${ROOT}examples/quickstart`], ROOT)).snapshot!],
  ['examples/platform-console', async () => (await buildSnapshot([`${ROOT}examples/platform-console`], ROOT)).snapshot!],
];

describe('checkedByDifference: the live document checked from the desired snapshot', () => {
  it.each(desiredSnapshots)('never takes what the full check refuses, and gives what it gives (desired: %s)', async (_, make) => {
    const desired = await make();
    for (const [name, kind, live] of [...cases, ...versionCases]) {
      const text = live(desired);
      const full = fullCheck(text);
      const near = await checkedByDifference(bytes(text), desired);
      if (kind === 'invalid') expect(full, name).toBeNull();
      if (full === null) {
        expect(near, name).toBeNull();
        continue;
      }
      // A live document with a wrong version hash is left to the full check, which (for a server's answer) does not look at it.
      if (kind === 'other' || versionCases.some(([n]) => n === name)) {
        expect(near, name).toBeNull();
        continue;
      }
      expect(near, name).not.toBeNull();
      expect(near, name).toEqual(full);
      expect(canonicalJson(near), name).toBe(canonicalJson(full));
      // What the plan shows is the same either way.
      expect(createPlan(near, desired), name).toEqual(createPlan(full, desired));
      // Unchanged models are the desired snapshot's own objects: the plan compares them by identity.
      for (const n of Object.keys(near!.models)) {
        if (n in desired.models && canonicalJson(near!.models[n]) === canonicalJson(desired.models[n])) expect(near!.models[n], `${name}: ${n}`).toBe(desired.models[n]);
      }
    }
  });

  it('the same bytes are the desired snapshot itself, bare or in an envelope (whose signature a plan does not verify)', async () => {
    const desired = compiled(baseSnapshot());
    expect(documentBytesOf(desired)?.toString()).toBe(doc(desired));
    expect(await checkedByDifference(bytes(doc(desired)), desired)).toBe(desired);
    const { signature } = signSnapshot(desired, generateSigningKeys().privateKeyPem, { serial: 1 });
    expect(await checkedByDifference(bytes(doc({ signature, snapshot: desired })), desired)).toBe(desired);
  });

  it('a desired snapshot whose models are listed in any order pairs each model with its own bytes', async () => {
    const base = baseSnapshot();
    for (const names of [Object.keys(base.models).sort().reverse(), Object.keys(base.models).sort()]) {
      const desired = compiled({ ...base, models: Object.fromEntries(names.map((n) => [n, base.models[n]!])) });
      const live = edit(base, (x) => void (firstModel(x).order = 5));
      const near = await checkedByDifference(bytes(doc(live)), desired);
      expect(near).not.toBeNull();
      expect(canonicalJson(near)).toBe(canonicalJson(live));
      const edited = names.slice().sort()[0];
      for (const n of names) if (n !== edited) expect(near!.models[n]).toBe(desired.models[n]);
    }
    expect(await checkedByDifference(bytes(doc(base)), null)).toBeNull();
  });

  it('parseLiveDocument (file: and redis:// targets) answers as loadSnapshot does, version hash included', async () => {
    const desired = await desiredSnapshots[2]![1]();
    for (const [name, , live] of [...cases, ...versionCases]) {
      const text = live(desired);
      const full = await loadSnapshot(text);
      const got = await parseLiveDocument(text, desired);
      expect(got.ok, name).toBe(full.ok);
      if (got.ok && full.ok) expect(canonicalJson(got.snapshot), name).toBe(canonicalJson(full.snapshot));
      if (!got.ok && !full.ok) expect(got.errors, name).toEqual(full.errors);
    }
  });
});
