// The one place a target URL is made safe to print. `--target
// https://user:pass@host/?token=…` must never echo the user, the password or
// a query value: not in progress lines, hints, or error messages that an
// HTTP client built from the URL.

const MASK = '***';
/** scheme://userinfo@ — userinfo is everything up to the last '@' before the path. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/gi;
/** A query value, in a URL or on its own ("?token=…", "&key=…"). */
const QUERY_VALUE = /([?&][^\s=&#]+=)[^\s&#"']*/g;

/** A URL (or a `file:` target) as it may be shown: userinfo and query values masked. */
export function redactUrl(spec: string): string {
  return spec.replace(USERINFO, `$1${MASK}@`).replace(QUERY_VALUE, `$1${MASK}`);
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
  for (const [, value] of url.searchParams) add(value);
  for (const m of spec.matchAll(/[?&][^=&#]+=([^&#]*)/g)) add(m[1]!);
  return [...out];
}

/** Any text (an error message, say) with every URL redacted and the given secrets masked. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = redactUrl(text);
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join(MASK);
  return out;
}
