// Who applied a version and why: an optional message, the git commit, the
// author and a CI run URL. They travel as request headers (percent-encoded,
// so any text fits a header) and are kept beside each version. Every value is
// cleaned on the way in and again on the way out: control and format
// characters (newlines, ESC, bidi overrides) are replaced by a space, runs
// of spaces collapse, and each field is bounded, so a message can never forge
// a log line or a terminal escape wherever it is shown.
export interface ApplyMeta {
  message?: string;
  commit?: string;
  author?: string;
  run?: string;
}

export const META_FIELDS = ['message', 'commit', 'author', 'run'] as const;

export const META_LIMITS: Record<keyof ApplyMeta, number> = { message: 500, commit: 80, author: 200, run: 400 };

/** Request headers, one per field. */
export const META_HEADERS: Record<keyof ApplyMeta, string> = {
  message: 'x-modelctl-message',
  commit: 'x-modelctl-commit',
  author: 'x-modelctl-author',
  run: 'x-modelctl-run',
};

// C0, DEL, C1, and Unicode format characters (bidi overrides, zero-width), line/paragraph separators.
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]+/gu;

/** One line of printable text, at most `max` characters (code points), or undefined when empty. */
export function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
}

/** Only the known fields, each cleaned; undefined when none is left. */
export function cleanMeta(raw: unknown): ApplyMeta | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const out: ApplyMeta = {};
  for (const k of META_FIELDS) {
    const v = cleanText((raw as Record<string, unknown>)[k], META_LIMITS[k]);
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Headers for a request: each value cleaned, then percent-encoded (header-safe ASCII). */
export function metaHeaders(meta: ApplyMeta | undefined): Record<string, string> {
  const clean = cleanMeta(meta);
  const out: Record<string, string> = {};
  if (!clean) return out;
  for (const k of META_FIELDS) if (clean[k] !== undefined) out[META_HEADERS[k]] = encodeURIComponent(clean[k]!);
  return out;
}

/** The fields from request headers (decoded, cleaned); undefined when none. */
export function metaFromHeaders(headers: Record<string, string | string[] | undefined>): ApplyMeta | undefined {
  const raw: Record<string, string> = {};
  for (const k of META_FIELDS) {
    const h = headers[META_HEADERS[k]];
    const value = Array.isArray(h) ? h[0] : h;
    if (value === undefined) continue;
    // Bound before decoding: a huge header is cut, not decoded whole.
    const cut = value.slice(0, META_LIMITS[k] * 12);
    let text: string;
    try {
      text = decodeURIComponent(cut);
    } catch {
      text = cut;
    }
    raw[k] = text;
  }
  return cleanMeta(raw);
}
