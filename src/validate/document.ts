// Validates one loaded document: apiVersion and kind first (with the valid
// lists), then the kind's JSON Schema, then secret detection. Returns a typed
// resource only when the document has no error.
import type { Diagnostic } from '../diagnostics/types.js';
import type { LoadedDocument } from '../load/parse.js';
import { diagnosticAt } from '../load/parse.js';
import { validatorFor } from './ajv.js';
import { mapAjvErrors } from './ajv-errors.js';
import { didYouMeanHint } from './did-you-mean.js';
import { API_VERSIONS, isKind, KIND_SCHEMAS, KINDS, type Resource } from './resources.js';
import { credentialLiteral } from './credentials.js';
import { looksLikeSecret } from '../load/secret-patterns.js';

export interface DocumentResult {
  resource?: Resource;
  diagnostics: Diagnostic[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerDiagnostics(doc: LoadedDocument, value: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { file, map } = doc;
  if (!('apiVersion' in value)) {
    out.push(diagnosticAt(file, map.documentRange(), 'api-version-missing', `missing apiVersion; valid: ${API_VERSIONS.join(', ')}`, '', { hint: `add 'apiVersion: ${API_VERSIONS[0]}'` }));
  } else if (!(API_VERSIONS as readonly unknown[]).includes(value.apiVersion)) {
    out.push(diagnosticAt(file, map.rangeOf('/apiVersion'), 'api-version-unknown', `unknown apiVersion; valid: ${API_VERSIONS.join(', ')}`, '/apiVersion'));
  }
  if (!('kind' in value)) {
    out.push(diagnosticAt(file, map.documentRange(), 'kind-missing', `missing kind; valid: ${KINDS.join(', ')}`));
  } else if (!isKind(value.kind)) {
    out.push(
      diagnosticAt(file, map.rangeOf('/kind'), 'kind-unknown', `unknown kind; valid: ${KINDS.join(', ')}`, '/kind', {
        hint: typeof value.kind === 'string' ? didYouMeanHint(value.kind, KINDS) : undefined,
      }),
    );
  }
  return out;
}

/**
 * Credentials written as plain values: reported as secrets, and their schema
 * errors dropped. A binding whose name is itself secret-shaped ({ sk-ant-… })
 * or value is left to the loader's text scan, which reports it once, by shape.
 */
function literalCredentials(value: Record<string, unknown>): string[] {
  if (value.kind !== 'Provider' || !isPlainObject(value.credentials)) return [];
  return Object.entries(value.credentials)
    .filter(([binding, ref]) => !isPlainObject(ref) && !looksLikeSecret(binding))
    .map(([binding]) => binding);
}

export function validateDocument(doc: LoadedDocument): DocumentResult {
  const value = doc.value;
  if (!isPlainObject(value)) {
    return { diagnostics: [diagnosticAt(doc.file, doc.map.documentRange(), 'document-not-object', 'a catalog document must be a mapping with apiVersion, kind and name')] };
  }
  const diagnostics = headerDiagnostics(doc, value);
  const literals = literalCredentials(value);
  const credentials = (value.credentials ?? {}) as Record<string, unknown>;
  diagnostics.push(...literals.filter((b) => !looksLikeSecret(String(credentials[b]))).map((binding) => credentialLiteral(doc, binding)));
  const literalPointers = new Set(literals.map((b) => `/credentials/${b}`));

  if (isKind(value.kind)) {
    const validate = validatorFor(KIND_SCHEMAS[value.kind]);
    if (!validate(value)) {
      const errors = (validate.errors ?? []).filter(
        (e) =>
          ![...literalPointers].some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/')) &&
          // apiVersion and kind were reported above, with the lists of valid values.
          !(e.instancePath === '/apiVersion' || e.instancePath === '/kind') &&
          !(e.keyword === 'required' && e.instancePath === '' && ['apiVersion', 'kind'].includes(String(e.params.missingProperty))),
      );
      diagnostics.push(...mapAjvErrors(doc, errors));
    }
  }
  if (doc.hasSecret || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const name = typeof value.name === 'string' ? value.name : 'default';
  return { resource: { kind: value.kind, name, spec: value, source: doc } as unknown as Resource, diagnostics };
}
