import type { Diagnostic } from '../diagnostics/types.js';
import type { LoadedDocument } from '../load/parse.js';
import { validateDocument } from './document.js';
import type { Resource } from './resources.js';

export { validateDocument } from './document.js';
export { validatorFor } from './ajv.js';
export { didYouMean, didYouMeanHint } from '../diagnostics/did-you-mean.js';
export { looksLikeSecret } from '../load/secret-patterns.js';
export * from './resources.js';

export interface ValidationResult {
  resources: Resource[];
  diagnostics: Diagnostic[];
}

/** Schema-level validation of every document; all problems are collected. */
export function validateDocuments(documents: readonly LoadedDocument[]): ValidationResult {
  const resources: Resource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const doc of documents) {
    const result = validateDocument(doc);
    for (const item of result.diagnostics) diagnostics.push(item);
    if (result.resource) resources.push(result.resource);
  }
  return { resources, diagnostics };
}
