// The official SARIF 2.1.0 JSON schema (shipped by @microsoft/jest-sarif) as
// an ajv 8 validator. The file is draft-04, which ajv 8 no longer reads; the
// only draft-04-only keyword it uses is the root `id` (no boolean
// exclusiveMinimum/Maximum, asserted below), so renaming that to `$id` makes
// it an exact draft-07 schema, and no new dependency is needed. Its three
// formats are checked here, strictly enough to catch an unencoded URI.
// unicodeRegExp is off because the file's `language` pattern,
// `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, has a stray `]` that only
// non-unicode JavaScript regexps (as JSON Schema's ECMA 262 dialect) accept.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

export const SARIF_SCHEMA_FILE = fileURLToPath(new URL('../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url));

/** RFC 3986 URI-reference characters: unreserved, reserved and %-escapes only. */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;

export function sarifValidator(): ValidateFunction {
  const text = readFileSync(SARIF_SCHEMA_FILE, 'utf8');
  const schema = JSON.parse(text) as Record<string, unknown>;
  if (schema.$schema !== 'http://json-schema.org/draft-04/schema#') throw new Error(`expected a draft-04 schema, got ${String(schema.$schema)}`);
  if (/"exclusive(Minimum|Maximum)"/.test(text)) throw new Error('the schema uses draft-04 exclusiveMinimum/Maximum: converting only `id` is not enough');
  const { id, $schema: _draft, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URI_REFERENCE.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s));
  ajv.addFormat('uri-reference', (s: string) => URI_REFERENCE.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ $id: String(id), ...rest });
}
