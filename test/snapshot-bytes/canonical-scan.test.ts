// The canonical fast path for pushes: the scanner may say "canonical" only
// when canonicalJson(JSON.parse(text)) is the text itself; then the version
// and signature are checked over the bytes as sent, with the same verdicts.
import { describe, expect, it } from 'vitest';
import { serializeDocument } from '../../src/apply/document.js';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { buildSnapshot } from '../../src/pipeline.js';
import { canonicalJson, loadSnapshot } from '../../src/runtime/index.js';
import { canonicalSnapshotBytes } from '../../src/snapshot-bytes/canonical-scan.js';
import { verdict } from '../../src/server/verify.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { mulberry32 } from '../support/random.js';

const bytesOf = (text: string) => Buffer.from(text, 'utf8');
/** The oracle: is this text (an object, optional final newline) canonical? */
function isCanonical(text: string): boolean {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  try {
    return canonicalJson(JSON.parse(body)) === body;
  } catch {
    return false;
  }
}
const scanSays = (text: string) => canonicalSnapshotBytes(bytesOf(text)) !== null;


const ATOMS = ['a', 'b', 'version', '10', '2', 'é', '😀', '\u2028', '\u0007', '\n', '"', '\\', '/', '\uffff', '\ud800', 'Z', ''];
const NUMBERS = [0, -0, 1, -1, 1.5, 1e21, 1e-7, 123456789012345680000, 0.1, 5e-324, 2 ** 53];

function randomValue(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 3 ? 4 : 7));
  if (k === 0) return NUMBERS[Math.floor(r() * NUMBERS.length)];
  if (k === 1) return Array.from({ length: 1 + Math.floor(r() * 3) }, () => ATOMS[Math.floor(r() * ATOMS.length)]).join('');
  if (k === 2) return [true, false, null][Math.floor(r() * 3)];
  if (k === 3) return Math.floor(r() * 1e6) / 100;
  if (k === 4) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) obj[Array.from({ length: 1 + Math.floor(r() * 2) }, () => ATOMS[Math.floor(r() * ATOMS.length)]).join('')] = randomValue(r, depth + 1);
  return obj;
}

/** Small edits that may or may not keep a text canonical. */
const EDITS: ((t: string, r: () => number) => string)[] = [
  (t) => t,
  (t, r) => {
    const at = Math.floor(r() * t.length);
    return t.slice(0, at) + ' ' + t.slice(at);
  },
  (t) => t.replace('/', '\\/'),
  (t) => t.replace(/"a/, '"\\u0061'),
  (t) => t.replace(/:1([,}\]])/, ':1.0$1'),
  (t) => t.replace(/e\+?(\d)/, 'E+$1'),
  (t) => t.replace(/\\n/, '\\u000a'),
  (t) => t.replace(/\\u0007/, '\\u0007'.toUpperCase()),
  (t) => t + '\n',
  (t) => t + '\n\n',
  (t) => t.replace(/"(\w)":/, '"$1":').replace(/,"b"/, ',"a"'),
  (t, r) => {
    const at = Math.floor(r() * t.length);
    return t.slice(0, at) + t.slice(at + 1);
  },
];

describe('canonicalSnapshotBytes', () => {
  it('says canonical only when canonicalJson agrees (and misses only escaped lone surrogates), over 20,000 random documents and edits', () => {
    const r = mulberry32(12);
    let yes = 0;
    for (let n = 0; n < 20_000; n++) {
      const value = { ...(randomValue(r, 0) as object), formatVersion: 1 };
      const text = EDITS[Math.floor(r() * EDITS.length)]!(canonicalJson(value), r);
      // The oracle judges what the server receives: the text's UTF-8 bytes, decoded (a lone surrogate becomes U+FFFD).
      const expected = isCanonical(bytesOf(text).toString('utf8'));
      if (expected) yes++;
      const said = scanSays(text);
      // Never a false "canonical"; a false "not canonical" only for escaped lone surrogates, which the scanner leaves to the general path.
      if (said) expect(expected, JSON.stringify(text)).toBe(true);
      else if (expected) expect(text, 'only lone surrogates may be missed').toMatch(/\\ud[89a-f]/);
    }
    // Both answers are exercised.
    expect(yes).toBeGreaterThan(3_000);
    expect(yes).toBeLessThan(17_000);
  });

  it('takes what modelctl pushes, bare and signed, and gives the snapshot bytes', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const snapshot = (await buildSnapshot([`${root}examples/tiers-and-groups`], root)).snapshot!;
    const bare = serializeDocument(snapshot);
    expect(Buffer.from(canonicalSnapshotBytes(bytesOf(bare))!).toString()).toBe(canonicalJson(snapshot));
    const { signature } = signSnapshot(snapshot, generateSigningKeys().privateKeyPem, { serial: 2 });
    expect(Buffer.from(canonicalSnapshotBytes(bytesOf(serializeDocument(snapshot, signature)))!).toString()).toBe(canonicalJson(snapshot));
    expect(scanSays(JSON.stringify({ snapshot, signature }))).toBe(false);
    expect(scanSays(JSON.stringify(snapshot, null, 1))).toBe(false);
    expect(canonicalSnapshotBytes(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toBeNull();
  });
});

describe('the push verdict on the fast path', () => {
  const keys = generateSigningKeys();
  const v1 = baseSnapshot();
  const tampered = { ...edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 99)), version: v1.version };

  it('gives the verdicts of the general path: good, tampered, wrongly signed, bare under a key', async () => {
    const docs = [
      serializeDocument(v1),
      canonicalJson(tampered) + '\n',
      serializeDocument(v1, signSnapshot(v1, keys.privateKeyPem, { serial: 4 }).signature),
      serializeDocument(tampered, signSnapshot(v1, keys.privateKeyPem, { serial: 5 }).signature),
      serializeDocument(v1, signSnapshot(v1, generateSigningKeys().privateKeyPem, { serial: 6 }).signature),
    ];
    for (const doc of docs) {
      expect(scanSays(doc)).toBe(true);
      // bytesOnly: the worker's check on bytes alone (these documents all pass the schema, so it must agree too).
      for (const [key, bytesOnly] of [[undefined, false], [keys.publicKeyPem, false], [undefined, true], [keys.publicKeyPem, true]] as const) {
        const fast = await verdict(bytesOf(doc), key, bytesOnly);
        const slow = await loadSnapshot(doc, key === undefined ? {} : { publicKey: key });
        expect(fast.ok, doc.slice(0, 80)).toBe(slow.ok);
        if (!fast.ok && !slow.ok) expect(fast.errors).toEqual(slow.errors);
        if (fast.ok && slow.ok) expect('serial' in fast ? fast.serial : undefined).toBe(slow.serial);
      }
    }
  });
});
