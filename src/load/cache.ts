// `--cache DIR`: what a run learned about each catalog file, so that the next
// run does as little as the change asks (src/incremental-load.ts uses it).
//
// Per file, under the path as diagnostics show it: its stat (size, mtime,
// ctime, inode: the fast check of src/load/file-state.ts) and the sha256 of its
// bytes; per document, its schema diagnostics and, when it became a resource,
// its kind and name. The values of non-Model resources (providers, tiers,
// settings …: a few dozen) are kept inline: every rule needs them. A model's
// value is not: it lies in a segment file and is read only when something
// asks for it. Under an "environment key" (a hash of every non-Model resource,
// the registry and modelctl's code), each model also keeps the diagnostics the
// rules reported at it and its compiled canonical JSON: both depend on nothing
// else (see src/compile/incremental.ts), so an unchanged model in an unchanged
// environment is neither checked nor built again.
//
// Layout: DIR/modelctl-cache/<catalog>.index, rewritten whole (durable writer)
// by a run that changed something, and <catalog>.<random>.seg segments that
// are written once and never changed: a run adds one with the new model values
// and one with the new compiled models; once there are many they are merged
// and the ones no index names are deleted. The index records each segment's
// size and sha256, and a segment is verified whole before any piece of it is
// used.
//
// The cache is untrusted input. An index whose header, size or sha256 does not
// match, or from another build of modelctl, is ignored whole; a file record
// not of the exact shape written (plain JSON values, diagnostics naming that
// file with known codes) is ignored; a segment that is missing or damaged
// leaves its pieces to be recomputed from the catalog. Nothing in it can add,
// drop or change a diagnostic: test/cache proves cached and uncached runs
// print the same bytes. (Someone who can write the cache directory can write
// the catalog too: the cache guards against damage and staleness, not a forger.)
//
// What is never stored: anything of a file that holds a `credentials` key, a
// secret-shaped string, or anything else the loader masks: only files the fast
// path read (see parseFast) get a record, and those hold none of it. (The
// environment key is a sha256 over resources, which never hold secret-shaped
// text: a document with one never becomes a resource.)
import { hash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../diagnostics/types.js';
import { writeFileDurable } from '../io/durable-write.js';
import { PACKAGE_ROOT_URL } from '../io/package-root.js';
import type { FileStat } from './file-state.js';

const FORMAT = 2;
const MAGIC = 'modelctl-cache\n';
/** Segments are merged into one (per kind) past this many. */
const MAX_SEGMENTS = 8;

/** Where a piece lies: segment number (in the index's list), offset, length. */
export type PieceRef = [number, number, number];

/** What the cache keeps of one document. */
export interface CachedDoc {
  /** What validateDocument reported for it, in order. */
  g: Diagnostic[];
  /** Kind and name, when it became a resource. */
  k?: string;
  n?: string;
  /** The value of a non-Model resource. */
  e?: unknown;
  /** Model, under the index's environment key: the rule diagnostics reported at it, in the order the rules made them. */
  rd?: Diagnostic[];
  /** Model, under the environment key: its compiled canonical JSON. */
  fr?: PieceRef;
  /** Model, with fr: what compile's summary line reads (status, access, number of sources). */
  su?: [string, string, number];
}

export interface CachedFile extends FileStat {
  file: string;
  /** The stat was taken too close to the file's last write to be trusted (see file-state.ts). */
  racy?: boolean;
  /** sha256 of the bytes, base64. */
  digest: string;
  /** The documents' values, a JSON array. */
  values: PieceRef;
  docs: CachedDoc[];
}

interface Segment {
  name: string;
  bytes: number;
  sha256: string;
}

/**
 * A file record as the index holds it: a flat array (a tenth of the parse time
 * of objects with named keys over 10,000 files):
 * [file, size, mtimeMs, ctimeMs, ino, racy (0/1), digest, values segment, offset, length, ...docs]
 */
type FileRow = unknown[];
const ROW_DOCS = 10;

interface IndexBody {
  env: string | null;
  segs: Segment[];
  files: FileRow[];
}

function toRow(f: CachedFile): FileRow {
  return [f.file, f.size, f.mtimeMs, f.ctimeMs, f.ino, f.racy ? 1 : 0, f.digest, ...f.values, ...f.docs.map((d) => (d.g.length === 0 ? { ...d, g: undefined } : d))];
}

/** The record of a row, or undefined when the row is not exactly what this version writes. */
function fromRow(row: unknown, segs: number): CachedFile | undefined {
  if (!Array.isArray(row) || row.length <= ROW_DOCS) return undefined;
  const [file, size, mtimeMs, ctimeMs, ino, racy, digest, seg, offset, length] = row as unknown[];
  if (typeof file !== 'string' || !isCount(size) || !isTime(mtimeMs) || !isTime(ctimeMs) || !isCount(ino) || (racy !== 0 && racy !== 1) || typeof digest !== 'string') return undefined;
  const values: PieceRef = [seg as number, offset as number, length as number];
  if (!validRef(values, segs)) return undefined;
  const docs: CachedDoc[] = [];
  for (let i = ROW_DOCS; i < row.length; i++) {
    const d = row[i] as Record<string, unknown>;
    if (isRecord(d) && d.g === undefined) d.g = [];
    if (!validDoc(d, file, segs)) return undefined;
    docs.push(d);
  }
  const record: CachedFile = { file, size, mtimeMs, ctimeMs, ino, digest, values, docs };
  if (racy) record.racy = true;
  return record;
}

let codeHash: string | undefined;

/**
 * sha256 over the modules whose results are cached (the loader, the validators
 * and their error mapping, the diagnostics types, every compile rule and
 * builder, canonical JSON, the generated validators, schemas and registry) and
 * the package version.
 */
export function modelctlCodeHash(): string {
  if (codeHash) return codeHash;
  // This module's directory: src/load/ or dist/load/; in the CLI bundle, dist/bundle/, whose chunks hold all of the code below (a conservative key: any change to the CLI changes it).
  const here = fileURLToPath(new URL('.', import.meta.url));
  const parts: string[] = [];
  const add = (dir: string, only?: RegExp) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) if (/\.(js|ts)$/.test(name) && !name.endsWith('.d.ts') && (!only || only.test(name))) parts.push(dir.slice(here.length), name, hash('sha256', readFileSync(join(dir, name)), 'base64'));
  };
  add(here);
  add(join(here, '../validate'));
  add(join(here, '../diagnostics'));
  add(join(here, '../compile'));
  add(join(here, '../compile/rules'));
  add(join(here, '../compile/build'));
  add(join(here, '../runtime'), /^canonical\./);
  add(join(here, '../generated'), /^(document-validators|schemas|registry)\./);
  let version = '0.0.0';
  try {
    version = String((JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT_URL), 'utf8')) as { version?: unknown }).version);
  } catch {
    // a missing package.json leaves the code hashes to tell versions apart
  }
  codeHash = hash('sha256', JSON.stringify([FORMAT, version, parts]), 'base64');
  return codeHash;
}

const CODES = new Set<string>(DIAGNOSTIC_CODES);
const isPosition = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 1;
const DIAGNOSTIC_KEYS = new Set(['code', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'pointer', 'hint', 'related']);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;

function validRelated(r: unknown): boolean {
  if (!Array.isArray(r) || r.length === 0) return false;
  return r.every((x) => isRecord(x) && Object.keys(x).length === 4 && typeof x.message === 'string' && typeof x.file === 'string' && isPosition(x.line) && isPosition(x.column));
}

/** A diagnostic as this version writes it, naming `file`; `related` only where asked (rule diagnostics). */
function validDiagnostic(d: unknown, file: string, related: boolean): d is Diagnostic {
  if (!isRecord(d)) return false;
  for (const k of Object.keys(d)) if (!DIAGNOSTIC_KEYS.has(k)) return false;
  return (
    CODES.has(d.code as string) &&
    (d.severity === 'error' || d.severity === 'warning') &&
    typeof d.message === 'string' &&
    d.file === file &&
    isPosition(d.line) &&
    isPosition(d.column) &&
    isPosition(d.endLine) &&
    isPosition(d.endColumn) &&
    typeof d.pointer === 'string' &&
    (d.hint === undefined || typeof d.hint === 'string') &&
    (d.related === undefined || (related && validRelated(d.related)))
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

const isTime = (t: unknown): t is number => typeof t === 'number' && Number.isFinite(t);
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

function validRef(ref: unknown, segs: number): ref is PieceRef {
  return Array.isArray(ref) && ref.length === 3 && isCount(ref[0]) && ref[0] < segs && isCount(ref[1]) && isCount(ref[2]);
}

const DOC_KEYS = new Set(['g', 'k', 'n', 'e', 'rd', 'fr', 'su']);

function validDoc(doc: unknown, file: string, segs: number): doc is CachedDoc {
  if (!isRecord(doc)) return false;
  for (const k in doc) if (!DOC_KEYS.has(k)) return false;
  if (!Array.isArray(doc.g) || !doc.g.every((d) => validDiagnostic(d, file, false))) return false;
  if ((doc.k === undefined) !== (doc.n === undefined) || (doc.k !== undefined && (typeof doc.k !== 'string' || typeof doc.n !== 'string'))) return false;
  if (doc.e !== undefined && (doc.k === undefined || doc.k === 'Model' || !plainValue(doc.e))) return false;
  if (doc.k !== undefined && doc.k !== 'Model' && doc.e === undefined) return false;
  if (doc.rd !== undefined && (doc.k !== 'Model' || !Array.isArray(doc.rd) || !doc.rd.every((d) => validDiagnostic(d, file, true)))) return false;
  if (doc.fr !== undefined && (doc.k !== 'Model' || !validRef(doc.fr, segs))) return false;
  const su = doc.su;
  if (su !== undefined && !(Array.isArray(su) && su.length === 3 && typeof su[0] === 'string' && typeof su[1] === 'string' && isCount(su[2]) && doc.fr !== undefined)) return false;
  return true;
}

interface Header {
  format: number;
  code: string;
  bytes: number;
  sha256: string;
}

/** The body of an index file; undefined when it is missing, damaged or not this version's. */
function readIndex(path: string): IndexBody | undefined {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return undefined;
  }
  try {
    if (data.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
    const eol = data.indexOf(10, MAGIC.length);
    if (eol < 0 || eol - MAGIC.length > 4096) return undefined;
    const header = JSON.parse(data.subarray(MAGIC.length, eol).toString('utf8')) as Header;
    const body = data.subarray(eol + 1);
    // Checked before anything is parsed: damaged bytes are never read as records.
    if (header.format !== FORMAT || header.code !== modelctlCodeHash() || header.bytes !== body.length || header.sha256 !== hash('sha256', body, 'base64')) return undefined;
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (!isRecord(parsed) || !Array.isArray(parsed.segs) || !Array.isArray(parsed.files) || (parsed.env !== null && typeof parsed.env !== 'string')) return undefined;
    const segs = parsed.segs as unknown[];
    if (!segs.every((s) => isRecord(s) && typeof s.name === 'string' && /^[0-9a-f]{1,64}\.[0-9a-f]{16}\.seg$/.test(s.name) && isCount(s.bytes) && typeof s.sha256 === 'string')) return undefined;
    return { env: parsed.env, segs: segs as Segment[], files: parsed.files as FileRow[] };
  } catch {
    return undefined;
  }
}

function indexBytes(body: IndexBody): Buffer {
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  const header: Header = { format: FORMAT, code: modelctlCodeHash(), bytes: data.length, sha256: hash('sha256', data, 'base64') };
  return Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8'), data]);
}

/** New pieces of one kind, gathered into one segment when the run saves. */
class SegmentWriter {
  private parts: Buffer[] = [];
  private joined: Buffer | undefined;
  size = 0;
  add(bytes: Buffer): [number, number] {
    const at = this.size;
    this.parts.push(bytes);
    this.joined = undefined;
    this.size += bytes.length;
    return [at, bytes.length];
  }
  bytes(): Buffer {
    if (!this.joined) this.parts = [(this.joined = Buffer.concat(this.parts))];
    return this.joined;
  }
  slice(ref: PieceRef): Buffer {
    return this.bytes().subarray(ref[1], ref[1] + ref[2]);
  }
}

/**
 * One run's view of a cache directory for one catalog (`name`: a hash of
 * where and what was asked). The loader asks file() for records and piece()
 * for segment bytes; the next index is built with the add*() methods and
 * written by save().
 */
export class CatalogCache {
  private readonly index: IndexBody | undefined;
  private readonly byFile = new Map<string, FileRow>();
  private readonly loaded = new Map<number, Buffer | null>();
  /** Records for the next index, in listing order. */
  private readonly next: CachedFile[] = [];
  private readonly newValues = new SegmentWriter();
  private readonly newFragments = new SegmentWriter();
  /** Whether the next index differs from the one read. */
  private changed = false;
  private nextEnv: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly name: string,
  ) {
    this.index = readIndex(this.path(`${name}.index`));
    if (!this.index) return;
    for (const row of this.index.files) if (Array.isArray(row) && typeof row[0] === 'string') this.byFile.set(row[0], row);
  }

  private path(file: string): string {
    return join(this.dir, 'modelctl-cache', file);
  }

  /** The environment key the records' rd/fr were made under. */
  get env(): string | undefined {
    return this.index?.env ?? undefined;
  }

  /** The record of `file` (the path as shown), if the cache has a valid one. */
  file(file: string): CachedFile | undefined {
    const row = this.byFile.get(file);
    return row && this.index ? fromRow(row, this.index.segs.length) : undefined;
  }

  /** The bytes of a piece of the current index, or undefined when its segment is missing or damaged. */
  piece(ref: PieceRef): Buffer | undefined {
    const [seg, offset, length] = ref;
    let data = this.loaded.get(seg);
    if (data === undefined) {
      data = this.readSegment(seg);
      this.loaded.set(seg, data);
      // A bad segment is dropped from the next index with every piece in it (recomputed from the catalog next time).
      if (!data) this.changed = true;
    }
    if (!data || offset + length > data.length) return undefined;
    return data.subarray(offset, offset + length);
  }

  /** The values of a file's documents, if its piece is there, whole and plain JSON. */
  values(record: CachedFile): unknown[] | undefined {
    const bytes = this.piece(record.values);
    if (!bytes) return undefined;
    try {
      const values = JSON.parse(bytes.toString('utf8')) as unknown;
      return Array.isArray(values) && values.length === record.docs.length && values.every((v) => plainValue(v)) ? values : undefined;
    } catch {
      return undefined;
    }
  }

  private readSegment(seg: number): Buffer | null {
    const info = this.index?.segs[seg];
    if (!info) return null;
    try {
      const data = readFileSync(this.path(info.name));
      return data.length === info.bytes && hash('sha256', data, 'base64') === info.sha256 ? data : null;
    } catch {
      return null;
    }
  }

  /** The environment key of the next index. */
  setEnv(env: string): void {
    if (env !== this.index?.env) this.changed = true;
    this.nextEnv = env;
  }

  /** A record for the next index, as it was (its pieces still where they were). */
  keep(record: CachedFile): void {
    this.next.push(record);
  }

  /** Marks the next index as different from the current one (a record was changed in place). */
  touch(): void {
    this.changed = true;
  }

  /** A new record: its values go to the new values segment. */
  addFile(record: Omit<CachedFile, 'values'>, values: unknown[]): CachedFile | undefined {
    if (!values.every((v) => plainValue(v))) return undefined;
    const [offset, length] = this.newValues.add(Buffer.from(JSON.stringify(values), 'utf8'));
    const full: CachedFile = { ...record, values: [-1, offset, length] };
    this.next.push(full);
    this.changed = true;
    return full;
  }

  /** A new compiled model for the next index (`doc` is one of a record given to keep or addFile). */
  addFragment(doc: CachedDoc, bytes: Buffer, summary: [string, string, number]): void {
    const [offset, length] = this.newFragments.add(bytes);
    doc.fr = [-2, offset, length];
    doc.su = summary;
    this.changed = true;
  }

  /**
   * Writes the next index (and its new segments) when anything changed;
   * returns why it could not (a cache that cannot be written costs speed,
   * never a result).
   */
  async save(): Promise<string | undefined> {
    if (!this.changed && this.index && this.next.length === this.index.files.length) return undefined;
    try {
      await this.write();
      return undefined;
    } catch (err) {
      return `the cache in ${this.dir} could not be written (${(err as Error).message}); results are unaffected`;
    }
  }

  private segmentName(): string {
    return `${this.name}.${randomBytes(8).toString('hex')}.seg`;
  }

  private async write(): Promise<void> {
    mkdirSync(join(this.dir, 'modelctl-cache'), { recursive: true });
    const old = this.index?.segs ?? [];
    // Which old segments the next index still points into.
    const used = new Set<number>();
    const refs: PieceRef[] = [];
    for (const f of this.next) {
      refs.push(f.values);
      for (const d of f.docs) if (d.fr) refs.push(d.fr);
    }
    for (const r of refs) if (r[0] >= 0 && this.loaded.get(r[0]) !== null) used.add(r[0]);
    const fresh = [this.newValues, this.newFragments].filter((w) => w.size > 0).length;
    let segs: Segment[];
    let renumber: (ref: PieceRef) => PieceRef;
    if (used.size + fresh > MAX_SEGMENTS) {
      // Merge: every live piece copied into one values and one fragments segment.
      const values = new SegmentWriter();
      const fragments = new SegmentWriter();
      const moved = new Map<PieceRef, PieceRef>();
      const copy = (ref: PieceRef, into: SegmentWriter, kind: number) => {
        const bytes = ref[0] === -1 ? this.newValues.slice(ref) : ref[0] === -2 ? this.newFragments.slice(ref) : this.piece(ref);
        // A piece whose segment went bad is dropped with its reference (see below).
        if (bytes) moved.set(ref, [kind, ...into.add(Buffer.from(bytes))]);
      };
      for (const f of this.next) {
        copy(f.values, values, 0);
        for (const d of f.docs) if (d.fr) copy(d.fr, fragments, 1);
      }
      segs = [await this.writeSegment(values), await this.writeSegment(fragments)];
      renumber = (ref) => moved.get(ref) ?? [-3, 0, 0];
    } else {
      const order = [...used].sort((a, b) => a - b);
      const at = new Map(order.map((seg, i) => [seg, i]));
      segs = order.map((seg) => old[seg]!);
      const valuesAt = segs.length;
      if (this.newValues.size > 0) segs.push(await this.writeSegment(this.newValues));
      const fragmentsAt = segs.length;
      if (this.newFragments.size > 0) segs.push(await this.writeSegment(this.newFragments));
      // A piece of a segment found bad has no number: its reference is dropped below.
      renumber = (ref) => [ref[0] === -1 ? valuesAt : ref[0] === -2 ? fragmentsAt : (at.get(ref[0]) ?? -3), ref[1], ref[2]];
    }
    const files: FileRow[] = [];
    for (const f of this.next) {
      const values = renumber(f.values);
      if (values[0] < 0) continue; // its values were lost: the file is read again next time
      const docs = f.docs.map((d) => {
        if (!d.fr) return d;
        const fr = renumber(d.fr);
        if (fr[0] >= 0) return { ...d, fr };
        const { fr: _lost, su: _summary, ...rest } = d;
        return rest;
      });
      files.push(toRow({ ...f, values, docs }));
    }
    await writeFileDurable(this.path(`${this.name}.index`), indexBytes({ env: this.nextEnv, segs, files }));
    // Segments (and files of older formats) that no index of this catalog names any more.
    const keep = new Set(segs.map((s) => s.name));
    for (const entry of readdirSync(join(this.dir, 'modelctl-cache')))
      if (entry.startsWith(`${this.name}.`) && entry !== `${this.name}.index` && !keep.has(entry)) rmSync(this.path(entry), { force: true });
  }

  private async writeSegment(writer: SegmentWriter): Promise<Segment> {
    const data = writer.bytes();
    const name = this.segmentName();
    await writeFileDurable(this.path(name), data);
    return { name, bytes: data.length, sha256: hash('sha256', data, 'base64') };
  }
}

/** The name of a catalog's cache files: where it was loaded from and with which listing options. */
export function catalogCacheName(cwd: string, paths: readonly string[], exclude: readonly string[]): string {
  return hash('sha256', JSON.stringify([cwd, paths, exclude]), 'hex').slice(0, 32);
}
