// The IO side of `--cache DIR`: list the catalog, take each file's stat, and
// read, hash, parse and schema-check only the files the stat (or, failing
// that, the sha256) says changed. Unchanged files come back from the cache as
// they were: their schema diagnostics, and resources whose values are read
// only when something asks (a Model's spec, from its segment, or from the file
// itself when the segment is gone). src/pipeline.ts runs the rules and the
// snapshot over the result with src/compile/incremental.ts. It sits beside
// pipeline.ts, not in load/: it drives both load/ and validate/.
import type { Diagnostic } from './diagnostics/types.js';
import type { Resource } from './validate/resources.js';
import { validateDocument } from './validate/index.js';
import { CatalogCache, catalogCacheName, type CachedDoc, type CachedFile } from './load/cache.js';
import { scanStart, statFile, trustworthy, unchangedByStat, type FileStat } from './load/file-state.js';
import { fileLocator, NO_POINTERS, parseSource, shownText, type LoadedDocument, type SourceFile } from './load/parse.js';
import { listCatalogFiles, readForLoading, rereadCatalogFile, type ReadOptions } from './load/read.js';
import { digestOf, rereadable } from './load/reread.js';
import { LazySourceMap, type DocumentSourceMap } from './load/source-map.js';
import { SourceTexts } from './load/source-texts.js';

export interface IncrementalLoad {
  /** File text for code frames, every secret masked (re-read on demand). */
  sources: SourceTexts;
  /** What reading, parsing and schema-checking gave, in the order loadCatalog gives it. */
  diagnostics: Diagnostic[];
  resources: Resource[];
  /** The cache record of each Model resource of a file the cache keeps, and whether it was just read. */
  models: Map<Resource, { doc: CachedDoc; fresh: boolean }>;
  cache: CatalogCache;
}

/** loadCatalog (src/pipeline.ts) with a cache: the same diagnostics and resources. */
export async function loadIncremental(paths: readonly string[], cwd: string, opts: ReadOptions, cacheDir: string): Promise<IncrementalLoad> {
  // Before anything is looked at: a file written after this may share a timestamp with what is read now.
  const start = scanStart();
  const listing = await listCatalogFiles(paths, cwd, opts);
  const cache = new CatalogCache(cacheDir, catalogCacheName(cwd, paths, opts.exclude ?? []));
  const readDiagnostics = [...listing.diagnostics];
  const parseDiagnostics: Diagnostic[] = [];
  const validateDiagnostics: Diagnostic[] = [];
  const resources: Resource[] = [];
  const models = new Map<Resource, { doc: CachedDoc; fresh: boolean }>();
  const sources = new SourceTexts();

  /** Parses and schema-checks one file; returns its documents as the cache keeps them (only files the fast path read). */
  const load = (source: SourceFile): { docs: CachedDoc[]; values: unknown[]; resources: (Resource | undefined)[] } | undefined => {
    const parsed = parseSource(source);
    for (const d of parsed.diagnostics) parseDiagnostics.push(d);
    sources.set(source.file, shownText(source, parsed));
    const docs: CachedDoc[] = [];
    const values: unknown[] = [];
    const made: (Resource | undefined)[] = [];
    for (const doc of parsed.documents) {
      const result = validateDocument(doc);
      for (const d of result.diagnostics) validateDiagnostics.push(d);
      const r = result.resource;
      if (r) resources.push(r);
      made.push(r);
      values.push(doc.value);
      docs.push({ g: result.diagnostics, ...(r ? { k: r.kind, n: r.name, ...(r.kind === 'Model' ? {} : { e: r.spec }) } : {}) });
    }
    return parsed.fast && docs.length > 0 ? { docs, values, resources: made } : undefined;
  };

  /**
   * The values of an unchanged file, when something asks (a rule looking a
   * model up by name, or every model when the environment changed). A few are
   * read again from their files (checked to be the bytes recorded): cheaper
   * than reading and verifying a whole segment; past that, from the segments.
   */
  let lookups = 0;
  const valuesOf = (record: CachedFile, reload: () => Uint8Array): unknown[] => {
    if (++lookups <= FEW_LOOKUPS) return reparse(record.file, reload);
    return cache.values(record) ?? reparse(record.file, reload);
  };

  /** An unchanged file: its documents as the cache has them. */
  const reuse = (record: CachedFile, absolute: string) => {
    const view = new CachedFileView(record, absolute, valuesOf);
    sources.set(record.file, view.reload);
    for (let index = 0; index < record.docs.length; index++) {
      const cached = record.docs[index]!;
      for (const d of cached.g) validateDiagnostics.push(d);
      if (cached.k === undefined) continue;
      const resource = new CachedResource(cached.k, cached.n!, new CachedSource(view, index), cached.k === 'Model' ? NOT_READ : cached.e) as unknown as Resource;
      resources.push(resource);
      if (cached.k === 'Model') models.set(resource, { doc: cached, fresh: false });
    }
  };

  for (const source of listing.sources) load(source);
  const scratch = Buffer.allocUnsafeSlow(256 * 1024);
  for (const { absolute, file } of listing.files) {
    const record = cache.file(file);
    // Taken before the read: a write after it moves the stat, so the next run looks again.
    const stat = statFile(absolute);
    if (record && unchangedByStat(record, stat)) {
      cache.keep(record);
      reuse(record, absolute);
      continue;
    }
    const read = readForLoading(absolute, file, scratch, readDiagnostics, load);
    if (!read) continue;
    const digest = digestOf(read.bytes);
    if (record && stat && record.digest === digest) {
      // The same bytes under a new stat (touched, copied back, or racy last time): the record holds.
      const again = withStat(record, stat, start);
      cache.keep(again);
      cache.touch();
      reuse(again, absolute);
      continue;
    }
    const reload = rereadCatalogFile(absolute, file, digest);
    const loaded = load(rereadable(read, read.bytes, reload));
    if (!loaded || !stat) continue;
    const added = cache.addFile({ file, ...statFields(stat, start), digest, docs: loaded.docs }, loaded.values);
    if (!added) continue;
    loaded.resources.forEach((r, i) => {
      if (r?.kind === 'Model') models.set(r, { doc: added.docs[i]!, fresh: true });
    });
  }
  return { sources, diagnostics: [...readDiagnostics, ...parseDiagnostics, ...validateDiagnostics], resources, models, cache };
}

/** Values looked up one file at a time before the segments are read instead. */
const FEW_LOOKUPS = 200;

/**
 * One unchanged file: a re-read checked against the recorded sha256 (for code
 * frames and positions), its source maps and its documents' values, each made
 * on first use. One object per file, not a closure per use: 10,000 files.
 */
class CachedFileView {
  private values: unknown[] | undefined;
  private locate: ((index: number) => DocumentSourceMap) | undefined;
  readonly reload: () => Uint8Array;
  constructor(
    readonly record: CachedFile,
    absolute: string,
    private readonly read: (record: CachedFile, reload: () => Uint8Array) => unknown[],
  ) {
    this.reload = rereadCatalogFile(absolute, record.file, record.digest);
  }
  value(index: number): unknown {
    return (this.values ??= this.read(this.record, this.reload))[index];
  }
  map(index: number): DocumentSourceMap {
    return (this.locate ??= fileLocator(this.reload))(index);
  }
}

const NOT_READ = Symbol('not read');

/** A document of an unchanged file: its value and source map made only if asked (prototype getters). */
class CachedSource implements LoadedDocument {
  readonly hasSecret = false;
  readonly secretPointers = NO_POINTERS;
  private lazyMap: LazySourceMap | undefined;
  constructor(
    private readonly view: CachedFileView,
    readonly index: number,
  ) {}
  get file(): string {
    return this.view.record.file;
  }
  get value(): unknown {
    return this.view.value(this.index);
  }
  get map(): LazySourceMap {
    return (this.lazyMap ??= new LazySourceMap((i) => this.view.map(i), this.index));
  }
}

/** A resource of an unchanged file, as validateDocument makes it; a Model's spec is read when first asked for. */
class CachedResource {
  constructor(
    readonly kind: string,
    readonly name: string,
    readonly source: CachedSource,
    private known: unknown,
  ) {}
  get spec(): unknown {
    if (this.known === NOT_READ) this.known = this.source.value;
    return this.known;
  }
}

function statFields(stat: FileStat, start: number): FileStat & { racy?: true } {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, ...(trustworthy(stat, start) ? {} : { racy: true as const }) };
}

function withStat(record: CachedFile, stat: FileStat, start: number): CachedFile {
  const { racy: _old, ...rest } = record;
  return { ...rest, ...statFields(stat, start) };
}

/** A file whose cached values are lost: its documents' values from the file itself (checked to be the bytes recorded). */
function reparse(file: string, reload: () => Uint8Array): unknown[] {
  const bytes = reload();
  return parseSource({ file, get text() { return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'); }, bytes }).documents.map((d) => d.value);
}
