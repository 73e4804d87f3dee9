// A Provider credential is always a reference ({env} or {file}). One written as
// a plain value is an error at its line whose message never echoes the value.
// (Secret-shaped text anywhere is caught by the loader's scan: src/load/secret-patterns.ts.)
import type { Diagnostic } from '../diagnostics/types.js';
import type { LoadedDocument } from '../load/parse.js';
import { diagnosticAt } from '../load/parse.js';
import { SECRET_HINT } from '../load/secret-patterns.js';
import { toPointer } from '../load/source-map.js';

export function credentialLiteral(doc: LoadedDocument, binding: string): Diagnostic {
  const pointer = toPointer(['credentials', binding]);
  return diagnosticAt(doc.file, doc.map.rangeOf(pointer, 'value'), 'secret-literal', `credential '${binding}' is a literal value; credentials must be references`, pointer, { hint: SECRET_HINT });
}
