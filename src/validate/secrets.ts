// A credential is always a reference ({env} or {file}). A literal secret anywhere
// is an error that names the file and line and never echoes the value.
import type { Diagnostic } from '../diagnostics/types.js';
import type { LoadedDocument } from '../load/parse.js';
import { diagnosticAt } from '../load/parse.js';
import { toPointer } from '../load/source-map.js';

/** Shapes of well-known API keys and private keys. */
const SECRET_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'an Anthropic API key', pattern: /sk-ant-[A-Za-z0-9_-]{16,}/ },
  { name: 'an OpenAI-style API key', pattern: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/ },
  { name: 'an OpenRouter API key', pattern: /sk-or-v1-[A-Za-z0-9]{20,}/ },
  { name: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'an xAI API key', pattern: /\bxai-[A-Za-z0-9]{32,}/ },
  { name: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{20,}/ },
];

export function looksLikeSecret(text: string): string | undefined {
  return SECRET_PATTERNS.find((p) => p.pattern.test(text))?.name;
}

const HINT = 'put the secret in an environment variable or a mounted file and reference it: { env: NAME } or { file: /run/secrets/name }';

/** Every string scalar (keys included) of the document that looks like a credential. */
export function findSecretLiterals(doc: LoadedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const what = looksLikeSecret(value);
      if (what) {
        const pointer = toPointer(path);
        out.push(diagnosticAt(doc.file, doc.map.rangeOf(pointer, 'value'), 'secret-literal', `this value looks like ${what}; secrets must never be written in the catalog`, pointer, { hint: HINT }));
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(doc.value, []);
  return out;
}

/** A Provider credential written as a plain value instead of a reference. */
export function credentialLiteral(doc: LoadedDocument, binding: string): Diagnostic {
  const pointer = toPointer(['credentials', binding]);
  return diagnosticAt(doc.file, doc.map.rangeOf(pointer, 'value'), 'secret-literal', `credential '${binding}' is a literal value; credentials must be references`, pointer, { hint: HINT });
}
