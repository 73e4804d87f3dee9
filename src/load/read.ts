// IO edge: finds every *.yaml / *.yml under the given paths (fast-glob, sorted)
// and decodes them, turning unreadable files into diagnostics instead of throws.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import { fileDiagnostic, type SourceFile } from './parse.js';
import { excludePatterns, readIgnoreFile, rebaseGlobs } from './ignore.js';
import { walkEntries } from './walk.js';
import { rereader } from './reread.js';

export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** What a `-` path reads, as diagnostics name it. */
export const STDIN_NAME = '<stdin>';

export interface ReadOptions {
  /** `--exclude` values: gitignore-style patterns, relative to each directory given. */
  exclude?: readonly string[];
  /** The bytes of stdin, for a `-` path (read by the CLI, decoded here like any file). */
  stdin?: Uint8Array;
}

export interface ReadResult {
  sources: SourceFile[];
  diagnostics: Diagnostic[];
}


/** Display path: relative to cwd when inside it, so diagnostics match what the user typed. */
export function displayPath(absolute: string, cwd: string): string {
  // The common case without path.relative (a tenth of listing 10,000 files): a normalised child of a normalised cwd.
  if (sep === '/' && isNormalized(cwd) && isNormalized(absolute)) {
    if (absolute.length > cwd.length + 1 && absolute[cwd.length] === '/' && absolute.startsWith(cwd)) {
      const rel = absolute.slice(cwd.length + 1);
      if (!rel.startsWith('..')) return rel;
    } else if (cwd !== '/') return absolute; // outside cwd: path.relative would start with '..'
  }
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : absolute;
}

/** An absolute POSIX path that path.resolve would leave as it is. */
function isNormalized(p: string): boolean {
  return p.startsWith('/') && !p.includes('//') && !p.includes('/./') && !p.includes('/../') && !(p.length > 1 && p.endsWith('/')) && !p.endsWith('/.') && !p.endsWith('/..');
}

/** UTF-16 with a byte-order mark, as some Windows editors save: decoded. */
function utf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** UTF-16 without a mark: ASCII text leaves a NUL in every other byte. */
function looksLikeUtf16(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 ? odd++ : even++;
  const half = head.length / 2;
  return odd > half * 0.6 || even > half * 0.6;
}

export function decodeSource(file: string, bytes: Uint8Array): SourceFile | Diagnostic {
  if (bytes.length > MAX_FILE_BYTES) {
    return fileDiagnostic(file, 'file-too-large', `file is ${bytes.length} bytes; the limit is ${MAX_FILE_BYTES}`);
  }
  const wide = utf16(bytes);
  const head = bytes.subarray(0, 8192);
  if (!wide && head.includes(0)) {
    return looksLikeUtf16(head)
      ? fileDiagnostic(file, 'file-not-utf8', 'file looks like UTF-16 without a byte-order mark; save it as UTF-8')
      : fileDiagnostic(file, 'file-binary', 'file looks binary (it holds NUL bytes)');
  }
  // UTF-8: the byte-order mark is dropped (as TextDecoder drops it), the rest checked natively.
  const body = !wide && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (!wide) {
    if (!isUtf8(body)) return fileDiagnostic(file, 'file-not-utf8', 'file is not valid UTF-8');
    if (body.indexOf(0) !== -1) return fileDiagnostic(file, 'file-binary', 'file looks binary (it holds NUL characters)');
    // The usual file: its bytes are its text. The text is decoded only if something reads it (the fast reader does not).
    if (body.indexOf(CR) === -1 && !(body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf)) return utf8Source(file, body);
  }
  let text: string;
  if (wide) {
    try {
      text = new TextDecoder(wide, { fatal: true }).decode(bytes);
    } catch {
      return fileDiagnostic(file, 'file-not-utf8', `file is not valid ${wide.toUpperCase()}`);
    }
    if (text.includes('\u0000')) return fileDiagnostic(file, 'file-binary', 'file looks binary (it holds NUL characters)');
  } else text = utf8(body);
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Old Mac line endings: yaml reads a CR-only file as one line (one comment, an
  // empty catalog). Same length, so every offset stays where it was.
  return { file, text: unmarked.includes('\r') ? unmarked.replace(/\r(?!\n)/g, '\n') : unmarked };
}

const CR = 13;

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/** A source whose `text` is its bytes decoded, on first use. */
function utf8Source(file: string, bytes: Uint8Array): SourceFile {
  let text: string | undefined;
  return {
    file,
    get text(): string {
      return (text ??= utf8(bytes));
    },
    bytes,
  };
}

const YAML_FILE = /\.ya?ml$/;

interface Listing {
  files: string[];
  diagnostics: Diagnostic[];
}

/**
 * Every *.yaml / *.yml under `path`, symbolic links followed (Kubernetes
 * ConfigMap mounts are all links). fast-glob lists; links are resolved here so
 * that a loop is reported once instead of walked until the path is too long,
 * and a file reached twice is read once.
 */
async function listYaml(path: string, cwd: string, seenDirs = new Set<string>(), seenFiles = new Set<string>(), ignore: readonly string[] = []): Promise<Listing> {
  const info = await stat(path);
  const real = await realpath(path);
  if (info.isFile()) return { files: seenFiles.has(real) ? [] : (seenFiles.add(real), [path]), diagnostics: [] };
  if (seenDirs.has(real)) {
    return { files: [], diagnostics: [fileDiagnostic(displayPath(path, cwd), 'symlink-loop', `symbolic link loop: ${displayPath(path, cwd)} leads back to ${displayPath(real, cwd)}; not followed`, 'warning')] };
  }
  seenDirs.add(real);
  // fast-glob (and its ~40 modules) only when there are patterns to match; a plain walk lists the same otherwise.
  const entries = ignore.length
    ? await (await import('fast-glob')).default(['**/*'], { cwd: path, absolute: true, onlyFiles: false, dot: false, followSymbolicLinks: false, objectMode: true, ignore: ['**/node_modules/**', ...ignore] })
    : walkEntries(path);
  const out: Listing = { files: [], diagnostics: [] };
  for (const entry of entries.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (entry.dirent.isFile() && YAML_FILE.test(entry.name)) {
      // fast-glob does not follow links, so no folder between `path` and the file is one: no syscall needed.
      const r = real === path ? entry.path : join(real, relative(path, entry.path));
      if (!seenFiles.has(r)) (seenFiles.add(r), out.files.push(entry.path));
    } else if (entry.dirent.isSymbolicLink()) {
      let target;
      try {
        target = await stat(entry.path);
      } catch {
        if (YAML_FILE.test(entry.name)) out.diagnostics.push(fileDiagnostic(displayPath(entry.path, cwd), 'path-not-found', `${displayPath(entry.path, cwd)} is a symbolic link to nothing`));
        continue;
      }
      if (target.isFile() && !YAML_FILE.test(entry.name)) continue;
      if (!target.isFile() && !target.isDirectory()) continue;
      // fast-glob already left out an ignored link; inside it, the root's patterns still apply.
      const inner = await listYaml(entry.path, cwd, seenDirs, seenFiles, ignore.length ? rebaseGlobs(ignore, relative(path, entry.path).split('\\').join('/')) : []);
      for (const item of inner.files) out.files.push(item);
      for (const item of inner.diagnostics) out.diagnostics.push(item);
    }
  }
  return out;
}

/**
 * Patterns that leave files out of directory `absolute`: --exclude and its
 * .modelctlignore. A file named on the command line is always read.
 */
function ignoreFor(absolute: string, given: string, exclude: readonly string[]): { globs: string[]; diagnostics: Diagnostic[] } {
  let isDir = false;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    // listYaml reports the missing path
  }
  if (!isDir) return { globs: [], diagnostics: [] };
  const fromFile = readIgnoreFile(absolute, given);
  const fromFlags = excludePatterns(exclude);
  return { globs: [...('globs' in fromFlags ? fromFlags.globs : []), ...fromFile.globs], diagnostics: fromFile.diagnostics };
}

export interface CatalogListing {
  /** What `-` read from stdin, decoded: comes before every file. */
  sources: SourceFile[];
  /** The files to read, sorted, with the path diagnostics show. */
  files: { absolute: string; file: string }[];
  diagnostics: Diagnostic[];
}

/** Every catalog file under `paths`, listed but not read (the loader reads and parses them one at a time). */
export async function listCatalogFiles(paths: readonly string[], cwd: string, opts: ReadOptions = {}): Promise<CatalogListing> {
  const diagnostics: Diagnostic[] = [];
  const files = new Set<string>();
  const seenFiles = new Set<string>();
  const sources: SourceFile[] = [];
  for (const given of paths.length > 0 ? paths : ['.']) {
    if (given === '-') {
      // stdin goes through the same decoding (size cap, encodings) and then the same parse as a file.
      const decoded = decodeSource(STDIN_NAME, opts.stdin ?? new Uint8Array());
      if ('code' in decoded) diagnostics.push(decoded);
      else sources.push(decoded);
      continue;
    }
    const absolute = resolve(cwd, given);
    const ignore = ignoreFor(absolute, given, opts.exclude ?? []);
    for (const item of ignore.diagnostics) diagnostics.push(item);
    let listed: Listing;
    try {
      listed = await listYaml(absolute, cwd, new Set(), seenFiles, ignore.globs);
    } catch {
      diagnostics.push(fileDiagnostic(given, 'path-not-found', `${given}: no such file or directory`));
      continue;
    }
    if (listed.files.length === 0 && listed.diagnostics.length === 0) {
      const left = ignore.globs.length ? ' (after --exclude and .modelctlignore)' : '';
      diagnostics.push(fileDiagnostic(given, 'no-yaml-files', `no *.yaml or *.yml files under ${given}${left}`));
    }
    for (const item of listed.diagnostics) diagnostics.push(item);
    for (const f of listed.files) files.add(f);
  }
  return { sources, files: [...files].sort().map((absolute) => ({ absolute, file: displayPath(absolute, cwd) })), diagnostics };
}

/**
 * One listed file, read and decoded, or the diagnostic that says why not.
 * Synchronous on purpose: one await per file made reading 10,000 small files
 * 30x slower than the reads themselves (this is the CLI's edge, not a server).
 *
 * `scratch`: a buffer to read into instead of a new one per file. The bytes
 * returned are then a view of it, valid only until the next read: for a caller
 * that is done with them before that and keeps none (the pipeline, which re-reads
 * a file when it needs it again). A file that fits is read with open, read,
 * close (a short read is the end of a regular file); a larger one is sized first.
 */
export function readCatalogFile(absolute: string, file: string, scratch?: Buffer): SourceFile | Diagnostic {
  const fd = openSync(absolute, 'r');
  try {
    if (scratch) {
      const n = readSync(fd, scratch, 0, scratch.length, null);
      if (n < scratch.length) return decodeSource(file, scratch.subarray(0, n));
    }
    const { size } = fstatSync(fd);
    // Checked before reading (the rest of it) so a huge file costs nothing.
    if (size > MAX_FILE_BYTES) return fileDiagnostic(file, 'file-too-large', `file is ${size} bytes; the limit is ${MAX_FILE_BYTES}`);
    // Its own memory, not a slice of a shared pool: these bytes may be kept.
    const bytes = Buffer.allocUnsafeSlow(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decodeSource(file, read === size ? bytes : bytes.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

/** A checked re-read of one catalog file (rereader): what the loaders keep instead of its bytes. Its own function, so the closure holds nothing of the caller's scope. */
export function rereadCatalogFile(absolute: string, file: string, digest: string): () => Uint8Array {
  return rereader(file, digest, () => readCatalogFile(absolute, file));
}

export async function readCatalogFiles(paths: readonly string[], cwd: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const listing = await listCatalogFiles(paths, cwd, opts);
  const sources = [...listing.sources];
  const diagnostics = [...listing.diagnostics];
  for (const { absolute, file } of listing.files) {
    const read = readCatalogFile(absolute, file);
    if ('code' in read) diagnostics.push(read);
    else sources.push(read);
  }
  return { sources, diagnostics };
}

/**
 * readCatalogFile for a loader that keeps no bytes: a file that cannot be
 * read is recorded in `diagnostics`, and one read without bytes to re-read
 * (decoded from UTF-16) is handed to `load` at once; the rest is returned,
 * for the caller to load with a way to re-read it. The plain and the --cache
 * loaders both read this way.
 */
export function readForLoading(absolute: string, file: string, scratch: Buffer, diagnostics: Diagnostic[], load: (source: SourceFile) => void): (SourceFile & { bytes: Uint8Array }) | null {
  const read = readCatalogFile(absolute, file, scratch);
  if ('code' in read) {
    diagnostics.push(read);
    return null;
  }
  if (!read.bytes) {
    load(read);
    return null;
  }
  return read as SourceFile & { bytes: Uint8Array };
}
