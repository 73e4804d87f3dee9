// `--cache DIR`: what loading and schema-checking a file gave (its documents'
// values, their schema diagnostics, which became resources), kept under a key
// of everything that decides it — the file's path as diagnostics show it, the
// sha256 of its bytes, and a hash of modelctl's own loader and validator code
// (so a new version or a rebuilt validator never reads an old answer). Every
// file is still read and hashed; only the parse and the schema check are saved.
// The compile rules look across files and always run.
//
// The cache is untrusted input. A pack whose header, size or sha256 does not
// match is ignored whole and rewritten; an entry that is not exactly the shape
// written (plain JSON-like values, diagnostics naming this file with known
// codes) is ignored and recomputed. Nothing in it can add, drop or change a
// diagnostic: test/cache proves cached and uncached runs print the same bytes.
// (Someone who can write the cache directory can write the catalog too: the
// cache does not defend against a forger, only against damage and staleness.)
//
// What is never stored: any file that holds a `credentials` key, a secret-
// shaped string, or anything else the loader masks. Only files the fast path
// read (see parseFast) are cached, and those hold none of it by construction.
//
// Layout: DIR/modelctl-cache/<catalog>.pack holds the entries; new ones go to
// <catalog>.delta, merged into the pack once it has grown, so a run that
// changed one file writes one small file, not the whole pack. Both are written
// with the durable writer (temp file, fsync, rename).
import { hash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../diagnostics/types.js';
import { writeFileDurable } from '../io/durable-write.js';

const FORMAT = 1;
const MAGIC = 'modelctl-cache\n';
/** The delta is merged into the pack past this many entries, or a tenth of the pack. */
const DELTA_MERGE = 1000;

/** One document of a cached file. */
export interface CachedDocument {
  value: unknown;
  /** What validateDocument reported for it (positions included), in order. */
  diagnostics: Diagnostic[];
  /** Whether it became a resource (no error, no secret). */
  resource: boolean;
}

export type CacheEntry = CachedDocument[];

let codeHash: string | undefined;

/**
 * sha256 over the modules whose output is cached (the loader, the validators
 * and their error mapping, the diagnostics types) and the package version.
 */
function modelctlCodeHash(): string {
  if (codeHash) return codeHash;
  const here = fileURLToPath(new URL('.', import.meta.url));
  const parts: string[] = [];
  const add = (dir: string, only?: RegExp) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) if (/\.(js|ts)$/.test(name) && !name.endsWith('.d.ts') && (!only || only.test(name))) parts.push(name, hash('sha256', readFileSync(join(dir, name)), 'base64'));
  };
  add(here);
  add(join(here, '../validate'));
  add(join(here, '../diagnostics'));
  add(join(here, '../generated'), /^(document-validators|schemas)\./);
  let version = '0.0.0';
  try {
    version = String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }).version);
  } catch {
    // a missing package.json leaves the code hashes to tell versions apart
  }
  codeHash = hash('sha256', JSON.stringify([FORMAT, version, parts]), 'base64');
  return codeHash;
}

/** The key of one file's entry: its display path and the sha256 of its bytes. */
export function entryKey(file: string, digest: string): string {
  return `${digest} ${file}`;
}

const CODES = new Set<string>(DIAGNOSTIC_CODES);
const isPosition = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 1;

function validDiagnostic(d: unknown, file: string): d is Diagnostic {
  if (typeof d !== 'object' || d === null || Object.getPrototypeOf(d) !== Object.prototype) return false;
  const x = d as Record<string, unknown>;
  for (const k of Object.keys(x)) if (!['code', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'pointer', 'hint', 'related'].includes(k)) return false;
  return (
    CODES.has(x.code as string) &&
    (x.severity === 'error' || x.severity === 'warning') &&
    typeof x.message === 'string' &&
    x.file === file &&
    isPosition(x.line) &&
    isPosition(x.column) &&
    isPosition(x.endLine) &&
    isPosition(x.endColumn) &&
    typeof x.pointer === 'string' &&
    (x.hint === undefined || typeof x.hint === 'string') &&
    x.related === undefined
  );
}

/**
 * Data JSON keeps exactly: plain objects, arrays, strings, booleans, null and
 * finite numbers other than -0 (JSON has no NaN, Infinity or -0: a file whose
 * values hold one is simply not cached); no `__proto__` key.
 */
export function plainValue(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (depth > 64 || typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return false;
    for (let i = 0; i < v.length; i++) if (!(i in v) || !plainValue(v[i], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const key of Object.keys(v)) if (key === '__proto__' || !plainValue((v as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

/** The entry, if it is exactly the shape this version writes for `file`. */
function validEntry(entry: unknown, file: string): entry is CacheEntry {
  if (!Array.isArray(entry) || entry.length === 0) return false;
  return entry.every(
    (doc) =>
      typeof doc === 'object' &&
      doc !== null &&
      Object.keys(doc).length === 3 &&
      typeof (doc as CachedDocument).resource === 'boolean' &&
      Array.isArray((doc as CachedDocument).diagnostics) &&
      (doc as CachedDocument).diagnostics.every((d) => validDiagnostic(d, file)) &&
      plainValue((doc as CachedDocument).value),
  );
}

interface Header {
  format: number;
  code: string;
  bytes: number;
  sha256: string;
}

/** The entries of one pack or delta file; an empty map when it is missing, damaged or not this version's. */
function readPack(path: string): Map<string, unknown> {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return new Map();
  }
  try {
    if (data.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return new Map();
    const eol = data.indexOf(10, MAGIC.length);
    if (eol < 0 || eol - MAGIC.length > 4096) return new Map();
    const header = JSON.parse(data.subarray(MAGIC.length, eol).toString('utf8')) as Header;
    const body = data.subarray(eol + 1);
    // Checked before anything is parsed: damaged bytes are never read as entries.
    if (header.format !== FORMAT || header.code !== modelctlCodeHash() || header.bytes !== body.length || header.sha256 !== hash('sha256', body, 'base64')) return new Map();
    // The body is ASCII (see packBytes), and its sha256 says it is the body written: read as Latin-1, a plain copy.
    const pairs = JSON.parse(body.toString('latin1')) as unknown;
    if (!Array.isArray(pairs)) return new Map();
    const out = new Map<string, unknown>();
    for (const pair of pairs) if (Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string') out.set(pair[0], pair[1]);
    return out;
  } catch {
    return new Map();
  }
}

/** Every character past ASCII as a \u escape: the pack is then read as Latin-1, without UTF-8 decoding 8 MB. */
const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function packBytes(entries: Iterable<[string, CacheEntry]>): Buffer {
  const body = Buffer.from(asciiJson([...entries]), 'latin1');
  const header: Header = { format: FORMAT, code: modelctlCodeHash(), bytes: body.length, sha256: hash('sha256', body, 'base64') };
  return Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8'), body]);
}

/**
 * One run's view of a cache directory for one catalog (`name`: a hash of
 * where and what was asked). get() hands out valid entries and counts what was
 * used; put() records new ones; save() writes what changed.
 */
export class LoadCache {
  private readonly pack: Map<string, unknown>;
  private readonly delta: Map<string, unknown>;
  private readonly added = new Map<string, CacheEntry>();
  private readonly used = new Set<string>();
  /** Entries found damaged or foreign: they are left out of the next write. */
  private rejected = 0;

  constructor(
    private readonly dir: string,
    private readonly name: string,
  ) {
    this.pack = readPack(this.path('pack'));
    this.delta = readPack(this.path('delta'));
  }

  private path(kind: 'pack' | 'delta'): string {
    return join(this.dir, 'modelctl-cache', `${this.name}.${kind}`);
  }

  get(file: string, digest: string): CacheEntry | undefined {
    const key = entryKey(file, digest);
    const entry = this.delta.get(key) ?? this.pack.get(key);
    if (entry === undefined) return undefined;
    if (!validEntry(entry, file)) {
      this.rejected++;
      this.delta.delete(key);
      this.pack.delete(key);
      return undefined;
    }
    this.used.add(key);
    return entry;
  }

  put(file: string, digest: string, entry: CacheEntry): void {
    if (!entry.every((doc) => plainValue(doc.value))) return;
    const key = entryKey(file, digest);
    this.added.set(key, entry);
    this.used.add(key);
  }

  /**
   * Writes what this run learned: a delta with the new entries, or, once that
   * has grown, one merged pack of what was used. Returns why it could not (a
   * cache that cannot be written costs speed, never a result).
   */
  async save(): Promise<string | undefined> {
    try {
      await this.write();
      return undefined;
    } catch (err) {
      return `the cache in ${this.dir} could not be written (${(err as Error).message}); results are unaffected`;
    }
  }

  private async write(): Promise<void> {
    if (this.added.size === 0 && this.rejected === 0) return;
    mkdirSync(join(this.dir, 'modelctl-cache'), { recursive: true });
    const delta = new Map<string, CacheEntry>();
    for (const [k, v] of this.delta) if (this.used.has(k) && !this.added.has(k)) delta.set(k, v as CacheEntry);
    for (const [k, v] of this.added) delta.set(k, v);
    if (delta.size < DELTA_MERGE && delta.size * 10 < this.pack.size && this.rejected === 0) {
      await writeFileDurable(this.path('delta'), packBytes(delta));
      return;
    }
    const merged = new Map<string, CacheEntry>();
    for (const [k, v] of this.pack) if (this.used.has(k) && !delta.has(k)) merged.set(k, v as CacheEntry);
    for (const [k, v] of delta) merged.set(k, v);
    await writeFileDurable(this.path('pack'), packBytes(merged));
    rmSync(this.path('delta'), { force: true });
  }
}

/** The name of a catalog's pack: where it was loaded from and with which listing options. */
export function catalogCacheName(cwd: string, paths: readonly string[], exclude: readonly string[]): string {
  return hash('sha256', JSON.stringify([cwd, paths, exclude]), 'hex').slice(0, 32);
}
