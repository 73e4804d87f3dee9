// src/load/yaml-lazy.ts takes yaml's node predicates from its identity module
// by path, so that a run the fast reader serves never loads the parser. These
// tests pin that they are the very functions the package exports (an upgrade
// that moves them fails here), and that yaml() is the package itself.
import * as Yaml from 'yaml';
import { describe, expect, it } from 'vitest';
import { isAlias, isMap, isPair, isScalar, isSeq, yaml } from '../../src/load/yaml-lazy.js';

describe('yaml-lazy', () => {
  it('hands out the predicates yaml itself exports', () => {
    expect([isAlias, isMap, isPair, isScalar, isSeq]).toEqual([Yaml.isAlias, Yaml.isMap, Yaml.isPair, Yaml.isScalar, Yaml.isSeq]);
    expect(isMap).toBe(Yaml.isMap);
  });

  it('yaml() is the package, and the predicates read its nodes', () => {
    expect(yaml().parseDocument).toBe(Yaml.parseDocument);
    const doc = yaml().parseDocument('a: [1, *x]\nb: &x { c: d }\n');
    const [a, b] = (doc.contents as Yaml.YAMLMap).items;
    expect(isPair(a)).toBe(true);
    expect(isSeq(a!.value)).toBe(true);
    expect(isScalar((a!.value as Yaml.YAMLSeq).items[0])).toBe(true);
    expect(isAlias((a!.value as Yaml.YAMLSeq).items[1])).toBe(true);
    expect(isMap(b!.value)).toBe(true);
    expect([isMap(null), isSeq({}), isScalar('x')]).toEqual([false, false, false]);
  });
});
