// `--exclude GLOB` and `.modelctlignore`: gitignore-style lines turned into
// fast-glob `ignore` patterns, matched against paths relative to the directory
// given on the command line. fast-glob has no negation in `ignore`, so a `!`
// line is refused rather than skipped: skipping it would silently leave out a
// file the author meant to keep (and a plan would then delete its models).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import { diagnosticAt } from './parse.js';

export const IGNORE_FILE = '.modelctlignore';
/** An ignore file is a handful of lines; anything bigger is not one. */
const MAX_IGNORE_BYTES = 64 * 1024;

export type IgnoreLine = { globs: string[] } | { error: string } | null;

/** Characters fast-glob (micromatch) reads as syntax but gitignore reads literally. */
const FG_ONLY_SYNTAX = /[{}()!+@]/g;

/**
 * One gitignore-style line → fast-glob patterns, or null for a blank or `#`
 * comment line. As in .gitignore: a pattern with no `/` (but a trailing one)
 * matches at any depth; a leading or inner `/` anchors it to the root; a
 * trailing `/` matches directories only; `**`, `*`, `?` and `[…]` are globs;
 * `\#`, `\!` and `\ ` are literal.
 */
export function ignoreLine(raw: string): IgnoreLine {
  let line = raw.replace(/\r$/, '');
  // Trailing spaces are dropped unless escaped.
  line = line.replace(/(?<!\\)[ \t]+$/, '');
  if (line === '' || line.startsWith('#')) return null;
  if (line.startsWith('!')) return { error: `negated pattern '${line}' is not supported (fast-glob's ignore cannot re-include); list only what to leave out` };
  // `\#` and `\!` start a literal name; `!` is escaped for fast-glob below.
  if (line.startsWith('\\#') || line.startsWith('\\!')) line = line.slice(1);
  const dirOnly = line.endsWith('/');
  if (dirOnly) line = line.replace(/\/+$/, '');
  const anchored = line.includes('/');
  line = line.replace(/^\/+/, '');
  if (line === '') return { error: `pattern '${raw.trim()}' would leave out everything` };
  const escaped = line.replace(FG_ONLY_SYNTAX, (c) => `\\${c}`).replace(/\\ /g, ' ');
  const pattern = anchored || escaped.startsWith('**/') ? escaped : `**/${escaped}`;
  return { globs: dirOnly ? [`${pattern}/**`] : [pattern, `${pattern}/**`] };
}

/** `--exclude` values → patterns; the first bad one is returned as an error for the CLI (exit 64). */
export function excludePatterns(values: readonly string[]): { globs: string[] } | { error: string } {
  const globs: string[] = [];
  for (const v of values) {
    const r = ignoreLine(v);
    if (r === null) return { error: `--exclude '${v}' is empty or a comment` };
    if ('error' in r) return { error: `--exclude: ${r.error}` };
    globs.push(...r.globs);
  }
  return { globs };
}

/**
 * `<root>/.modelctlignore`, if there is one: its patterns, and a located
 * error for each line that cannot be honoured. `shown` is the root as
 * diagnostics name it.
 */
export function readIgnoreFile(root: string, shown: string): { globs: string[]; diagnostics: Diagnostic[] } {
  const path = join(root, IGNORE_FILE);
  const file = shown === '.' ? IGNORE_FILE : `${shown.replace(/\/+$/, '')}/${IGNORE_FILE}`;
  const out = { globs: [] as string[], diagnostics: [] as Diagnostic[] };
  let text: string;
  try {
    const info = statSync(path);
    if (!info.isFile() || info.size > MAX_IGNORE_BYTES) {
      const why = info.isFile() ? `is ${info.size} bytes; the limit is ${MAX_IGNORE_BYTES}` : 'is not a regular file';
      out.diagnostics.push(diagnosticAt(file, { line: 1, column: 1, endLine: 1, endColumn: 1 }, 'invalid-value', `${IGNORE_FILE} ${why}`));
      return out;
    }
    text = readFileSync(path, 'utf8');
  } catch {
    return out; // no ignore file: nothing left out
  }
  text.split('\n').forEach((raw, i) => {
    const r = ignoreLine(raw);
    if (r === null) return;
    if ('error' in r) {
      const length = raw.replace(/\r$/, '').length;
      out.diagnostics.push(diagnosticAt(file, { line: i + 1, column: 1, endLine: i + 1, endColumn: length + 1 }, 'invalid-value', `${IGNORE_FILE}: ${r.error}`));
    } else out.globs.push(...r.globs);
  });
  return out;
}

/** One glob path segment as a regular expression (`*`, `?`, `[…]`, `\x`). */
function segmentRegex(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) re += segment[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end === -1) re += '\\[';
      else {
        re += `[${segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Patterns relative to a directory → patterns relative to its subdirectory
 * `prefix` (the loader lists a symbolic link to a directory from the link,
 * so the root's patterns must still apply inside it).
 */
export function rebaseGlobs(globs: readonly string[], prefix: string): string[] {
  const dir = prefix.split('/').filter(Boolean);
  const out = new Set<string>();
  for (const glob of globs) {
    const segs = glob.split('/');
    let j = 0;
    let applies = true;
    for (const name of dir) {
      if (segs[j] === '**') break; // `**` takes the rest of the prefix, however deep
      if (j >= segs.length || !segmentRegex(segs[j]!).test(name)) {
        applies = false;
        break;
      }
      j++;
    }
    if (!applies) continue;
    const rest = segs.slice(j).join('/');
    out.add(rest === '' ? '**' : rest);
  }
  return [...out];
}
