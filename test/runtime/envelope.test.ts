import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, keyIdFromSpkiDer, loadSnapshot, pemToDer, type Snapshot } from '../../src/runtime/index.js';
import { signedEnvelopeBytes } from '../../src/runtime/envelope.js';
import { makeSnapshot } from './fixtures.js';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha256').update(der.subarray(der.length - 32)).digest('hex').slice(0, 16);
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId };
}

function envelope(snapshot: Snapshot, k: ReturnType<typeof keyPair>, serial = 1700000000000) {
  const value = sign(null, signedEnvelopeBytes(snapshot, serial), k.privateKey).toString('base64');
  return { snapshot, signature: { keyId: k.keyId, algorithm: 'ed25519', serial, value } };
}

/** The format before replay protection: the signature covers canonicalJson(snapshot) alone. */
function serialLessEnvelope(snapshot: Snapshot, k: ReturnType<typeof keyPair>) {
  const value = sign(null, Buffer.from(canonicalJson(snapshot), 'utf8'), k.privateKey).toString('base64');
  return { snapshot, signature: { keyId: k.keyId, algorithm: 'ed25519', value } };
}

const signer = keyPair();
const other = keyPair();

describe('keys', () => {
  it('pemToDer and keyIdFromSpkiDer agree with node:crypto', async () => {
    const der = pemToDer(signer.publicPem);
    expect(der.length).toBe(44);
    expect(await keyIdFromSpkiDer(der)).toBe(signer.keyId);
  });

  it('pemToDer rejects text that is not PEM', () => {
    expect(() => pemToDer('hello')).toThrow(/PEM/);
  });

  it('keyIdFromSpkiDer rejects an X25519 key, which has the same length as an Ed25519 one', async () => {
    const x = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'der' });
    expect(x.length).toBe(44);
    await expect(keyIdFromSpkiDer(new Uint8Array(x))).rejects.toThrow(/not an Ed25519/);
  });
});

describe('loadSnapshot', () => {
  const snapshot = makeSnapshot();

  it('loads a bare snapshot without a key', async () => {
    expect(await loadSnapshot(snapshot)).toEqual({ ok: true, snapshot, verified: false });
  });

  it('loads JSON text', async () => {
    const r = await loadSnapshot(JSON.stringify(snapshot, null, 2));
    expect(r.ok).toBe(true);
  });

  it('loads an envelope signed by the configured key, with its serial', async () => {
    const r = await loadSnapshot(envelope(snapshot, signer, 42), { publicKey: signer.publicPem });
    expect(r).toEqual({ ok: true, snapshot, verified: true, serial: 42 });
  });

  it('reports no serial when the signature was not checked', async () => {
    const r = await loadSnapshot(envelope(snapshot, signer, 42));
    expect(r).toEqual({ ok: true, snapshot, verified: false });
  });

  it('the signature covers the serial: a raised serial is rejected', async () => {
    const env = envelope(snapshot, signer, 42);
    const r = await loadSnapshot({ ...env, signature: { ...env.signature, serial: 43 } }, { publicKey: signer.publicPem });
    expect(r).toEqual({ ok: false, errors: ['/signature/value: signature does not match the snapshot content and serial'] });
  });

  it('refuses an envelope signed before serials existed, saying how to fix it', async () => {
    const r = await loadSnapshot(serialLessEnvelope(snapshot, signer), { publicKey: signer.publicPem });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^\/signature\/serial: missing: .*sign it again/);
    // Without a verify key it still loads: the signature is carried, unchecked.
    expect((await loadSnapshot(serialLessEnvelope(snapshot, signer))).ok).toBe(true);
  });

  it('refuses a serial that is not a non-negative integer', async () => {
    for (const serial of [-1, 1.5, '7', 2 ** 60, null]) {
      const env = envelope(snapshot, signer);
      const r = await loadSnapshot({ ...env, signature: { ...env.signature, serial } }, { publicKey: signer.publicPem });
      expect(r, String(serial)).toEqual({ ok: false, errors: ['/signature/serial: must be a non-negative integer'] });
    }
  });

  it('signed bytes differ for different serials and never equal the bare canonical bytes', () => {
    const a = Buffer.from(signedEnvelopeBytes(snapshot, 1));
    const b = Buffer.from(signedEnvelopeBytes(snapshot, 11));
    expect(a.equals(b)).toBe(false);
    expect(a.toString('utf8').endsWith(canonicalJson(snapshot))).toBe(true);
    expect(a.toString('utf8').startsWith('{')).toBe(false);
  });

  it('verifies canonical bytes, so transport formatting does not matter', async () => {
    const text = JSON.stringify(envelope(snapshot, signer), null, 4);
    expect((await loadSnapshot(text, { publicKey: signer.publicPem })).ok).toBe(true);
  });

  it('rejects a tampered snapshot', async () => {
    const env = envelope(snapshot, signer);
    const tampered = { ...env, snapshot: { ...snapshot, settings: { ...snapshot.settings, globalSystemPrompt: 'Be precise!' } } };
    const r = await loadSnapshot(tampered, { publicKey: signer.publicPem });
    expect(r).toEqual({ ok: false, errors: ['/signature/value: signature does not match the snapshot content and serial'] });
  });

  it('rejects a flipped signature byte', async () => {
    const env = envelope(snapshot, signer);
    const sig = Buffer.from(env.signature.value, 'base64');
    sig[10] = sig[10]! ^ 0x01;
    const r = await loadSnapshot({ ...env, signature: { ...env.signature, value: sig.toString('base64') } }, { publicKey: signer.publicPem });
    expect(r.ok).toBe(false);
  });

  it('rejects an envelope signed by another key', async () => {
    const r = await loadSnapshot(envelope(snapshot, other), { publicKey: signer.publicPem });
    expect(r).toEqual({ ok: false, errors: [`/signature/keyId: signed by key '${other.keyId}', expected '${signer.keyId}'`] });
  });

  it('rejects another key even when it claims the configured key id', async () => {
    const forged = envelope(snapshot, other);
    forged.signature.keyId = signer.keyId;
    expect((await loadSnapshot(forged, { publicKey: signer.publicPem })).ok).toBe(false);
  });

  it('rejects an unsigned snapshot when a key is configured', async () => {
    const r = await loadSnapshot(snapshot, { publicKey: signer.publicPem });
    expect(r).toEqual({ ok: false, errors: ['/: snapshot is not signed, and a verify key is configured'] });
  });

  it('rejects an unsupported algorithm', async () => {
    const env = envelope(snapshot, signer);
    const r = await loadSnapshot({ ...env, signature: { ...env.signature, algorithm: 'rsa' } }, { publicKey: signer.publicPem });
    expect(r.ok).toBe(false);
  });

  it('rejects a wrong version', async () => {
    const wrong = { ...snapshot, version: `sha256:${'0'.repeat(64)}` };
    const r = await loadSnapshot(wrong);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^\/version: is sha256:0+, content hashes to sha256:[0-9a-f]{64}$/);
  });

  it('rejects an invalid snapshot with reasons, inside an envelope too', async () => {
    const bad = { ...snapshot, formatVersion: 2 } as unknown as Snapshot;
    expect(await loadSnapshot(bad)).toEqual({ ok: false, errors: ['/formatVersion: must be equal to constant'] });
    const r = await loadSnapshot(envelope(bad, signer), { publicKey: signer.publicPem });
    expect(r).toEqual({ ok: false, errors: ['/snapshot/formatVersion: must be equal to constant'] });
  });

  it('rejects text that is not JSON', async () => {
    const r = await loadSnapshot('{nope');
    expect(r.ok).toBe(false);
  });
});
