// Shapes of well-known API keys and private keys. Scanned over the raw text of
// every file (comments and keys included), so a secret is caught and masked
// whatever else is wrong with the file.
import type { LineIndex } from './line-index.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { firstEndingAfter, type OffsetRange } from './ranges.js';

/** `needles`: literals every match contains, looked for first (see hasSecretShape). */
const SECRET_PATTERNS: readonly { name: string; pattern: RegExp; needles: readonly string[] }[] = [
  { name: 'an Anthropic API key', pattern: /sk-ant-[A-Za-z0-9_-]{16,}/g, needles: ['sk-ant-'] },
  { name: 'an OpenRouter API key', pattern: /sk-or-v1-[A-Za-z0-9]{20,}/g, needles: ['sk-or-v1-'] },
  { name: 'an OpenAI-style API key', pattern: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/g, needles: ['sk-'] },
  { name: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, needles: ['AKIA', 'ASIA'] },
  { name: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, needles: ['AIza'] },
  { name: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, needles: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'] },
  { name: 'an xAI API key', pattern: /\bxai-[A-Za-z0-9]{32,}/g, needles: ['xai-'] },
  { name: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/g, needles: ['-----BEGIN '] },
  { name: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{20,}/g, needles: ['Bearer'] },
  // user:password@ in any URL (a baseUrl, a comment): the password part only.
  { name: 'a password in a URL', pattern: /(?<=\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+(?=@)/gi, needles: ['@'] },
];

export const SECRET_HINT = 'put the secret in an environment variable or a mounted file and reference it: { env: NAME } or { file: /run/secrets/name }';

/** `text` with every secret-shaped run replaced (yaml quotes offending tokens in its messages). */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, { pattern }) => out.replace(pattern, '[redacted]'), text);
}

/** Each pattern without its global flag, for a yes/no test. */
const QUICK = SECRET_PATTERNS.map(({ pattern, needles }) => ({ needles, re: new RegExp(pattern.source, pattern.flags.replace('g', '')) }));

/**
 * Whether scanForSecrets would find anything in `text`, without positions. A
 * literal every match must contain is looked for first, which rules out almost
 * every file at memchr speed.
 */
export function hasSecretShape(text: string): boolean {
  return QUICK.some(({ needles, re }) => needles.some((n) => text.includes(n)) && re.test(text));
}

/** Every pattern's literals, and the word every `credentials` key holds, in one pass. */
const NEEDLES = new RegExp([...SECRET_PATTERNS.flatMap((p) => p.needles), 'credentials'].map((n) => n.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&')).join('|'), 'g');

/**
 * What the UTF-8 `bytes` may hold: `secret` when any pattern's literal is
 * there (when not, no pattern can match their text), `credentials` when the
 * word is. Read as Latin-1, a byte per character: every literal is ASCII, and
 * no byte of a multi-byte UTF-8 character is.
 */
export function mayHoldSecret(bytes: Buffer): { secret: boolean; credentials: boolean } {
  const view = bytes.toString('latin1');
  const found = { secret: false, credentials: false };
  NEEDLES.lastIndex = 0;
  for (let m = NEEDLES.exec(view); m !== null && !(found.secret && found.credentials); m = NEEDLES.exec(view)) {
    if (m[0] === 'credentials') found.credentials = true;
    else found.secret = true;
  }
  return found;
}

export function looksLikeSecret(text: string): string | undefined {
  return SECRET_PATTERNS.find((p) => new RegExp(p.pattern.source).test(text))?.name;
}

export interface SecretScan {
  diagnostics: Diagnostic[];
  ranges: OffsetRange[];
}

/** Every secret-shaped run in `text`, as a located error; overlapping matches are reported once. */
export function scanForSecrets(file: string, text: string, lineCounter: LineIndex): SecretScan {
  // Kept sorted by start; an earlier (more specific) pattern wins an overlap.
  const found: { start: number; end: number; name: string }[] = [];
  for (const { name, pattern } of SECRET_PATTERNS)
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const at = firstEndingAfter(found, (f) => f.end, start);
      if (at < found.length && found[at]!.start < end) continue;
      found.splice(at, 0, { start, end, name });
    }
  const diagnostics = found.map(({ start, end, name }): Diagnostic => {
      const a = lineCounter.linePos(start);
      const b = lineCounter.linePos(end);
      return {
        code: 'secret-literal' as const,
        severity: 'error' as const,
        message: `this looks like ${name}; secrets must never be written in the catalog`,
        file,
        line: a.line,
        column: a.col,
        endLine: b.line,
        endColumn: b.col,
        pointer: '',
        hint: SECRET_HINT,
      };
    });
  return { diagnostics, ranges: found.map(({ start, end }) => ({ start, end })) };
}
