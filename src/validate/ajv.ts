// The one ajv wrapper: each kind's validator, precompiled at build time by
// `npm run gen` (ajv standalone code in src/generated/document-validators.ts),
// so no schema is compiled at run time and ajv itself is never loaded.
import type { ErrorObject } from 'ajv';
import { documentValidators } from '../generated/document-validators.js';

/** True when `data` is valid; otherwise `errors` holds every problem (ajv's error objects, verbose). */
export type ValidateFunction = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Validator for a schema file under schema/, e.g. 'model.schema.json'. */
export function validatorFor(schemaFile: string): ValidateFunction {
  const fn = Object.prototype.hasOwnProperty.call(documentValidators, schemaFile) ? documentValidators[schemaFile as keyof typeof documentValidators] : undefined;
  if (!fn) throw new Error(`no precompiled validator for ${schemaFile}: add it to the list in scripts/gen-types.mjs and run npm run gen`);
  return fn;
}
