// The worker's parse-free check of canonical pushes (byte-verdict.ts): it
// passes canonical bytes whose hash and signature hold, and hands everything
// else (null) to the full check, which names the problem.
import { describe, expect, it } from 'vitest';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { canonicalJson } from '../../src/runtime/canonical.js';
import { byteVerdict } from '../../src/snapshot-bytes/byte-verdict.js';
import { canonicalSnapshotBytes } from '../../src/snapshot-bytes/canonical-scan.js';
import { baseSnapshot } from '../plan/fixtures.js';

const v1 = baseSnapshot();
const keys = generateSigningKeys();
const other = generateSigningKeys();
const bytesOf = (x: unknown) => Buffer.from(canonicalJson(x));
const verdictOf = (x: unknown, key?: string) => {
  const bytes = bytesOf(x);
  const canonical = canonicalSnapshotBytes(bytes);
  expect(canonical).not.toBeNull();
  return byteVerdict(bytes, canonical!, key);
};

describe('byteVerdict', () => {
  it('passes a canonical snapshot whose version is its hash (with or without a final newline)', async () => {
    expect(await verdictOf(v1)).toEqual({});
    const bytes = Buffer.from(canonicalJson(v1) + '\n');
    expect(await byteVerdict(bytes, canonicalSnapshotBytes(bytes)!, undefined)).toEqual({});
  });

  it('passes a signed envelope under its key with the signed serial', async () => {
    expect(await verdictOf(signSnapshot(v1, keys.privateKeyPem, { serial: 9 }), keys.publicKeyPem)).toEqual({ serial: 9 });
    // Without a key an envelope's signature is carried, not checked (as loadSnapshot does).
    expect(await verdictOf(signSnapshot(v1, other.privateKeyPem, { serial: 9 }))).toEqual({});
  });

  it('hands over to the full check: a forged version, a bare snapshot under a key, another key, an altered content', async () => {
    expect(await verdictOf({ ...v1, version: `sha256:${'1'.repeat(64)}` })).toBeNull();
    expect(await verdictOf(v1, keys.publicKeyPem)).toBeNull();
    expect(await verdictOf(signSnapshot(v1, other.privateKeyPem, { serial: 9 }), keys.publicKeyPem)).toBeNull();
    const signed = signSnapshot(v1, keys.privateKeyPem, { serial: 9 });
    const changed = { ...signed, snapshot: { ...signed.snapshot, settings: { ...signed.snapshot.settings, globalSystemPrompt: 'Changed.' } } };
    expect(await verdictOf(changed, keys.publicKeyPem)).toBeNull();
  });
});
