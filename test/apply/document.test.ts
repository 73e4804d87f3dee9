// serializeDocument reuses compile's canonical bytes; it must still be exactly
// canonicalJson of what it serializes, bare and signed.
import { describe, expect, it } from 'vitest';
import { serializeDocument } from '../../src/apply/document.js';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { buildSnapshot } from '../../src/pipeline.js';
import { canonicalJson } from '../../src/runtime/index.js';
import { baseSnapshot } from '../plan/fixtures.js';

describe('serializeDocument', () => {
  it('is canonicalJson of the snapshot, or of the envelope, for compiled and hand-built snapshots', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const compiled = (await buildSnapshot([`${root}examples/quickstart`], root)).snapshot!;
    const keys = generateSigningKeys();
    for (const snapshot of [compiled, baseSnapshot()]) {
      expect(serializeDocument(snapshot)).toBe(canonicalJson(snapshot) + '\n');
      const { signature } = signSnapshot(snapshot, keys.privateKeyPem, { serial: 3 });
      expect(serializeDocument(snapshot, signature)).toBe(canonicalJson({ snapshot, signature }) + '\n');
    }
  });
});
