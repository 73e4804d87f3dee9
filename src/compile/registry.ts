// Pure: registry documents (models/<vendor>/<model>.yaml) → id → RegistryModel,
// each checked against its schema and its path.
import type { Diagnostic } from '../diagnostics/types.js';
import type { RegistryModel } from '../generated/types.js';
import type { LoadedDocument } from '../load/parse.js';
import { diagnosticAt } from '../load/parse.js';
import { validatorFor } from '../validate/ajv.js';
import { mapAjvErrors } from '../validate/ajv-errors.js';

export interface RegistryResult {
  registry: Map<string, RegistryModel>;
  diagnostics: Diagnostic[];
}

/** `file` ends with <vendor>/<model>.yaml; the id must say the same. */
function idFromPath(file: string): string {
  return file.split('/').slice(-2).join('/').replace(/\.ya?ml$/, '');
}

export function buildRegistry(documents: readonly LoadedDocument[]): RegistryResult {
  const registry = new Map<string, RegistryModel>();
  const diagnostics: Diagnostic[] = [];
  const validate = validatorFor('registry-model.schema.json');
  for (const doc of documents) {
    if (!validate(doc.value)) {
      for (const item of mapAjvErrors(doc, validate.errors ?? []).map((d) => ({ ...d, code: 'registry-invalid' as const, message: `registry: ${d.message}` }))) diagnostics.push(item);
      continue;
    }
    const model = doc.value as RegistryModel;
    if (model.id !== idFromPath(doc.file)) {
      diagnostics.push(diagnosticAt(doc.file, doc.map.rangeOf('/id'), 'registry-invalid', `registry id '${model.id}' does not match its path (${idFromPath(doc.file)})`, '/id'));
      continue;
    }
    registry.set(model.id, model);
  }
  return { registry, diagnostics };
}
