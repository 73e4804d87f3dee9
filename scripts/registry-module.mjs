// The built-in registry (models/<vendor>/<model>.yaml) as a module, read and
// checked here, at `npm run gen`, instead of by every command at start-up
// (31 YAML files through the full loader cost more than the rest of
// `modelctl validate` on a small catalog). test/startup/registry.test.ts proves
// the values equal what the loader and buildRegistry make of the same files.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { parseAllDocuments } from 'yaml';

// The loader's own parse options (src/load/parse.ts PARSE_OPTIONS, MAX_ALIAS_COUNT).
const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, resolveKnownTags: false, logLevel: 'error' };
const MAX_ALIAS_COUNT = 100;

function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** id → registry model, in the loader's order (paths sorted); throws on the first problem, naming the file. */
function readRegistry(modelsDir, schemas, base) {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary(['enumDescriptions']);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const validate = ajv.getSchema(base + 'registry-model.schema.json');
  const models = {};
  const files = yamlFiles(modelsDir).map((f) => relative(modelsDir, f).split('\\').join('/')).sort();
  for (const file of files) {
    const docs = parseAllDocuments(readFileSync(join(modelsDir, file), 'utf8'), PARSE_OPTIONS);
    const where = `models/${file}`;
    if (!Array.isArray(docs) || docs.length !== 1) throw new Error(`${where}: a registry file holds exactly one YAML document`);
    const [doc] = docs;
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length) throw new Error(`${where}: ${problems[0].message}`);
    const value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    if (!validate(value)) throw new Error(`${where}: ${ajv.errorsText(validate.errors)}`);
    const id = file.replace(/\.ya?ml$/, '');
    if (value.id !== id) throw new Error(`${where}: registry id '${value.id}' does not match its path (${id})`);
    models[id] = value;
  }
  return models;
}

export function registryModule({ banner, modelsDir, schemas, base }) {
  const models = readRegistry(modelsDir, schemas, base);
  return `${banner}// The built-in registry: models/<vendor>/<model>.yaml by id, each checked against
// schema/registry-model.schema.json and its path when this file was generated.

import type { RegistryModel } from './types.js';

export const registryModels: Readonly<Record<string, RegistryModel>> = ${JSON.stringify(models, null, 2)};
`;
}
