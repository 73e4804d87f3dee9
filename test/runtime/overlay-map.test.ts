// OverlayMap reads as the map it stands for: the base with some values replaced, same keys, same order.
import { describe, expect, it } from 'vitest';
import { OverlayMap } from '../../src/runtime/overlay-map.js';

describe('OverlayMap', () => {
  const base = new Map([['a', 1], ['b', 2], ['c', 3]]);
  const view = new OverlayMap(base, new Map([['b', 20]]));
  const plain = new Map([['a', 1], ['b', 20], ['c', 3]]);

  it('answers every read as a plain map holding the replaced values would', () => {
    expect([...view]).toEqual([...plain]);
    expect([...view.entries()]).toEqual([...plain.entries()]);
    expect([...view.keys()]).toEqual([...plain.keys()]);
    expect([...view.values()]).toEqual([...plain.values()]);
    expect(view.size).toBe(3);
    for (const k of ['a', 'b', 'c', 'z']) {
      expect(view.get(k)).toBe(plain.get(k));
      expect(view.has(k)).toBe(plain.has(k));
    }
    const seen: [string, number][] = [];
    view.forEach((v, k, m) => {
      expect(m).toBe(view);
      seen.push([k, v]);
    });
    expect(seen).toEqual([...plain]);
  });

  it('leaves its base as it was', () => {
    expect([...base]).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  });
});
