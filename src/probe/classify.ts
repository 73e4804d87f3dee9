// From an HTTP status and what the adapter read in the body to a verdict.
// Which statuses mean "the upstream rejects this capability" is decided here
// once for every protocol: vendors answer an unsupported request field with a
// 400-class validation error, while auth, missing models, rate limits and
// server faults are errors whatever was asked.
import type { ProbeCheck, Verdict } from './types.js';

export interface UpstreamError {
  code?: string;
  message: string;
}

/** Statuses that are errors of the source, never a capability verdict. */
const ALWAYS_ERROR = new Set([401, 402, 403, 404, 408, 409, 429]);
/** Statuses that say the endpoint does not speak this request at all. */
const PROTOCOL_REJECTED = new Set([405, 415, 501]);

export function verdictFor(check: ProbeCheck, httpStatus: number, error: UpstreamError | undefined, missing: string | null): Verdict {
  if (httpStatus >= 200 && httpStatus < 300) {
    if (missing === null) return { status: 'usable' };
    // A 200 without the asked-for feature: the capability silently does not work.
    if (check !== 'basic') return { status: 'unsupported', capability: check, httpStatus, message: missing };
    return { status: 'error', httpStatus, code: 'bad-response', message: missing };
  }
  const detail = { httpStatus, ...(error?.code ? { code: error.code } : {}), message: error?.message ?? `HTTP ${httpStatus}` };
  if (PROTOCOL_REJECTED.has(httpStatus)) return { status: 'unsupported', capability: check === 'basic' ? 'protocol' : check, ...detail };
  if (check !== 'basic' && httpStatus >= 400 && httpStatus < 500 && !ALWAYS_ERROR.has(httpStatus)) return { status: 'unsupported', capability: check, ...detail };
  return { status: 'error', ...detail };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `{ error: { code|type|status, message } }`, the shape most vendors share. */
export function nestedError(body: string, codeKeys: readonly string[]): UpstreamError | undefined {
  const json = parseJson(body);
  const err = isObject(json) && isObject(json['error']) ? json['error'] : undefined;
  if (!err) return body.trim() ? { message: body.trim().slice(0, 500) } : undefined;
  const code = codeKeys.map((k) => err[k]).find((v) => typeof v === 'string' || typeof v === 'number');
  return { ...(code !== undefined ? { code: String(code) } : {}), message: typeof err['message'] === 'string' ? err['message'] : JSON.stringify(err).slice(0, 500) };
}

/** Whether a JSON text parses to an object (structured-output checks). */
export const isJsonObjectText = (text: unknown): boolean => typeof text === 'string' && isObject(parseJson(text));
