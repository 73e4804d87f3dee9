// Snapshot validation: the JSON Schema (schema/snapshot.schema.json) first,
// then the cross-reference rules. Returns typed data or errors, never a mix.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { schemas } from '../generated/schemas.js';
import type { Snapshot } from '../generated/types.js';
import { SNAPSHOT_RULES } from './snapshot-rules.js';

export type SnapshotValidation = { ok: true; snapshot: Snapshot } | { ok: false; errors: string[] };

// Compiled on first use, not at import: ajv generates code with `new Function`,
// which some runtimes forbid, and a resolver built from a trusted snapshot
// should not pay for (or depend on) the validator.
let compiled: ValidateFunction<Snapshot> | undefined;

function validator(): ValidateFunction<Snapshot> {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile<Snapshot>(schemas['snapshot.schema.json']);
  return compiled;
}

function formatAjvError(e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params['additionalProperty'])}'` : '';
  return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
}

export function validateSnapshot(x: unknown): SnapshotValidation {
  const validate = validator();
  if (!validate(x)) return { ok: false, errors: (validate.errors ?? []).map(formatAjvError) };
  const errors: string[] = [];
  for (const rule of SNAPSHOT_RULES) rule(x, (at, message) => errors.push(`${at}: ${message}`));
  return errors.length ? { ok: false, errors } : { ok: true, snapshot: x };
}
