// Thin wrapper over node:util parseArgs: strict, and every mistake a UsageError (exit 64).
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ReadOptions } from '../load/read.js';
import { readStdin, UsageError, type CliIO } from './io.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parse(args: readonly string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of: ${allowed.join(', ')}`);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `--cache DIR`: validate and compile reuse what each unchanged file gave (src/load/cache.ts). */
export const CACHE_OPTIONS: OptionSpec = { cache: { type: 'string' } };

/** The help line of --cache, padded as catalogHelp pads. */
export function cacheHelp(width = 17): string {
  return `  ${'--cache DIR'.padEnd(width)}  reuse parse and schema results of unchanged files from DIR (created if\n${' '.repeat(width + 4)}missing; keyed by each file's content hash, never holds credentials)\n`;
}

/** The --cache directory, absolute; undefined without the flag. */
export function cacheDir(values: Parsed['values'], cwd: string): string | undefined {
  if (values.cache === undefined) return undefined;
  if (typeof values.cache !== 'string' || values.cache === '') throw new UsageError('--cache needs a directory');
  return resolve(cwd, values.cache);
}

/** Flags of every command that reads catalog directories. */
export const CATALOG_OPTIONS: OptionSpec = { exclude: { type: 'string', multiple: true } };

/** The lines `--help` shows for CATALOG_OPTIONS (and `-` where stdin is read), flags padded to `width`. */
export function catalogHelp(stdin: boolean, width = 17): string {
  const row = (flag: string, text: string) => `  ${flag.padEnd(width)}  ${text}\n`;
  const more = ' '.repeat(width + 4);
  return (
    row('--exclude GLOB', 'leave matching files out of each DIR (repeatable; gitignore-style,') +
    `${more}relative to the DIR); each DIR's .modelctlignore adds its own lines\n` +
    (stdin ? row('-', 'as a DIR: read one YAML stream from stdin (named <stdin>)') : '')
  );
}

/**
 * Load options from --exclude and the positionals: `-` reads stdin (only
 * where `stdin` is allowed), at most once, and never more than the loader's
 * size cap plus one byte (the loader reports the rest as file-too-large).
 */
export async function catalogInput(values: Parsed['values'], positionals: readonly string[], io: CliIO, opts: { stdin: boolean }): Promise<ReadOptions> {
  // The loader (yaml, fast-glob) is imported here, by commands that read a catalog, not by main() for every command.
  const [{ excludePatterns }, { MAX_FILE_BYTES }] = await Promise.all([import('../load/ignore.js'), import('../load/read.js')]);
  const exclude = Array.isArray(values.exclude) ? values.exclude : [];
  const checked = excludePatterns(exclude);
  if ('error' in checked) throw new UsageError(checked.error);
  const dashes = positionals.filter((p) => p === '-').length;
  if (dashes > 0 && !opts.stdin) throw new UsageError("'-' (stdin) is read only by validate and compile; give directories or files");
  if (dashes > 1) throw new UsageError("'-' (stdin) can be given once");
  const stdin = dashes ? await readStdin(io, MAX_FILE_BYTES) : undefined;
  return { ...(exclude.length ? { exclude } : {}), ...(stdin ? { stdin } : {}) };
}
