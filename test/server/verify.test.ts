// The verifier checks small documents on the event loop with one parse and
// sends larger ones to the worker thread. Both paths must give the same
// answer for the same bytes: the same snapshot value, the same bytes kept,
// the same refusals with the same messages. Runs the built worker (dist/,
// built by the test global setup).
import { afterAll, describe, expect, it } from 'vitest';
import type * as VerifyModule from '../../src/server/verify.js';
import { canonicalJson } from '../../src/runtime/canonical.js';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import type { Snapshot } from '../../src/runtime/index.js';
// @ts-expect-error: a plain .mjs bench helper without types
import { generateSnapshot } from '../../bench/lib/snapshot-generator.mjs';

const dist = (await import(new URL('../../dist/server/verify.js', import.meta.url).href)) as typeof VerifyModule;
const keys = generateSigningKeys();
const v1 = baseSnapshot();
const signed = signSnapshot(v1, keys.privateKeyPem, { serial: 3 });
const other = generateSigningKeys();
const badSchema = edit(v1, (d) => void ((d.models['gpt-5']!.pricing as { input: unknown }).input = 'free'));
const badRule = edit(v1, (d) => void (d.models['gpt-5']!.sources[0]!.provider = 'nowhere'));
const altered = structuredClone(signed);
altered.signature.value = Buffer.from(Buffer.from(altered.signature.value, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64');

const documents: Record<string, string> = {
  canonical: canonicalJson(v1),
  pretty: JSON.stringify(v1, null, 2),
  'signed envelope': canonicalJson(signed),
  'not JSON': '{"formatVersion": 1,',
  'schema error': canonicalJson(badSchema),
  'rule error': canonicalJson(badRule),
  'signed, with a schema error': canonicalJson(signSnapshot(badSchema, keys.privateKeyPem, { serial: 4 })),
  'signed, with a rule error': canonicalJson(signSnapshot(badRule, keys.privateKeyPem, { serial: 4 })),
  'signed by another key': canonicalJson(signSnapshot(v1, other.privateKeyPem, { serial: 5 })),
  'signature altered': canonicalJson(altered),
  'signed envelope, pretty': JSON.stringify(signed, null, 2),
  'forged version': canonicalJson({ ...v1, version: `sha256:${'0'.repeat(64)}` }),
  'duplicate key': JSON.stringify(v1).replace('{"formatVersion":1', '{"formatVersion":1,"formatVersion":1'),
  // Deep enough to overflow a recursive scanner's stack: still an answer, never a throw.
  'deeply nested': `{"models":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
  // Every model broken: one error, not one per model (a hostile push must not cost memory per error).
  '100,000 broken models': `{"models":{${Array.from({ length: 100_000 }, (_, i) => `"m${i}":{}`).join(',')}}}`,
};

// Without a verify key an envelope's signature is carried, not checked.
const PASS_WITHOUT_KEY = new Set(['canonical', 'pretty', 'signed envelope', 'signed by another key', 'signature altered', 'signed envelope, pretty']);
const PASS_WITH_KEY = new Set(['signed envelope', 'signed envelope, pretty']);

const withoutBasis = (c: VerifyModule.Checked): VerifyModule.Checked => (c.ok ? { ...c, basis: undefined } : c);

describe('where a push is checked', () => {
  const small = dist.workerVerifier(undefined);
  const large = dist.workerVerifier(undefined, 5_000, 0);
  const largeWorker = dist.workerVerifier(undefined, 5_000, 0, 'worker');
  const smallKey = dist.workerVerifier(keys.publicKeyPem);
  const largeKey = dist.workerVerifier(keys.publicKeyPem, 5_000, 0);
  const largeKeyWorker = dist.workerVerifier(keys.publicKeyPem, 5_000, 0, 'worker');
  afterAll(async () => {
    for (const v of [small, large, largeWorker, smallKey, largeKey, largeKeyWorker]) await v.close();
  });

  it('checks a document under the inline limit on the event loop, a larger one in the worker', async () => {
    expect(dist.INLINE_MAX_BYTES).toBeGreaterThan(documents['canonical']!.length);
    expect((await small.check(documents['canonical']!)).ok).toBe(true);
    expect(small.counts).toEqual({ inline: 1, worker: 0, delta: 0 });
    expect((await large.check(documents['canonical']!)).ok).toBe(true);
    expect(large.counts).toEqual({ inline: 0, worker: 1, delta: 0 });
  });

  for (const [name, text] of Object.entries(documents)) {
    it(`gives the same answer on both paths: ${name}`, async () => {
      for (const [here, there, validatingWorker] of [
        [small, large, largeWorker],
        [smallKey, largeKey, largeKeyWorker],
      ] as const) {
        const a = await here.check(text);
        const b = await there.check(Buffer.from(text));
        expect(a).toEqual(b);
        // Canonical bytes keep a basis for the next push (delta.ts); a worker that parsed them itself keeps none.
        expect(withoutBasis(await validatingWorker.check(text))).toEqual(withoutBasis(a));
        if (a.ok) expect(a.basis !== undefined).toBe(!name.includes('pretty'));
        expect(a.ok).toBe((here === small ? PASS_WITHOUT_KEY : PASS_WITH_KEY).has(name));
        if (!a.ok) expect(a.errors.length).toBeLessThanOrEqual(5);
        if (a.ok) expect(a.bytes.toString('utf8')).toBe(text);
      }
    });
  }

  it('gives the same answer on both paths for a 2,000-model document checked in many slices, valid and broken late', { timeout: 60_000 }, async () => {
    const big = generateSnapshot(2000, 5) as Snapshot;
    const names = Object.keys(big.models);
    const broken = edit(big, (d) => void ((d.models[names[1900]!] as unknown as Record<string, unknown>)['colour'] = 'blue'));
    const unknownProvider = edit(big, (d) => void (d.models[names[1500]!]!.sources[0]!.provider = 'nowhere'));
    const before = large.counts.worker;
    for (const [doc, ok] of [
      [big, true],
      [broken, false],
      [unknownProvider, false],
    ] as const) {
      const text = canonicalJson(doc);
      const a = await dist.inlineVerifier(undefined).check(text);
      const b = await large.check(text);
      expect(b).toEqual(a);
      expect(b.ok).toBe(ok);
      if (b.ok) expect(b.snapshot).toEqual(doc);
    }
    expect(large.counts.worker - before).toBe(3);
  });

  it('takes the signed envelope under the verify key, with its serial, on both paths', async () => {
    for (const v of [smallKey, largeKey]) {
      const r = await v.check(documents['signed envelope']!);
      expect(r).toMatchObject({ ok: true, serial: 3 });
      if (r.ok) expect(r.snapshot).toEqual(v1);
      // A bare snapshot that would load without the key is a signature problem, not a content one.
      const bare = await v.check(documents['canonical']!);
      expect(bare).toMatchObject({ ok: false, code: 'signature' });
    }
  });
});
