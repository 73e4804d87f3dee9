// Patches a replica fetches instead of a whole document (snapshot-bytes/
// patch.ts): applied to their base they give the next document byte for
// byte; an apply's usual change gives a patch of a few kilobytes; and
// anything that is not a patch of the base the reader holds is null, never a
// throw, never a result over the limit.
import { describe, expect, it } from 'vitest';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { withVersion } from '../../src/compile/version.js';
import { serializeDocument } from '../../src/apply/document.js';
import { applyPatch, makePatch } from '../../src/snapshot-bytes/patch.js';
import type { Snapshot } from '../../src/runtime/index.js';
import { mulberry32 } from '../support/random.js';
// @ts-expect-error: a plain .mjs module shared with the benches
import { generateSnapshot, modelName } from '../../bench/lib/snapshot-generator.mjs';

const MAX = 1 << 30;

/** The snapshot with model i's description changed to `text` (any length), version made anew. */
function edited(s: Snapshot, edits: Array<[number, string]>): Snapshot {
  const { version: _v, ...content } = structuredClone(s) as Snapshot;
  for (const [i, text] of edits) {
    const m = (content.models as Record<string, { description?: unknown }>)[modelName(i)]!;
    m.description = { en: text };
  }
  return withVersion(content);
}

const bytesOf = (s: Snapshot): Buffer => Buffer.from(serializeDocument(s), 'utf8');

describe('patches between documents', () => {
  const base = withVersion((({ version: _v, ...c }) => c)(generateSnapshot(1000) as Snapshot));
  const baseBytes = bytesOf(base);

  it('turns an apply of one model into a patch of a few kilobytes that gives the next document exactly', () => {
    for (const [i, text] of [
      [0, 'first model'],
      [500, 'a longer description than the model had before, by a good number of bytes'],
      [999, ''],
    ] as Array<[number, string]>) {
      const next = bytesOf(edited(base, [[i, text]]));
      const patch = makePatch(baseBytes, next);
      expect(patch, `model ${i}`).not.toBeNull();
      expect(patch!.length).toBeLessThan(4096);
      expect(applyPatch(baseBytes, patch!, MAX)!.equals(next)).toBe(true);
    }
  });

  it('covers several models changed in place, and a signed envelope whose signature changed', () => {
    // Same-length edits anywhere stay aligned both ways: one region each.
    const next = edited(base, [
      [3, 'x'.repeat(20)],
      [400, 'y'.repeat(20)],
      [800, 'z'.repeat(20)],
    ]);
    const from = edited(base, [
      [3, 'a'.repeat(20)],
      [400, 'b'.repeat(20)],
      [800, 'c'.repeat(20)],
    ]);
    const patch = makePatch(bytesOf(from), bytesOf(next));
    expect(patch!.length).toBeLessThan(4096);
    expect(applyPatch(bytesOf(from), patch!, MAX)!.equals(bytesOf(next))).toBe(true);

    const keys = generateSigningKeys();
    const signed = (s: Snapshot, serial: number) => Buffer.from(`${JSON.stringify(signSnapshot(s, keys.privateKeyPem, { serial }))}\n`);
    const a = signed(base, 1_000_000);
    const b = signed(edited(base, [[10, 'signed and changed']]), 1_000_001);
    const sp = makePatch(a, b);
    expect(sp!.length).toBeLessThan(4096);
    expect(applyPatch(a, sp!, MAX)!.equals(b)).toBe(true);
  });

  it('declines when most of the document changed, and gives the same bytes for no change', () => {
    const other = bytesOf(withVersion((({ version: _v, ...c }) => c)(generateSnapshot(1000, 2) as Snapshot)));
    expect(makePatch(baseBytes, other)).toBeNull();
    const same = makePatch(baseBytes, baseBytes)!;
    expect(same.length).toBeLessThan(200);
    expect(applyPatch(baseBytes, same, MAX)!.equals(baseBytes)).toBe(true);
  });

  it('gives the next bytes exactly for random edits of random bytes (seeded)', () => {
    const rand = mulberry32(42);
    const pick = (n: number) => Math.floor(rand() * n);
    let made = 0;
    for (let round = 0; round < 400; round++) {
      // A small alphabet: equal runs, near-misses and short repeats are common.
      const a = Buffer.from(Array.from({ length: pick(6000) }, () => 97 + pick(rand() < 0.5 ? 2 : 26)));
      let b = Buffer.from(a);
      for (let e = pick(4); e >= 0; e--) {
        const at = pick(b.length + 1);
        const cut = pick(rand() < 0.7 ? 40 : 3000);
        const insert = Buffer.from(Array.from({ length: pick(rand() < 0.7 ? 40 : 3000) }, () => 97 + pick(26)));
        b = Buffer.concat([b.subarray(0, at), insert, b.subarray(Math.min(b.length, at + cut))]);
      }
      const patch = makePatch(a, b);
      if (patch === null) continue;
      made++;
      expect(applyPatch(a, patch, MAX)!.equals(b), `round ${round}`).toBe(true);
    }
    expect(made).toBeGreaterThan(100);
  });

  describe('refuses what is not a patch of the base held', () => {
    const next = bytesOf(edited(base, [[7, 'seven, edited']]));
    const patch = makePatch(baseBytes, next)!;
    const newline = patch.indexOf(0x0a);
    const header = JSON.parse(patch.subarray(0, newline).toString()) as { patch: string; base: number; length: number; ops: number[] };
    const withHeader = (h: object, literals = patch.subarray(newline + 1)) => Buffer.concat([Buffer.from(`${JSON.stringify(h)}\n`), literals]);

    it('another base, a result over the limit, literal bytes short or left over', () => {
      expect(applyPatch(baseBytes.subarray(1), patch, MAX)).toBeNull();
      expect(applyPatch(baseBytes, patch, next.length - 1)).toBeNull();
      expect(applyPatch(baseBytes, patch, next.length)!.equals(next)).toBe(true);
      expect(applyPatch(baseBytes, patch.subarray(0, patch.length - 1), MAX)).toBeNull();
      expect(applyPatch(baseBytes, Buffer.concat([patch, Buffer.from('x')]), MAX)).toBeNull();
    });

    it('a header that lies: ranges outside the base, bad numbers, another length, another format', () => {
      const bad: object[] = [
        { ...header, patch: 'modelctl-patch/2' },
        { ...header, length: header.length + 1 },
        { ...header, length: 1e15 },
        { ...header, ops: [...header.ops, 0] },
        { ...header, ops: header.ops.map((x, i) => (i === 0 ? baseBytes.length : x)) },
        { ...header, ops: header.ops.map((x, i) => (i === 1 ? -5 : x)) },
        { ...header, ops: header.ops.map((x, i) => (i === 1 ? x + 0.5 : x)) },
        { ...header, ops: header.ops.map((x, i) => (i === 0 ? -2 : x)) },
        { ...header, ops: header.ops.map((x, i) => (i === 0 ? String(x) : x)) },
        { ...header, ops: new Array(10_000).fill(0) },
        { ...header, ops: 'all' },
        { ...header, base: null },
      ];
      for (const h of bad) expect(applyPatch(baseBytes, withHeader(h), MAX), JSON.stringify(h).slice(0, 120)).toBeNull();
    });

    it('text that is no patch at all, and every truncation of a real one', () => {
      for (const junk of ['', '\n', 'null\n', '[]\n', '{"patch":"modelctl-patch/1"}\n', 'x'.repeat(300_000), '{"a":1']) {
        expect(applyPatch(baseBytes, Buffer.from(junk), MAX)).toBeNull();
      }
      for (let cut = 0; cut < patch.length; cut += 7) expect(applyPatch(baseBytes, patch.subarray(0, cut), MAX)).toBeNull();
    });
  });
});
