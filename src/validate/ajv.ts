// The one ajv wrapper: every schema of schema/ registered once, each kind's
// validator compiled once and cached for the life of the process.
import { Ajv, type ValidateFunction } from 'ajv';
import { schemas, SCHEMA_BASE } from '../generated/schemas.js';

let instance: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function ajv(): Ajv {
  if (!instance) {
    // verbose: errors carry parentSchema and data (for did-you-mean and secret detection).
    instance = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });
    instance.addVocabulary(['enumDescriptions']);
    for (const schema of Object.values(schemas)) instance.addSchema(schema as object);
  }
  return instance;
}

/** Validator for a schema file under schema/, e.g. 'model.schema.json'. */
export function validatorFor(schemaFile: string): ValidateFunction {
  let fn = compiled.get(schemaFile);
  if (!fn) {
    fn = ajv().getSchema(SCHEMA_BASE + schemaFile);
    if (!fn) throw new Error(`unknown schema ${schemaFile}`);
    compiled.set(schemaFile, fn);
  }
  return fn;
}
