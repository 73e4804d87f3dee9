// serializeDocument reuses compile's canonical bytes; it must still be exactly
// canonicalJson of what it serializes, bare and signed.
import { describe, expect, it } from 'vitest';
import { documentBytes, serializeDocument } from '../../src/apply/document.js';
import { documentBytesOf, snapshotVersion, withVersion } from '../../src/compile/version.js';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { buildSnapshot } from '../../src/pipeline.js';
import { canonicalJson } from '../../src/runtime/index.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';

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

describe('withVersion keeps the document bytes it hashed', () => {
  it('are canonicalJson of the snapshot and a newline, and the version hashes the content, whatever the characters', () => {
    const texts = ['plain', 'naïve café', '日本語の説明', 'emoji 🚀 and a lone \u00e9', 'quotes " and \\ backslashes', 'line\nbreak'];
    for (const text of texts) {
      const { version: _, ...content } = edit(baseSnapshot(), (d) => void (d.settings.globalSystemPrompt = text));
      const s = withVersion(content);
      expect(s.version, text).toBe(snapshotVersion(content));
      expect(documentBytesOf(s)!.toString('utf8'), text).toBe(canonicalJson(s) + '\n');
      expect(documentBytes(s).equals(Buffer.from(serializeDocument(s), 'utf8')), text).toBe(true);
    }
  });

  it('a signed document and a snapshot withVersion did not make are serialized afresh', () => {
    const s = baseSnapshot();
    expect(documentBytesOf(s)).toBeUndefined();
    expect(documentBytes(s).toString('utf8')).toBe(canonicalJson(s) + '\n');
    const { version: _, ...content } = s;
    const made = withVersion(content);
    const { signature } = signSnapshot(made, generateSigningKeys().privateKeyPem, { serial: 2 });
    expect(documentBytes(made, signature).toString('utf8')).toBe(canonicalJson({ signature, snapshot: made }) + '\n');
  });
});
