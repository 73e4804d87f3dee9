// Snapshot validation: the JSON Schema (schema/snapshot.schema.json) first,
// then the cross-reference rules. Returns typed data or errors, never a mix.
import type { ErrorObject } from 'ajv';
import { snapshotValidators } from '../generated/snapshot-validators.js';
import type { Snapshot } from '../generated/types.js';
import { MODEL_LOCAL_RULES, SNAPSHOT_RULES, sourceIdsUnique } from './snapshot-rules.js';
import { drain } from './steps.js';

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
  return drain(rulesSteps(x));
}

/** The cross-reference rules over a snapshot the schema passed, a step each. */
function* rulesSteps(snapshot: Snapshot): Generator<void, SnapshotValidation> {
  const errors: string[] = [];
  for (const rule of SNAPSHOT_RULES) {
    rule(snapshot, (at, message) => errors.push(`${at}: ${message}`));
    yield;
  }
  return errors.length ? { ok: false, errors } : { ok: true, snapshot };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Models checked against the schema per step of validateSnapshotSteps. */
const MODELS_PER_STEP = 250;

/**
 * validateSnapshot in steps a caller can interleave with other work (a
 * server checking a 10,000-model push between requests): the same answer,
 * never a different one. The schema constrains each model on its own
 * (`models` is a map whose values share one schema, with no constraint on
 * the map as a whole), so the snapshot passes exactly when it passes with
 * its models taken a batch at a time; each batch is a step, then each rule.
 * Anything that fails is checked again whole, so the errors are the ones
 * validateSnapshot gives.
 */
export function* validateSnapshotSteps(x: unknown): Generator<void, SnapshotValidation> {
  if (!isRecord(x) || !isRecord(x['models'])) return validateSnapshot(x);
  const models = x['models'];
  const names = Object.keys(models);
  for (let i = 0; i === 0 || i < names.length; i += MODELS_PER_STEP) {
    // fromEntries defines own properties, as JSON.parse does (a model named __proto__ included).
    const batch = Object.fromEntries(names.slice(i, i + MODELS_PER_STEP).map((n) => [n, models[n]]));
    if (!validateSchema({ ...x, models: batch })) return validateSnapshot(x);
    yield;
  }
  return yield* rulesSteps(x as unknown as Snapshot); // every batch passed: the schema holds for the whole
}

/**
 * Whether `x` passes validateSnapshot, for a snapshot known to differ from
 * one that passed only in the models `changed` names (added or changed; any
 * other model as it was, or removed): the schema constrains each model on
 * its own (see validateSnapshotSteps), and so do MODEL_LOCAL_RULES, so those
 * run on the changed models alone; the other rules read the whole snapshot.
 * `idsNamed`: every source id of `x` is named after its model
 * (idsNamedByModel; the caller knows it of the snapshot that passed and checks
 * the changed models): ids can then repeat only within a model, and the id
 * rule runs on the changed models alone.
 * A caller that needs the errors checks again whole.
 */
export function passesWithChangedModels(x: Record<string, unknown> & { models: Record<string, unknown> }, changed: readonly string[], idsNamed = false): x is Record<string, unknown> & Snapshot {
  const only = { ...x, models: Object.fromEntries(changed.map((n) => [n, x.models[n]])) };
  if (!validateSchema(only)) return false;
  let failed = false;
  for (const rule of SNAPSHOT_RULES) {
    const local = MODEL_LOCAL_RULES.has(rule) || (rule === sourceIdsUnique && idsNamed);
    rule((local ? only : x) as unknown as Snapshot, () => void (failed = true));
    if (failed) return false;
  }
  return true;
}
