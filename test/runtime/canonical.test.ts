import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonExact } from '../../src/runtime/index.js';

describe('canonicalJson', () => {
  it.each([
    { name: 'sorts keys recursively', value: { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }, expected: '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}' },
    { name: 'sorts by UTF-16 code units, not locale', value: { b: 1, B: 2, é: 3, '\u{1F600}': 4, '\uFFFF': 5 }, expected: '{"B":2,"b":1,"é":3,"\u{1F600}":4,"\uFFFF":5}' },
    { name: 'omits undefined properties', value: { a: undefined, b: 1 }, expected: '{"b":1}' },
    { name: 'keeps array order, undefined as null', value: [3, 1, undefined, 2], expected: '[3,1,null,2]' },
    { name: 'escapes strings like JSON', value: { s: 'a"b\n\u0001' }, expected: '{"s":"a\\"b\\n\\u0001"}' },
    { name: 'numbers as JSON', value: [1.5, -0, 1e21], expected: '[1.5,0,1e+21]' },
    { name: 'empty containers', value: { a: {}, b: [] }, expected: '{"a":{},"b":[]}' },
  ])('$name', ({ value, expected }) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('is independent of key insertion order', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it('rejects cycles', () => {
    const a: Record<string, unknown> = {};
    a['self'] = a;
    expect(() => canonicalJson(a)).toThrow(TypeError);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });

  it('orders integer-like keys as strings, like every other key', () => {
    expect(canonicalJson({ b: 1, 10: 'x', 9: 'y', a: { 2: 0, 11: 0 } })).toBe('{"10":"x","9":"y","a":{"11":0,"2":0},"b":1}');
  });

  it('gives exactly what the reference writer gives, on random nested values', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const key = () => ['a', 'B', 'z', 'é', '_', 'aa', 'Z1', '', 'k' + Math.floor(rand() * 50)][Math.floor(rand() * 9)]!;
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.3) return [1, -0, 2.5, 'str', '"q"', null, true, undefined][Math.floor(rand() * 8)];
      if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(rand() * 6); i++) o[key()] = value(depth + 1);
      return o;
    };
    for (let i = 0; i < 500; i++) {
      const v = { root: value(0) };
      const exact = canonicalJsonExact(v);
      expect(canonicalJson(v)).toBe(exact);
      // Parsed back, the value is already in canonical order: the engine-only path must agree.
      expect(canonicalJson(JSON.parse(exact))).toBe(exact);
    }
  });
});
