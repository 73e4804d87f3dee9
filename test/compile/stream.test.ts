// compile -o writes the snapshot a piece at a time (src/compile/stream.ts): the
// pieces must join to exactly what serializeSnapshot(withVersion(content))
// gives, with the same version, for every example, a generated catalog and
// contents shaped to trip a hand-written canonical writer; and `modelctl
// compile` must write those bytes (to a file and to stdout).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSnapshotContent, buildStreamContent } from '../../src/pipeline.js';
import { snapshotStream } from '../../src/compile/stream.js';
import { serializeSnapshot, withVersion } from '../../src/compile/version.js';
import { main } from '../../src/cli/main.js';
import type { Snapshot } from '../../src/generated/types.js';
import { captureIO, EXAMPLES, ROOT } from './helpers.js';
// @ts-expect-error: a plain .mjs bench helper without types
import { writeCatalog } from '../../bench/lib/catalog-generator.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'modelctl-stream-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Content = Omit<Snapshot, 'version'>;

function expectSameBytes(content: Content): string[] {
  const expected = serializeSnapshot(withVersion(content));
  const stream = snapshotStream(content);
  const pieces = [...stream.chunks];
  expect(pieces.join('')).toBe(expected);
  expect(stream.version()).toBe(withVersion(content).version);
  return pieces;
}

describe('snapshotStream', () => {
  it('gives serializeSnapshot’s bytes and version for every example', async () => {
    for (const name of EXAMPLES) {
      const built = await buildSnapshotContent([`examples/${name}`], ROOT);
      expect(built.content, name).toBeDefined();
      expectSameBytes(built.content!);
    }
  });

  it('a 3,000-model catalog comes in pieces of about a megabyte, joined to the same bytes', { timeout: 120_000 }, async () => {
    const dir = join(scratch, 'gen');
    writeCatalog(dir, 3000, { seed: 5 });
    const built = await buildSnapshotContent([dir], dir);
    const pieces = expectSameBytes(built.content!);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBeLessThan((1 << 20) + 64 * 1024);
    // compile -o's content builds each model as it is written: the same bytes, every model told to onModel once.
    const lazy = await buildStreamContent([dir], dir);
    const told: string[] = [];
    lazy.content!.models.onModel = (name) => told.push(name);
    const stream = snapshotStream(lazy.content!);
    expect([...stream.chunks].join('')).toBe(pieces.join(''));
    expect(told).toEqual(Object.keys(withVersion(built.content!).models).sort());
  });

  it('matches canonicalJson on contents no snapshot has: undefined, functions, integer-like keys, toJSON, non-ASCII keys, empty', () => {
    const odd = {
      a: { '10': 1, '9': 2, b: undefined, c: () => 1, z: [undefined, 1] },
      b: [{ y: 1, x: 2 }],
      c: { toJSON: () => ({ q: 1 }) },
      d: 'plain',
      e: { 'é': 1, e: 2, 'E': 3, '\u{1f600}': 4, '\uffff': 5 },
      f: undefined,
      g: null,
      h: {},
    } as unknown as Content;
    expectSameBytes(odd);
    expectSameBytes({} as Content);
    // A key after "version" cannot be streamed: the whole text is made the usual way.
    expectSameBytes({ zeta: 1, alpha: { b: 1, a: 2 } } as unknown as Content);
  });

  it('version() before the pieces are taken is an error, not a wrong answer', () => {
    expect(() => snapshotStream({ a: 1 } as unknown as Content).version()).toThrow(/after every piece/);
  });
});

describe('modelctl compile', () => {
  it('writes the same bytes to a file and to stdout, and names the version', async () => {
    for (const name of ['quickstart', 'platform-console']) {
      const built = await buildSnapshotContent([`examples/${name}`], ROOT);
      const expected = serializeSnapshot(withVersion(built.content!));
      const out = join(scratch, `${name}.json`);
      const io = captureIO(ROOT);
      expect(await main(['compile', `examples/${name}`, '-o', out], io)).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(expected);
      expect(io.err()).toContain(withVersion(built.content!).version);
      const toStdout = captureIO(ROOT);
      expect(await main(['compile', `examples/${name}`, '-o', '-'], toStdout)).toBe(0);
      expect(toStdout.out()).toBe(expected);
    }
  });
});
