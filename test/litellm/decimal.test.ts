// Per-1M prices ↔ per-token costs, exactly. Float division is shown wrong
// here on purpose, so the test proves why the decimal shift exists.
import { describe, expect, it } from 'vitest';
import { perMillionToPerToken, perTokenToPerMillion, plainDecimal, shiftDecimal } from '../../src/litellm/decimal.js';
import { toYaml } from '../../src/litellm/yaml-emit.js';
import { PYYAML_FLOAT, readAsLitellm } from './support.js';

describe('per 1M tokens → per token', () => {
  it.each([
    [3, '0.000003'],
    [15, '0.000015'],
    [0.3, '0.0000003'],
    [3.75, '0.00000375'],
    [1.25, '0.00000125'],
    [0.125, '0.000000125'],
    [0.1, '0.0000001'],
    [0.07, '0.00000007'],
    [1e-7, '0.0000000000001'],
    [0, '0'],
    [1234567, '1.234567'],
    [75, '0.000075'],
  ])('%s → %s', (perMillion, perToken) => {
    expect(perMillionToPerToken(perMillion)).toBe(perToken);
    // And back, exactly.
    expect(Number(perTokenToPerMillion(Number(perToken)))).toBe(perMillion);
  });

  it('is exact where float division is not', () => {
    expect(String(0.3 / 1e6)).not.toBe('0.0000003'); // 2.9999999999999997e-7
    expect(String(3 / 1e6)).toBe('0.000003');
    expect(String(0.07 / 1e6)).not.toBe('0.00000007');
    expect(String(0.0000029 * 1e6)).toBe('2.9000000000000004');
    expect(perMillionToPerToken(0.3)).toBe('0.0000003');
    expect(perTokenToPerMillion(0.0000029)).toBe('2.9');
  });

  it('writes plain digits that a YAML 1.1 reader (PyYAML, LiteLLM) takes for numbers', () => {
    // PyYAML's float resolver needs a '.': it reads 3e-7 as the string "3e-7", so exponent form must never be written.
    expect(PYYAML_FLOAT.test('3e-7')).toBe(false);
    expect(PYYAML_FLOAT.test(String(0.3 / 1e6))).toBe(false);
    for (const n of [0.3, 3, 0.07, 1e-7, 0.125, 75]) expect(PYYAML_FLOAT.test(perMillionToPerToken(n)) || /^[0-9]+$/.test(perMillionToPerToken(n))).toBe(true);
    const text = toYaml({ x: { decimal: perMillionToPerToken(0.3) } });
    expect(text).toBe('x: 0.0000003\n');
    expect(readAsLitellm(text)).toEqual({ x: 3e-7 });
  });
});

describe('decimal helpers', () => {
  it.each([
    [1e21, '1000000000000000000000'],
    [1.5e-10, '0.00000000015'],
    [-2.5e-7, '-0.00000025'],
    [42, '42'],
  ])('plainDecimal(%s) = %s', (n, s) => expect(plainDecimal(n)).toBe(s));

  it.each([
    ['0.5', 1, '5'],
    ['12.345', -3, '0.012345'],
    ['100', -2, '1'],
    ['0', 6, '0'],
  ])('shiftDecimal(%s, %s) = %s', (d, p, s) => expect(shiftDecimal(d, p)).toBe(s));

  it('refuses what is not a finite plain decimal', () => {
    expect(() => plainDecimal(Infinity)).toThrow(RangeError);
    expect(() => shiftDecimal('1e5', 1)).toThrow(RangeError);
  });
});
