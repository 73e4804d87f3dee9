// The one place a target URL is made safe to print. `--target
// https://user:pass@host/?token=…` must never echo the user, the password or
// a query value: not in progress lines, hints, or error messages that an
// HTTP client built from the URL.

const MASK = '***';
/** scheme://userinfo@ — userinfo is everything up to the last '@' before the path. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/gi;
/** A query value, in a URL or on its own ("?token=…", "&key=…"). */
const QUERY_VALUE = /([?&][^\s=&#]+=)[^\s&#"']*/g;
/** A redis(s):// URL's `key` parameter names its keys ({key}:live, …): a plain name is shown, never a secret. */
const REDIS_KEY_NAME = /^[A-Za-z0-9._:-]{1,100}$/;
const REDIS_SCHEME = /rediss?:\/\//iy;
const HAS_REDIS_URL = /rediss?:\/\//i;
/** What ends a URL in running text. */
const isBreak = (c: number) => c <= 32 || c === 34 /* " */ || c === 39 /* ' */ || c === 60 /* < */ || c === 62 /* > */;
const isSchemeChar = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 43 || c === 45 || c === 46;

/**
 * Whether the text at each (increasing) offset lies in a redis(s):// URL:
 * one forward scan over the whole text, so redaction stays linear however
 * many parameters there are.
 */
function redisUrlTracker(text: string): (offset: number) => boolean {
  let scanned = 0;
  let inRedisUrl = false;
  return (offset) => {
    for (; scanned < offset; scanned++) {
      const c = text.charCodeAt(scanned);
      if (isBreak(c)) inRedisUrl = false;
      else if ((c | 32) === 114 /* r */ && !inRedisUrl && (scanned === 0 || !isSchemeChar(text.charCodeAt(scanned - 1)))) {
        REDIS_SCHEME.lastIndex = scanned;
        inRedisUrl = REDIS_SCHEME.test(text);
      }
    }
    return inRedisUrl;
  };
}

/** A URL (or a `file:` target) as it may be shown: userinfo and query values masked (a Redis URL's key name excepted). */
export function redactUrl(spec: string): string {
  const masked = spec.replace(USERINFO, `$1${MASK}@`);
  // Text without a Redis URL takes the plain path.
  if (!HAS_REDIS_URL.test(masked)) return masked.replace(QUERY_VALUE, `$1${MASK}`);
  const inRedisUrl = redisUrlTracker(masked);
  return masked.replace(QUERY_VALUE, (match: string, prefix: string, offset: number) =>
    (prefix === '?key=' || prefix === '&key=') && inRedisUrl(offset) && REDIS_KEY_NAME.test(match.slice(5)) ? match : prefix + MASK,
  );
}

/** The literal secrets a spec carries (user, password, query values), raw and decoded. */
export function secretsOf(spec: string): string[] {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    return [];
  }
  const out = new Set<string>();
  const add = (s: string) => {
    // Very short strings would mask unrelated text; the patterns above still catch them in URLs.
    if (s.length < 4) return;
    out.add(s);
    try {
      out.add(decodeURIComponent(s));
    } catch {
      // not percent-encoded text; the raw form is enough
    }
  };
  add(url.username);
  add(url.password);
  // A Redis URL's key is a name shown in every message about the target, not a secret.
  const redisKey = /^rediss?:$/i.test(url.protocol) ? 'key' : undefined;
  for (const [name, value] of url.searchParams) if (name !== redisKey) add(value);
  for (const m of spec.matchAll(/[?&]([^=&#]+)=([^&#]*)/g)) if (m[1] !== redisKey) add(m[2]!);
  return [...out];
}

/** Any text (an error message, say) with every URL redacted and the given secrets masked. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = redactUrl(text);
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join(MASK);
  return out;
}
