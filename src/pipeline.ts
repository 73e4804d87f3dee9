// The IO edge of the front half of the pipeline: read files, then the pure
// parse and validate stages. Every later command starts here.
import type { Diagnostic } from './diagnostics/types.js';
import { fileLocator, NO_POINTERS, parseSource, shownText, type LoadedDocument, type SourceFile } from './load/parse.js';
import { listCatalogFiles, readForLoading, rereadCatalogFile, type ReadOptions } from './load/read.js';
import { SourceTexts } from './load/source-texts.js';
import { digestOf, rereadable } from './load/reread.js';
import { LazySourceMap } from './load/source-map.js';
import { modelctlCodeHash } from './load/cache.js';
import { loadIncremental, type IncrementalLoad } from './incremental-load.js';
import type { WatchedCatalog } from './watch-load.js';
import { buildCachedContent, checkIncremental, environmentKey, type FragmentMemos, type ModelMemos } from './compile/incremental.js';
import type { CachedModelsContent } from './compile/build/snapshot.js';
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
  /** `--cache DIR`: what checkCatalog and buildStreamContent may reuse of an earlier run (src/load/cache.ts). */
  cacheDir?: string;
}

/** What validate prints from. */
export interface CheckedCatalog {
  sources: ReadonlyMap<string, string>;
  diagnostics: Diagnostic[];
  notes?: string[];
}

/**
 * `opts`: --exclude patterns, stdin's bytes for a `-` path (see ReadOptions).
 * Files are read, parsed and schema-checked one at a time, so no more than one
 * file's text is alive at once; what stays is each file's values (and, for
 * files with something masked, the masked text). This is the reference the
 * cached path (loadIncremental) is compared with; it uses no cache.
 */
export async function loadCatalog(paths: readonly string[], cwd: string, opts: ReadOptions = {}): Promise<LoadedCatalog> {
  const listing = await listCatalogFiles(paths, cwd, opts);
  const readDiagnostics = [...listing.diagnostics];
  const parseDiagnostics: Diagnostic[] = [];
  const validateDiagnostics: Diagnostic[] = [];
  const documents: LoadedDocument[] = [];
  const resources: Resource[] = [];
  const sources = new SourceTexts();
  /** Parses and schema-checks one file. */
  const load = (source: SourceFile): void => {
    const parsed = parseSource(source);
    for (const d of parsed.diagnostics) parseDiagnostics.push(d);
    sources.set(source.file, shownText(source, parsed));
    for (const doc of parsed.documents) {
      documents.push(doc);
      const result = validateDocument(doc);
      for (const d of result.diagnostics) validateDiagnostics.push(d);
      if (result.resource) resources.push(result.resource);
    }
  };
  for (const source of listing.sources) load(source);
  // Files are read into one buffer: nothing below keeps a file's bytes (each gets `reload`).
  const scratch = Buffer.allocUnsafeSlow(256 * 1024);
  for (const { absolute, file } of listing.files) {
    const read = readForLoading(absolute, file, scratch, readDiagnostics, load);
    if (read) load(rereadable(read, read.bytes, rereadCatalogFile(absolute, file, digestOf(read.bytes))));
  }
  return { sources, documents, resources, diagnostics: [...readDiagnostics, ...parseDiagnostics, ...validateDiagnostics] };
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

/** Whether `opts` ask for the cache, and it can serve (stdin is never cached: the run goes without). */
const cached = (paths: readonly string[], opts: LoadOptions): opts is LoadOptions & { cacheDir: string } => opts.cacheDir !== undefined && !paths.includes('-');

/**
 * The cached run: load what changed, then the rules over the models that
 * changed (and everything else), remembering each model's diagnostics; with
 * `build`, the snapshot content from each model's remembered canonical JSON.
 */
async function runCached(paths: readonly string[], cwd: string, opts: LoadOptions & { cacheDir: string }, build: boolean): Promise<CheckedCatalog & { content?: CachedModelsContent }> {
  const [loaded, registry] = await Promise.all([loadIncremental(paths, cwd, opts, opts.cacheDir), loadRegistry()]);
  const { cache, models } = loaded;
  const env = environmentKey(loaded.resources, modelctlCodeHash());
  const sameEnv = cache.env === env;
  cache.setEnv(env);
  // Another environment: nothing remembered of any model holds.
  if (!sameEnv) for (const { doc } of models.values()) (delete doc.rd, delete doc.fr, delete doc.su);
  const memos: ModelMemos = {
    diagnostics: (r) => {
      const slot = models.get(r);
      return slot && !slot.fresh && sameEnv ? slot.doc.rd : undefined;
    },
    walked: (r, list) => {
      const slot = models.get(r);
      if (!slot) return;
      slot.doc.rd = list;
      cache.touch();
    },
  };
  const checked = checkIncremental(loaded.resources, registry.registry, memos);
  const diagnostics = sortDiagnostics([...registry.diagnostics, ...loaded.diagnostics, ...checked.diagnostics]);
  let content: CachedModelsContent | undefined;
  if (build && !hasErrors(diagnostics)) {
    const fragments: FragmentMemos = {
      fragment: (r) => {
        const slot = models.get(r);
        if (!slot || slot.fresh || !sameEnv || !slot.doc.fr || !slot.doc.su) return undefined;
        const json = cache.piece(slot.doc.fr);
        return json ? { json, summary: slot.doc.su } : undefined;
      },
      built: (r, json, summary) => {
        const slot = models.get(r);
        if (slot) cache.addFragment(slot.doc, Buffer.from(json.buffer, json.byteOffset, json.byteLength), summary);
      },
    };
    content = buildCachedContent(checked.ctx, fragments);
  }
  const note = await cache.save();
  return { sources: loaded.sources, diagnostics, ...(note ? { notes: [note] } : {}), ...(content ? { content } : {}) };
}

/** What `validate --watch` remembers between runs besides the files (WatchedCatalog): each model's rule diagnostics, valid in one environment. */
export interface WatchMemory {
  env?: string;
  rules: WeakMap<Resource, readonly Diagnostic[]>;
}

export const newWatchMemory = (): WatchMemory => ({ rules: new WeakMap() });

/**
 * checkCatalog for `validate --watch`: `changed` files read again (all on the
 * first run), the rules over the models that changed and, when a non-Model
 * resource changed, over every model. The same diagnostics as checkCatalog.
 */
export async function checkWatched(catalog: WatchedCatalog, changed: ReadonlySet<string>, relist: boolean, memory: WatchMemory): Promise<CheckedCatalog & { readCount: number }> {
  const [loaded, registry] = await Promise.all([catalog.load(changed, relist), loadRegistry()]);
  // modelctl's code cannot change within the process: the key is the non-Model resources alone.
  const env = environmentKey(loaded.resources, '');
  if (memory.env !== env) {
    memory.env = env;
    memory.rules = new WeakMap();
  }
  const rules = memory.rules;
  const checked = checkIncremental(loaded.resources, registry.registry, { diagnostics: (r) => rules.get(r), walked: (r, list) => void rules.set(r, list) });
  const diagnostics = sortDiagnostics([...registry.diagnostics, ...loaded.diagnostics, ...checked.diagnostics]);
  return { sources: loaded.sources, diagnostics, readCount: loaded.readCount };
}

/** load → validate → every compile rule; diagnostics from every stage, sorted; nothing built (what `validate` needs). */
export async function checkCatalog(paths: readonly string[], cwd: string, opts: LoadOptions = {}): Promise<CheckedCatalog> {
  if (cached(paths, opts)) return runCached(paths, cwd, opts, false);
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

/**
 * What compile -o writes from: buildStreamContent, or with `--cache` (and no
 * stdin), the models as they were last built wherever nothing they depend on
 * changed (see CachedModels).
 */
export async function buildOutputContent(paths: readonly string[], cwd: string, opts: LoadOptions = {}): Promise<CheckedCatalog & { content?: StreamContent | CachedModelsContent }> {
  return cached(paths, opts) ? runCached(paths, cwd, opts, true) : buildStreamContent(paths, cwd, opts);
}

/** buildSnapshotContent for compile -o: the models are built while they are written, never all held (see LazyModels). */
export async function buildStreamContent(paths: readonly string[], cwd: string, opts: ReadOptions = {}): Promise<LoadedCatalog & { content?: StreamContent }> {
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
