// The one place that maps ajv errors to diagnostics (design §3): unknown keys at
// the key with a did-you-mean hint, wrong values at the value, missing fields at
// the key of the object that lacks them, one diagnostic per anyOf.
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics/types.js';
import type { LoadedDocument } from '../load/parse.js';
import { diagnosticAt } from '../load/parse.js';
import { toPointer, parsePointer } from '../load/source-map.js';
import { didYouMeanHint } from '../diagnostics/did-you-mean.js';
import { looksLikeSecret } from '../load/secret-patterns.js';

type AjvError = ErrorObject & { parentSchema?: Record<string, unknown>; data?: unknown };

/** Keeps, for each anyOf, only the errors of the branch the value most plausibly meant. */
export function collapseAnyOf(errors: readonly AjvError[]): AjvError[] {
  const dropped = new Set<AjvError>();
  const replaced = new Map<AjvError, AjvError>();
  errors.forEach((anyOf, at) => {
    if (anyOf.keyword !== 'anyOf' && anyOf.keyword !== 'oneOf') return;
    const prefix = anyOf.schemaPath + '/';
    const branches = new Map<number, AjvError[]>();
    for (const e of errors.slice(0, at)) {
      if (!e.schemaPath.startsWith(prefix) || !(e.instancePath === anyOf.instancePath || e.instancePath.startsWith(anyOf.instancePath + '/'))) continue;
      const branch = Number(e.schemaPath.slice(prefix.length).split('/')[0]);
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
      dropped.add(e);
    }
    // A branch whose own type matched is what the author meant; pick the one with the fewest complaints.
    const candidates = [...branches.values()].filter((errs) => !errs.some((e) => e.keyword === 'type' && e.instancePath === anyOf.instancePath));
    candidates.sort((a, b) => a.length - b.length);
    if (candidates[0]) candidates[0].forEach((e) => dropped.delete(e));
    else replaced.set(anyOf, { ...anyOf, keyword: 'type', params: { type: describeBranches(anyOf) } });
    if (candidates[0]) dropped.add(anyOf);
  });
  return errors.filter((e) => !dropped.has(e)).map((e) => replaced.get(e) ?? e);
}

function describeBranches(e: AjvError): string {
  const branches = (e.schema as Array<Record<string, unknown>> | undefined) ?? [];
  const parts = branches.map((b) => (Array.isArray(b.enum) ? b.enum.map((v) => JSON.stringify(v)).join(' | ') : Array.isArray(b.required) ? `{ ${b.required.join(', ')} }` : String(b.type ?? 'value')));
  return parts.join(' or ');
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function knownProperties(parentSchema: Record<string, unknown> | undefined): string[] {
  const props = parentSchema?.properties;
  return props && typeof props === 'object' ? Object.keys(props) : [];
}

export function mapAjvError(doc: LoadedDocument, error: AjvError): Diagnostic {
  const { file, map } = doc;
  const path = error.instancePath;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const pointer = path + toPointer([key]);
      return diagnosticAt(file, map.rangeOf(pointer, 'key'), 'unknown-field', `unknown field '${key}'`, pointer, {
        hint: didYouMeanHint(key, knownProperties(error.parentSchema)) ?? `allowed here: ${knownProperties(error.parentSchema).join(', ')}`,
      });
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const where = parsePointer(path);
      const range = where.length === 0 ? map.documentRange() : map.rangeOf(path, 'key');
      return diagnosticAt(file, range, 'missing-field', `missing required field '${missing}'${where.length ? ` in '${where.join('.')}'` : ''}`, path);
    }
    case 'propertyNames': {
      const name = String(error.params.propertyName);
      const pointer = path + toPointer([name]);
      return diagnosticAt(file, map.rangeOf(pointer, 'key'), 'invalid-value', `invalid name '${name}'`, pointer);
    }
    case 'type':
      return diagnosticAt(file, map.rangeOf(path, 'value'), 'wrong-type', `${label(path)} must be ${String(error.params.type)}, not ${typeOf(error.data)}`, path);
    case 'enum':
    case 'const': {
      const allowed = error.keyword === 'enum' ? (error.params.allowedValues as unknown[]) : [error.params.allowedValue];
      const hint = typeof error.data === 'string' ? didYouMeanHint(error.data, allowed.map(String)) : undefined;
      return diagnosticAt(file, map.rangeOf(path, 'value'), 'invalid-value', `${label(path)} must be one of: ${allowed.map(String).join(', ')}`, path, { hint });
    }
    default:
      return diagnosticAt(file, map.rangeOf(path, 'value'), 'invalid-value', // Values are never echoed: a mistyped field may hold a credential.
        `${label(path)} ${error.message ?? 'is invalid'}`, path);
  }
}

function label(pointer: string): string {
  const segments = parsePointer(pointer);
  return segments.length ? `'${segments.join('.')}'` : 'document';
}

/** Errors that would put a secret-shaped key into a message or pointer; the loader's scan reports those. */
function mentionsSecret(e: AjvError): boolean {
  return [e.instancePath, e.params.additionalProperty, e.params.propertyName].some((s) => typeof s === 'string' && looksLikeSecret(s) !== undefined);
}

export function mapAjvErrors(doc: LoadedDocument, errors: readonly ErrorObject[]): Diagnostic[] {
  const relevant = collapseAnyOf((errors as AjvError[]).filter((e) => e.keyword !== 'if' && !mentionsSecret(e)));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of relevant) {
    const d = mapAjvError(doc, e);
    const key = `${d.code} ${d.pointer} ${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}
