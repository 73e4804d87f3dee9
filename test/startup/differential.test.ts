// The precompiled validators (ajv standalone code, src/generated/*-validators.ts)
// must report exactly what ajv compiling the same schemas at run time reports:
// the same verdict and the same error objects — instancePath, schemaPath,
// keyword, params, message, and (verbose) schema, parentSchema and data, which
// src/validate/ajv-errors.ts reads for did-you-mean hints and secret detection.
// The reference options are the ones validate and the runtime used before
// precompilation; they are the contract the generator must keep.
import { isDeepStrictEqual } from 'node:util';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { schemas, SCHEMA_BASE } from '../../src/generated/schemas.js';
import { documentValidators } from '../../src/generated/document-validators.js';
import { snapshotValidators } from '../../src/generated/snapshot-validators.js';
import { validatorFor } from '../../src/validate/ajv.js';
import { KIND_SCHEMAS } from '../../src/validate/resources.js';
import { validateSnapshot } from '../../src/runtime/validate-snapshot.js';
import { mulberry32 } from '../compile/helpers.js';
import { exampleSnapshots, mutate, repositoryDocuments, type CorpusDocument } from './corpus.js';

const SEED = Number(process.env.DIFF_SEED ?? 0x5a1d_0012);
const MUTATIONS_PER_DOCUMENT = Number(process.env.DIFF_MUTATIONS ?? 40);

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

function documentAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });
  ajv.addVocabulary(['enumDescriptions']);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema as object);
  return ajv;
}

const runtimeAjv = documentAjv();
const runtimeDocument = (file: string): Validate => runtimeAjv.getSchema(SCHEMA_BASE + file)!;
const runtimeSnapshot: Validate = new Ajv({ allErrors: false, strict: false }).compile(schemas['snapshot.schema.json']);

interface Outcome {
  valid: boolean;
  errors: ErrorObject[] | null | undefined;
}

function run(validate: Validate, value: unknown): Outcome {
  const valid = validate(value);
  return { valid, errors: validate.errors };
}

/** Compares both validators on `value`; returns a description of the first difference, or undefined. */
function difference(precompiled: Validate, runtime: Validate, value: unknown): string | undefined {
  const a = run(precompiled, value);
  const b = run(runtime, value);
  if (isDeepStrictEqual(a, b)) return undefined;
  // toEqual's diff is the readable one; isDeepStrictEqual is the strict (and fast) check.
  expect(a).toEqual(b);
  return 'differ (strictly: an undefined field, a prototype or a -0)';
}

const documents = repositoryDocuments();
const snapshots = exampleSnapshots();
const documentFiles = Object.keys(documentValidators) as Array<keyof typeof documentValidators>;

function kindFile(value: unknown): keyof typeof documentValidators | undefined {
  const kind = value && typeof value === 'object' ? (value as Record<string, unknown>).kind : undefined;
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(KIND_SCHEMAS, kind) ? (KIND_SCHEMAS[kind as keyof typeof KIND_SCHEMAS] as keyof typeof documentValidators) : undefined;
}

describe('precompiled validators = runtime-compiled ajv', () => {
  it('there is one for every catalog kind and for registry files, and validatorFor serves them', () => {
    for (const file of [...Object.values(KIND_SCHEMAS), 'registry-model.schema.json']) {
      expect(documentFiles).toContain(file);
      expect(validatorFor(file)).toBe(documentValidators[file as keyof typeof documentValidators]);
    }
    expect(() => validatorFor('plan.schema.json')).toThrow(/no precompiled validator for plan\.schema\.json/);
    expect(() => validatorFor('toString')).toThrow(/no precompiled validator/);
  });

  it('the corpus is broad: valid and invalid documents of every kind', () => {
    expect(documents.length).toBeGreaterThan(150);
    const byKind = new Map<string, { valid: number; invalid: number }>();
    for (const d of documents) {
      const file = kindFile(d.value) ?? (d.name.startsWith('models/') ? 'registry-model.schema.json' : undefined);
      if (!file) continue;
      const count = byKind.get(file) ?? { valid: 0, invalid: 0 };
      if (documentValidators[file as keyof typeof documentValidators](d.value)) count.valid++;
      else count.invalid++;
      byKind.set(file, count);
    }
    for (const file of documentFiles) expect(byKind.get(file)?.valid ?? 0, `${file}: no valid document in the corpus`).toBeGreaterThan(0);
    // The hand-made broken fixtures (test/golden, test/load …); the seeded mutations below add thousands.
    expect([...byKind.values()].reduce((n, c) => n + c.invalid, 0)).toBeGreaterThanOrEqual(5);
  });

  it('every repository document, against every document schema: same verdict, same errors', () => {
    let errors = 0;
    for (const doc of documents) {
      for (const file of documentFiles) {
        const diff = difference(documentValidators[file], runtimeDocument(file), doc.value);
        expect(diff, `${doc.name} against ${file}`).toBeUndefined();
        errors += documentValidators[file].errors?.length ?? 0;
      }
    }
    expect(errors).toBeGreaterThan(1000);
  });

  it(`${MUTATIONS_PER_DOCUMENT} seeded mutations of each document, against its own schema and one other: same errors (seed ${SEED})`, () => {
    const rng = mulberry32(SEED);
    const keywords = new Set<string>();
    let cases = 0;
    for (const doc of documents) {
      const own = kindFile(doc.value) ?? (doc.name.startsWith('models/') ? 'registry-model.schema.json' : undefined);
      for (let i = 0; i < MUTATIONS_PER_DOCUMENT; i++) {
        const m = mutate(doc.value, rng);
        const other = documentFiles[Math.floor(rng() * documentFiles.length)]!;
        for (const file of new Set([own ?? other, other])) {
          const diff = difference(documentValidators[file], runtimeDocument(file), m.value);
          expect(diff, `${doc.name} mutated (${m.detail.join(', ')}) against ${file}`).toBeUndefined();
          for (const e of documentValidators[file].errors ?? []) keywords.add(e.keyword);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(10_000);
    // The mutations reach every keyword the mapping to diagnostics handles.
    for (const k of ['additionalProperties', 'required', 'propertyNames', 'type', 'enum', 'const', 'pattern', 'anyOf', 'maxLength', 'uniqueItems', 'minimum']) expect(keywords).toContain(k);
  });

  it('the snapshot validator: every example snapshot and seeded mutations of them, same errors and messages', () => {
    expect(snapshots.length).toBeGreaterThanOrEqual(4);
    const rng = mulberry32(SEED ^ 0x51a9);
    const precompiled = snapshotValidators['snapshot.schema.json'];
    let invalid = 0;
    for (const snap of snapshots) {
      expect(precompiled(snap.value), snap.name).toBe(true);
      expect(difference(precompiled, runtimeSnapshot, snap.value)).toBeUndefined();
      for (let i = 0; i < 150; i++) {
        const m = mutate(snap.value, rng);
        expect(difference(precompiled, runtimeSnapshot, m.value), `${snap.name} mutated (${m.detail.join(', ')})`).toBeUndefined();
        if (!runtimeSnapshot(m.value)) invalid++;
      }
    }
    expect(invalid).toBeGreaterThan(300);
  });

  it('validateSnapshot formats the precompiled errors exactly as it formatted runtime-compiled ones', () => {
    const rng = mulberry32(SEED ^ 0x7e57);
    const format = (e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` '${String(e.params['additionalProperty'])}'` : ''}`;
    let compared = 0;
    for (const snap of snapshots as CorpusDocument[]) {
      for (let i = 0; i < 40; i++) {
        const { value } = mutate(snap.value, rng);
        if (runtimeSnapshot(value)) continue;
        expect(validateSnapshot(value)).toEqual({ ok: false, errors: runtimeSnapshot.errors!.map(format) });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});
