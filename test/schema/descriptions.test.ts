// Editors show schema descriptions: every property and every enum value has one,
// every schema has a stable $id, and objects are closed.
import { describe, expect, it } from 'vitest';
import { schemas } from '../../src/generated/schemas.js';

type Json = Record<string, unknown>;

function walk(node: unknown, path: string, visit: (n: Json, path: string) => void): void {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}/${i}`, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json, path);
    for (const [k, v] of Object.entries(node as Json)) // `if` and propertyNames are conditions, not fields an editor describes.
      if (!['enum', 'enumDescriptions', 'const', 'if', 'propertyNames'].includes(k)) walk(v, `${path}/${k}`, visit);
  }
}

describe('schemas', () => {
  const problems: string[] = [];
  for (const [file, schema] of Object.entries(schemas)) {
    walk(schema, file, (n, path) => {
      if (n.properties && typeof n.properties === 'object')
        for (const [name, prop] of Object.entries(n.properties as Json)) {
          const p = prop as Json;
          if (typeof p.description !== 'string' && typeof p.$ref !== 'string') problems.push(`${path}/properties/${name}: no description`);
        }
      if (Array.isArray(n.enum) && !(Array.isArray(n.enumDescriptions) && n.enumDescriptions.length === n.enum.length)) problems.push(`${path}: enum without one enumDescription per value`);
      if (n.type === 'object' && n.properties && n.additionalProperties === undefined && !path.endsWith('catalog.schema.json')) problems.push(`${path}: object without additionalProperties`);
    });
  }

  it('describe every property and enum value and close every object', () => {
    expect(problems).toEqual([]);
  });

  it('have stable $ids under https://modelctl.dev/schema/', () => {
    for (const [file, schema] of Object.entries(schemas)) expect((schema as Json).$id).toBe(`https://modelctl.dev/schema/${file}`);
  });
});
