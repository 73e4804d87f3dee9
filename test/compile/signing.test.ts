// Signing (design §4): signSnapshot + loadSnapshot with the public key, and the
// CLI round trip `compile --sign-key` → `verify --key`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { serializeSnapshot } from '../../src/compile/index.js';
import type { Snapshot } from '../../src/generated/types.js';
import { buildSnapshot } from '../../src/pipeline.js';
import { canonicalJson } from '../../src/runtime/canonical.js';
import { loadSnapshot } from '../../src/runtime/envelope.js';
import { captureIO, mulberry32, ROOT } from './helpers.js';

const keys = generateSigningKeys();
const otherKeys = generateSigningKeys();
let snapshot: Snapshot;
let envelopeText: string;

beforeAll(async () => {
  const built = await buildSnapshot(['examples/platform-console'], ROOT);
  expect(built.snapshot).toBeDefined();
  snapshot = built.snapshot!;
  envelopeText = canonicalJson(signSnapshot(snapshot, keys.privateKeyPem)) + '\n';
});

/** [start, end) of the snapshot object inside the canonical envelope text. */
function snapshotSpan(text: string): [number, number] {
  // Canonical key order puts "signature" first, so the snapshot runs to the envelope's closing brace.
  expect(text.startsWith('{"signature":')).toBe(true);
  return [text.indexOf(',"snapshot":') + ',"snapshot":'.length, text.lastIndexOf('}')];
}

describe('signSnapshot + loadSnapshot', () => {
  it('a signed snapshot loads with the public key, verified', async () => {
    const r = await loadSnapshot(envelopeText, { publicKey: keys.publicKeyPem });
    expect(r.ok ? r.verified : r.errors).toBe(true);
    if (r.ok) expect(serializeSnapshot(r.snapshot)).toBe(serializeSnapshot(snapshot));
  });

  it('the envelope carries the key id and an Ed25519 signature', () => {
    const env = JSON.parse(envelopeText) as { signature: { keyId: string; algorithm: string; value: string } };
    expect(env.signature).toMatchObject({ keyId: keys.keyId, algorithm: 'ed25519' });
    expect(Buffer.from(env.signature.value, 'base64')).toHaveLength(64);
  });

  it('flipping any one byte of the snapshot content is rejected', async () => {
    const [start, end] = snapshotSpan(envelopeText);
    expect(end - start).toBeGreaterThan(1000);
    const rng = mulberry32(7);
    // 150 random positions plus both ends of the snapshot object.
    const positions = [start, end - 1, ...Array.from({ length: 150 }, () => start + Math.floor(rng() * (end - start)))];
    const accepted: string[] = [];
    for (const at of positions) {
      const code = envelopeText.charCodeAt(at);
      const flipped = envelopeText.slice(0, at) + String.fromCharCode(code ^ 0x01) + envelopeText.slice(at + 1);
      const r = await loadSnapshot(flipped, { publicKey: keys.publicKeyPem });
      if (r.ok) accepted.push(`offset ${at}: ${JSON.stringify(envelopeText.slice(Math.max(0, at - 20), at + 20))}`);
    }
    expect(accepted).toEqual([]);
  });

  it('a changed value that is still valid JSON and a valid snapshot is rejected by the signature', async () => {
    const env = JSON.parse(envelopeText) as { snapshot: Snapshot; signature: unknown };
    const model = Object.keys(env.snapshot.models)[0]!;
    env.snapshot.models[model]!.order += 1;
    // Even with the version recomputed, so only the signature can notice.
    const { computeVersion } = await import('../../src/runtime/version.js');
    env.snapshot.version = await computeVersion(env.snapshot);
    expect((await loadSnapshot(env.snapshot)).ok).toBe(true);
    const r = await loadSnapshot(env, { publicKey: keys.publicKeyPem });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(/signature/);
  });

  it('the wrong public key is rejected', async () => {
    const r = await loadSnapshot(envelopeText, { publicKey: otherKeys.publicKeyPem });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(/keyId|signature/);
  });

  it('a signature made by another key under the right key id is rejected', async () => {
    const forged = signSnapshot(snapshot, otherKeys.privateKeyPem);
    forged.signature.keyId = keys.keyId;
    const r = await loadSnapshot(forged, { publicKey: keys.publicKeyPem });
    expect(r.ok).toBe(false);
  });

  it('an unsigned snapshot is rejected when a key is configured, and accepted without one', async () => {
    const bare = serializeSnapshot(snapshot);
    const r = await loadSnapshot(bare, { publicKey: keys.publicKeyPem });
    expect(r.ok).toBe(false);
    expect((await loadSnapshot(bare)).ok).toBe(true);
  });

  it('signSnapshot refuses a key that is not Ed25519', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signSnapshot(snapshot, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/Ed25519/);
  });
});

describe('CLI: compile --sign-key, then verify --key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modelctl-signing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keygen, compile --sign-key and verify --key round-trip with exit 0', async () => {
    const kio = captureIO(dir);
    expect(await main(['keygen', '--out', 'ci'], kio)).toBe(0);

    const cio = captureIO(dir);
    const catalog = join(ROOT, 'examples/tiers-and-groups');
    expect(await main(['compile', catalog, '-o', 'snapshot.json', '--sign-key', 'ci.key'], cio), cio.err()).toBe(0);
    expect(cio.err()).toMatch(/signed/);
    const written = readFileSync(join(dir, 'snapshot.json'), 'utf8');
    const env = JSON.parse(written) as { snapshot: Snapshot; signature: { keyId: string } };
    expect(Object.keys(env).sort()).toEqual(['signature', 'snapshot']);

    const vio = captureIO(dir);
    expect(await main(['verify', 'snapshot.json', '--key', 'ci.pub'], vio), vio.err()).toBe(0);
    expect(vio.out()).toContain(env.snapshot.version);
  });

  it('a tampered snapshot file exits 3', async () => {
    const written = readFileSync(join(dir, 'snapshot.json'), 'utf8');
    // Change one character inside a model's description, keeping valid JSON.
    const at = written.indexOf('"description":{"en":"') + '"description":{"en":"'.length;
    expect(at).toBeGreaterThan(100);
    const tampered = written.slice(0, at) + (written[at] === 'X' ? 'Y' : 'X') + written.slice(at + 1);
    writeFileSync(join(dir, 'tampered.json'), tampered);
    const vio = captureIO(dir);
    expect(await main(['verify', 'tampered.json', '--key', 'ci.pub'], vio)).toBe(3);
    expect(vio.err()).toMatch(/refused/);
  });

  it('verify with another key exits 3, an unsigned snapshot exits 3, non-JSON exits 3', async () => {
    writeFileSync(join(dir, 'other.pub'), otherKeys.publicKeyPem);
    const a = captureIO(dir);
    expect(await main(['verify', 'snapshot.json', '--key', 'other.pub'], a)).toBe(3);

    const c = captureIO(dir);
    expect(await main(['compile', join(ROOT, 'examples/quickstart'), '-o', 'unsigned.json'], c)).toBe(0);
    const b = captureIO(dir);
    expect(await main(['verify', 'unsigned.json', '--key', 'ci.pub'], b)).toBe(3);

    writeFileSync(join(dir, 'garbage.json'), '{"snapshot":');
    const g = captureIO(dir);
    expect(await main(['verify', 'garbage.json', '--key', 'ci.pub'], g)).toBe(3);
  });
});
