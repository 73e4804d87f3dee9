// Validates one loaded document: apiVersion and kind first (with the valid
// lists), then the kind's JSON Schema, then secret detection. Returns a typed
// resource only when the document has no error.
import type { Diagnostic } from '../diagnostics/types.js';
import type { LoadedDocument } from '../load/parse.js';
import { diagnosticAt } from '../load/parse.js';
import { validatorFor } from './ajv.js';
import { mapAjvErrors } from './ajv-errors.js';
import { didYouMeanHint } from '../diagnostics/did-you-mean.js';
import { API_VERSIONS, isKind, KIND_SCHEMAS, KINDS, type Resource } from './resources.js';
import { redactDiagnostic } from '../load/redaction.js';

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

export function validateDocument(doc: LoadedDocument): DocumentResult {
  const value = doc.value;
  if (!isPlainObject(value)) {
    return { diagnostics: [diagnosticAt(doc.file, doc.map.documentRange(), 'document-not-object', 'a catalog document must be a mapping with apiVersion, kind and name')] };
  }
  const diagnostics = headerDiagnostics(doc, value);
  // Credential literals were reported by the loader; schema errors about them would only repeat it.
  const literalPointers = doc.secretPointers ?? [];

  if (isKind(value.kind)) {
    const validate = validatorFor(KIND_SCHEMAS[value.kind]);
    if (!validate(value)) {
      const errors = (validate.errors ?? []).filter(
        (e) =>
          !literalPointers.some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/')) &&
          // apiVersion and kind were reported above, with the lists of valid values.
          !(e.instancePath === '/apiVersion' || e.instancePath === '/kind') &&
          !(e.keyword === 'required' && e.instancePath === '' && ['apiVersion', 'kind'].includes(String(e.params.missingProperty))),
      );
      for (const item of mapAjvErrors(doc, errors)) diagnostics.push(item);
    }
  }
  const secrets = doc.secrets;
  const redacted = secrets ? diagnostics.map((d) => redactDiagnostic(d, secrets)) : diagnostics;
  if (doc.hasSecret || redacted.some((d) => d.severity === 'error')) return { diagnostics: redacted };
  const name = typeof value.name === 'string' ? value.name : 'default';
  return { resource: { kind: value.kind, name, spec: value, source: doc } as unknown as Resource, diagnostics: redacted };
}
