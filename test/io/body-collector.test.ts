// BodyCollector gathers a body up to a limit, copying into one buffer of the
// declared length when there is one. Whatever the sender declared, the bytes
// it gives back must be exactly the bytes added, and past the limit it must
// refuse and keep nothing.
import { describe, expect, it } from 'vitest';
import { BodyCollector } from '../../src/io/body-collector.js';

/** `n` bytes of a repeating pattern, split into chunks of `size`. */
function chunked(n: number, size: number): { whole: Buffer; chunks: Buffer[] } {
  const whole = Buffer.alloc(n);
  for (let i = 0; i < n; i++) whole[i] = (i * 31 + 7) & 0xff;
  const chunks: Buffer[] = [];
  for (let at = 0; at < n; at += size) chunks.push(Buffer.from(whole.subarray(at, at + size)));
  return { whole, chunks };
}

function collect(limit: number, declared: number, chunks: Buffer[], allocate?: (size: number) => Buffer): Buffer | null {
  const c = new BodyCollector(limit, declared, allocate);
  for (const chunk of chunks) if (!c.add(chunk)) return null;
  return c.bytes();
}

describe('BodyCollector', () => {
  const { whole, chunks } = chunked(300_000, 16_384);

  it('gives back exactly the bytes added: declared right, fewer, more, or not at all', () => {
    for (const declared of [whole.length, whole.length + 1_000, whole.length - 50_000, 70_000, Number.NaN, 0]) {
      const got = collect(1 << 20, declared, chunks);
      expect(got?.equals(whole), `declared ${declared}`).toBe(true);
    }
  });

  it('copies into one buffer of the declared length as chunks arrive (and only above 64 KB)', () => {
    const sizes: number[] = [];
    const allocate = (size: number) => (sizes.push(size), Buffer.alloc(size));
    expect(collect(1 << 20, whole.length, chunks, allocate)?.equals(whole)).toBe(true);
    expect(sizes).toEqual([whole.length]);
    const small = chunked(10_000, 1_000);
    expect(collect(1 << 20, small.whole.length, small.chunks, allocate)?.equals(small.whole)).toBe(true);
    expect(sizes).toEqual([whole.length]);
  });

  it('refuses past the limit, declared or not, and allocates nothing for a declared length over it', () => {
    const sizes: number[] = [];
    const allocate = (size: number) => (sizes.push(size), Buffer.alloc(size));
    expect(collect(whole.length - 1, Number.NaN, chunks)).toBeNull();
    expect(collect(whole.length - 1, whole.length, chunks, allocate)).toBeNull();
    expect(collect(200_000, 100_000, chunks, allocate)).toBeNull(); // declared under the limit, sent over it
    expect(sizes).toEqual([100_000]);
    expect(collect(whole.length, whole.length, chunks)?.equals(whole)).toBe(true); // exactly at the limit
  });

  it('an empty body is empty', () => {
    expect(collect(100, Number.NaN, [])?.length).toBe(0);
    expect(collect(1 << 20, 100_000, [])?.length).toBe(0);
  });
});
