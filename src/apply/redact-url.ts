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
const REDIS_KEY_PARAM = /^[?&]key=$/;
const REDIS_KEY_NAME = /^[A-Za-z0-9._:-]{1,100}$/;
const REDIS_URL = /(?:^|[^a-z0-9+.-])rediss?:\/\//i;
/** How far back a `key=` looks for its redis:// (bounded, so redaction stays linear). */
const URL_LOOKBACK = 2000;

function isRedisKey(prefix: string, value: string, text: string, offset: number): boolean {
  if (!REDIS_KEY_PARAM.test(prefix) || !REDIS_KEY_NAME.test(value)) return false;
  // The URL the parameter belongs to starts after the last space or quote.
  let start = offset;
  const stop = Math.max(0, offset - URL_LOOKBACK);
  while (start > stop && !/[\s"'<>]/.test(text[start - 1]!)) start--;
  return REDIS_URL.test(text.slice(start, offset));
}

/** A URL (or a `file:` target) as it may be shown: userinfo and query values masked (a Redis URL's key name excepted). */
export function redactUrl(spec: string): string {
  return spec
    .replace(USERINFO, `$1${MASK}@`)
    .replace(QUERY_VALUE, (match: string, prefix: string, offset: number, text: string) => (isRedisKey(prefix, match.slice(prefix.length), text, offset) ? match : prefix + MASK));
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
