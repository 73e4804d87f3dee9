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

const dist = (await import(new URL('../../dist/server/verify.js', import.meta.url).href)) as typeof VerifyModule;
const keys = generateSigningKeys();
const v1 = baseSnapshot();
const signed = signSnapshot(v1, keys.privateKeyPem, { serial: 3 });

const documents: Record<string, string> = {
  canonical: canonicalJson(v1),
  pretty: JSON.stringify(v1, null, 2),
  'signed envelope': canonicalJson(signed),
  'not JSON': '{"formatVersion": 1,',
  'schema error': canonicalJson(edit(v1, (d) => void ((d.models['gpt-5']!.pricing as { input: unknown }).input = 'free'))),
  'forged version': canonicalJson({ ...v1, version: `sha256:${'0'.repeat(64)}` }),
  'duplicate key': JSON.stringify(v1).replace('{"formatVersion":1', '{"formatVersion":1,"formatVersion":1'),
};

describe('where a push is checked', () => {
  const small = dist.workerVerifier(undefined);
  const large = dist.workerVerifier(undefined, 5_000, 0);
  const smallKey = dist.workerVerifier(keys.publicKeyPem);
  const largeKey = dist.workerVerifier(keys.publicKeyPem, 5_000, 0);
  afterAll(async () => {
    for (const v of [small, large, smallKey, largeKey]) await v.close();
  });

  it('checks a document under the inline limit on the event loop, a larger one in the worker', async () => {
    expect(dist.INLINE_MAX_BYTES).toBeGreaterThan(documents['canonical']!.length);
    expect((await small.check(documents['canonical']!)).ok).toBe(true);
    expect(small.counts).toEqual({ inline: 1, worker: 0 });
    expect((await large.check(documents['canonical']!)).ok).toBe(true);
    expect(large.counts).toEqual({ inline: 0, worker: 1 });
  });

  for (const [name, text] of Object.entries(documents)) {
    it(`gives the same answer on both paths: ${name}`, async () => {
      for (const [here, there] of [
        [small, large],
        [smallKey, largeKey],
      ] as const) {
        const a = await here.check(text);
        const b = await there.check(Buffer.from(text));
        expect(a).toEqual(b);
        if (a.ok) expect(a.bytes.toString('utf8')).toBe(text);
      }
    });
  }

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
