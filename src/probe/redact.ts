// Upstreams echo keys back ("Incorrect API key provided: sk-…"). Whatever a
// probe stores from a response passes through here first: every run of eight
// or more characters of a secret is masked, so a key cut short or split
// still does not leak.
const MASK = '***';
const MIN_RUN = 8;

export function redactSecrets(text: string, secrets: readonly string[]): string {
  const keys = secrets.filter((s) => s.length >= MIN_RUN);
  if (!keys.length || !text) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    let run = 0;
    for (const key of keys) {
      // Longest stretch of the key that starts here (at least MIN_RUN).
      for (let len = Math.min(key.length, text.length - i); len >= MIN_RUN && len > run; len--) {
        if (key.includes(text.slice(i, i + len))) {
          run = len;
          break;
        }
      }
    }
    if (run) {
      out += MASK;
      i += run;
    } else out += text[i++];
  }
  return out;
}

/** The parts of a credential value to mask: the whole and each `:`-separated part (AWS key pairs). */
export function secretParts(value: string): string[] {
  return [value, ...value.split(':')].filter((s) => s.length >= MIN_RUN);
}
