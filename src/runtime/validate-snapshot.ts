// Snapshot validation: the JSON Schema (schema/snapshot.schema.json) first,
// then the cross-reference rules. Returns typed data or errors, never a mix.
import type { ErrorObject } from 'ajv';
import { snapshotValidators } from '../generated/snapshot-validators.js';
import type { Snapshot } from '../generated/types.js';
import { SNAPSHOT_RULES } from './snapshot-rules.js';

export type SnapshotValidation = { ok: true; snapshot: Snapshot } | { ok: false; errors: string[] };

// Precompiled at build time (ajv standalone code, `npm run gen`): no schema is
// compiled here, so this runs where code generation from strings is forbidden
// (Workers, strict CSP) and the runtime loads neither ajv nor the catalog schemas.
// The Snapshot type is generated from the same schema, so a pass proves it.
const validateSchema = snapshotValidators['snapshot.schema.json'] as ((x: unknown) => x is Snapshot) & { errors?: ErrorObject[] | null };

function formatAjvError(e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params['additionalProperty'])}'` : '';
  return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
}

export function validateSnapshot(x: unknown): SnapshotValidation {
  if (!validateSchema(x)) return { ok: false, errors: (validateSchema.errors ?? []).map(formatAjvError) };
  const errors: string[] = [];
  for (const rule of SNAPSHOT_RULES) rule(x, (at, message) => errors.push(`${at}: ${message}`));
  return errors.length ? { ok: false, errors } : { ok: true, snapshot: x };
}
