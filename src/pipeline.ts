// The IO edge of the front half of the pipeline: read files, then the pure
// parse and validate stages. Every later command starts here.
import type { Diagnostic } from './diagnostics/types.js';
import { fileLocator, NO_POINTERS, parseSource, type LoadedDocument, type SourceFile } from './load/parse.js';
import { listCatalogFiles, readCatalogFile, type ReadOptions } from './load/read.js';
import { SourceTexts } from './load/source-texts.js';
import { digestOf, rereader } from './load/reread.js';
import { LazySourceMap } from './load/source-map.js';
import { catalogCacheName, LoadCache, type CacheEntry } from './load/cache.js';
import { validateDocument } from './validate/index.js';
import type { Resource } from './validate/resources.js';
import type { Snapshot } from './generated/types.js';
import { check, compileContent, compileStreamContent, type StreamContent } from './compile/index.js';
import { withVersion } from './compile/version.js';
import type { RegistryResult } from './compile/registry.js';
import { registryModels } from './generated/registry.js';
import { hasErrors, sortDiagnostics } from './diagnostics/types.js';

export interface LoadedCatalog {
  /** File text for code frames, every secret masked. */
  sources: ReadonlyMap<string, string>;
  documents: LoadedDocument[];
  resources: Resource[];
  diagnostics: Diagnostic[];
  /** Said on stderr, never part of the result (a cache that could not be written). */
  notes?: string[];
}

export interface LoadOptions extends ReadOptions {
  /** `--cache DIR`: reuse what loading and schema-checking each unchanged file gave (src/load/cache.ts). */
  cacheDir?: string;
}

/**
 * `opts`: --exclude patterns, stdin's bytes for a `-` path (see ReadOptions),
 * the cache directory. Files are read, parsed and schema-checked one at a time,
 * so no more than one file's text is alive at once; what stays is each file's
 * values (and, for files with something masked, the masked text).
 */
export async function loadCatalog(paths: readonly string[], cwd: string, opts: LoadOptions = {}): Promise<LoadedCatalog> {
  const listing = await listCatalogFiles(paths, cwd, opts);
  const cache = opts.cacheDir === undefined ? undefined : new LoadCache(opts.cacheDir, catalogCacheName(cwd, paths, opts.exclude ?? []));
  const readDiagnostics = [...listing.diagnostics];
  const parseDiagnostics: Diagnostic[] = [];
  const validateDiagnostics: Diagnostic[] = [];
  const documents: LoadedDocument[] = [];
  const resources: Resource[] = [];
  const sources = new SourceTexts();
  /** Parses and schema-checks one file; returns what the cache may keep of it (only files the fast path read). */
  const load = (source: SourceFile): CacheEntry | undefined => {
    const parsed = parseSource(source);
    for (const d of parsed.diagnostics) parseDiagnostics.push(d);
    // What code frames may show: files that hold a secret come with it masked.
    sources.set(source.file, parsed.display.get(source.file) ?? source.reload ?? source.bytes ?? source.text);
    const entry: CacheEntry | undefined = cache && parsed.fast ? [] : undefined;
    for (const doc of parsed.documents) {
      documents.push(doc);
      const result = validateDocument(doc);
      for (const d of result.diagnostics) validateDiagnostics.push(d);
      if (result.resource) resources.push(result.resource);
      entry?.push({ value: doc.value, diagnostics: result.diagnostics, resource: result.resource !== undefined });
    }
    return entry;
  };
  /** A cached file: its documents and their schema results as they were, positions re-read from the file if asked. */
  const reuse = (file: string, entry: CacheEntry, reload: () => Uint8Array) => {
    sources.set(file, reload);
    const locate = fileLocator(reload);
    entry.forEach((cached, index) => {
      const doc: LoadedDocument = { file, index, value: cached.value, map: new LazySourceMap(locate, index), hasSecret: false, secretPointers: NO_POINTERS };
      documents.push(doc);
      for (const d of cached.diagnostics) validateDiagnostics.push(d);
      // As validateDocument makes it (test/cache compares cached and uncached runs).
      if (cached.resource) {
        const value = cached.value as Record<string, unknown>;
        resources.push({ kind: value.kind, name: typeof value.name === 'string' ? value.name : 'default', spec: value, source: doc } as unknown as Resource);
      }
    });
  };
  for (const source of listing.sources) load(source);
  // Files are read into one buffer: nothing below keeps a file's bytes (each gets `reload`).
  const scratch = Buffer.allocUnsafeSlow(256 * 1024);
  for (const { absolute, file } of listing.files) {
    const read = readCatalogFile(absolute, file, scratch);
    if ('code' in read) {
      readDiagnostics.push(read);
      continue;
    }
    if (!read.bytes) {
      load(read);
      continue;
    }
    const digest = digestOf(read.bytes);
    const reload = reloader(file, digest, absolute);
    const hit = cache?.get(file, digest);
    if (hit) reuse(file, hit, reload);
    else {
      const entry = load(rereadable(read, read.bytes, reload));
      if (entry && cache) cache.put(file, digest, entry);
    }
  }
  const note = await cache?.save();
  return {
    sources,
    documents,
    resources,
    diagnostics: [...readDiagnostics, ...parseDiagnostics, ...validateDiagnostics],
    ...(note ? { notes: [note] } : {}),
  };
}

/**
 * The source with a `reload` that reads the file again, checked unchanged, so
 * its bytes need not be kept. (Its own function: a closure made next to one
 * that holds `read` would share that scope and keep the bytes alive.)
 */
function rereadable(read: SourceFile, bytes: Uint8Array, reload: () => Uint8Array): SourceFile {
  return {
    file: read.file,
    get text() {
      return read.text;
    },
    bytes,
    reload,
  };
}

function reloader(file: string, digest: string, absolute: string): () => Uint8Array {
  return rereader(file, digest, () => readCatalogFile(absolute, file));
}

export interface BuiltSnapshot extends LoadedCatalog {
  /** Present only when there is no error. */
  snapshot?: Snapshot;
}

export interface BuiltContent extends LoadedCatalog {
  /** The snapshot without `version`, present only when there is no error. */
  content?: Omit<Snapshot, 'version'>;
}

let registryCache: Promise<RegistryResult> | undefined;

/**
 * The built-in registry: models/ read and checked at build time (`npm run gen`
 * writes src/generated/registry.ts), so no command parses its YAML at start-up.
 */
export function loadRegistry(): Promise<RegistryResult> {
  registryCache ??= Promise.resolve({ registry: new Map(Object.entries(registryModels)), diagnostics: [] });
  return registryCache;
}

/** load → validate → every compile rule; diagnostics from every stage, sorted; nothing built (what `validate` needs). */
export async function checkCatalog(paths: readonly string[], cwd: string, opts: LoadOptions = {}): Promise<LoadedCatalog> {
  const [catalog, registry] = await Promise.all([loadCatalog(paths, cwd, opts), loadRegistry()]);
  const diagnostics = sortDiagnostics([...registry.diagnostics, ...catalog.diagnostics, ...check(catalog.resources, registry.registry)]);
  return { ...catalog, diagnostics };
}

/** load → validate → compile, the version left to the caller (compile streams the bytes and hashes them as it writes). */
export async function buildSnapshotContent(paths: readonly string[], cwd: string, opts: LoadOptions = {}): Promise<BuiltContent> {
  const [catalog, registry] = await Promise.all([loadCatalog(paths, cwd, opts), loadRegistry()]);
  const compiled = compileContent(catalog.resources, registry.registry);
  const diagnostics = sortDiagnostics([...registry.diagnostics, ...catalog.diagnostics, ...compiled.diagnostics]);
  // A catalog with schema errors still gets its rules checked, but never a snapshot.
  const content = hasErrors(diagnostics) ? undefined : compiled.content;
  return { ...catalog, diagnostics, ...(content ? { content } : {}) };
}

/** buildSnapshotContent for compile -o: the models are built while they are written, never all held (see LazyModels). */
export async function buildStreamContent(paths: readonly string[], cwd: string, opts: LoadOptions = {}): Promise<LoadedCatalog & { content?: StreamContent }> {
  const [catalog, registry] = await Promise.all([loadCatalog(paths, cwd, opts), loadRegistry()]);
  const compiled = compileStreamContent(catalog.resources, registry.registry);
  const diagnostics = sortDiagnostics([...registry.diagnostics, ...catalog.diagnostics, ...compiled.diagnostics]);
  const content = hasErrors(diagnostics) ? undefined : compiled.content;
  return { ...catalog, diagnostics, ...(content ? { content } : {}) };
}

/** load → validate → compile; diagnostics from every stage, sorted. */
export async function buildSnapshot(paths: readonly string[], cwd: string, opts: LoadOptions = {}): Promise<BuiltSnapshot> {
  const { content, ...built } = await buildSnapshotContent(paths, cwd, opts);
  return content ? { ...built, snapshot: withVersion(content) } : built;
}
