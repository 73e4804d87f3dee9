// The YAML writer: every string comes back as the same string under YAML 1.1
// (PyYAML, which LiteLLM uses) and 1.2, and the layout is fixed.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml, yamlString } from '../../src/litellm/yaml-emit.js';

const TRICKY = ['yes', 'No', 'on', 'OFF', 'y', 'null', '~', 'true', '', ' lead', 'trail ', '1:30', '0x1F', '012', '1e3', '.5', '-', 'a: b', 'a #b', '#x', '@x', '`x', '*x', '&x', '!x', '%x', '[x]', '{x}', 'line\nbreak', 'tab\there', 'q"uote', "it's", 'x\u2028y', 'x\u0085y', 'é', 'os.environ/OPENAI_API_KEY', 'bedrock/converse/us.anthropic.claude-sonnet-4-5-20250929-v1:0'];

describe('yamlString', () => {
  it.each(TRICKY)('%j reads back as the same string in YAML 1.1 and 1.2', (s) => {
    const text = toYaml({ k: s });
    expect(parse(text, { version: '1.1' })).toEqual({ k: s });
    expect(parse(text)).toEqual({ k: s });
  });

  it('leaves plain what cannot be misread', () => {
    expect(yamlString('os.environ/OPENAI_API_KEY')).toBe('os.environ/OPENAI_API_KEY');
    expect(yamlString('yes')).toBe('"yes"');
    expect(yamlString('1:30')).toBe('"1:30"');
  });
});

describe('toYaml', () => {
  it('writes maps, lists of maps, flow lists, empties and decimals in a fixed layout', () => {
    const text = toYaml({ a: [{ b: 1, c: { d: [1, 2] } }, 'x', []], e: {}, f: { decimal: '0.000003' }, g: true, h: undefined }, ['head']);
    expect(text).toBe(['# head', 'a:', '  - b: 1', '    c:', '      d: [1, 2]', '  - x', '  - []', 'e: {}', 'f: 0.000003', 'g: true', ''].join('\n'));
    expect(parse(text)).toEqual({ a: [{ b: 1, c: { d: [1, 2] } }, 'x', []], e: {}, f: 0.000003, g: true });
  });

  it('refuses numbers it cannot write exactly', () => {
    expect(() => toYaml({ x: 0.1 })).toThrow(RangeError);
    expect(() => toYaml({ x: NaN })).toThrow(RangeError);
    expect(() => toYaml({ x: { decimal: '3e-7' } })).toThrow(RangeError);
  });
});
