// The IO edge of the front half of the pipeline: read files, then the pure
// parse and validate stages. Every later command starts here.
import type { Diagnostic } from './diagnostics/types.js';
import { parseSource, type LoadedDocument, type SourceFile } from './load/parse.js';
import { listCatalogFiles, readCatalogFile, type ReadOptions } from './load/read.js';
import { SourceTexts } from './load/source-texts.js';
import { digestOf, rereader } from './load/reread.js';
import { validateDocuments } from './validate/index.js';
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
}

/**
 * `opts`: --exclude patterns and stdin's bytes for a `-` path (see ReadOptions).
 * Files are read and parsed one at a time, so no more than one file's text is
 * alive at once; what stays is each file's bytes (SourceTexts) and its values.
 */
export async function loadCatalog(paths: readonly string[], cwd: string, opts: ReadOptions = {}): Promise<LoadedCatalog> {
  const listing = await listCatalogFiles(paths, cwd, opts);
  const readDiagnostics = [...listing.diagnostics];
  const parseDiagnostics: Diagnostic[] = [];
  const documents: LoadedDocument[] = [];
  const sources = new SourceTexts();
  const load = (source: SourceFile) => {
    const parsed = parseSource(source);
    for (const d of parsed.documents) documents.push(d);
    for (const d of parsed.diagnostics) parseDiagnostics.push(d);
    // What code frames may show: files that hold a secret come with it masked.
    sources.set(source.file, parsed.display.get(source.file) ?? source.reload ?? source.bytes ?? source.text);
  };
  for (const source of listing.sources) load(source);
  for (const { absolute, file } of listing.files) {
    const read = readCatalogFile(absolute, file);
    if ('code' in read) readDiagnostics.push(read);
    else load(read.bytes ? rereadable(read, read.bytes, absolute) : read);
  }
  const validated = validateDocuments(documents);
  return {
    sources,
    documents,
    resources: validated.resources,
    diagnostics: [...readDiagnostics, ...parseDiagnostics, ...validated.diagnostics],
  };
}

/**
 * The source with a `reload` that reads the file again, checked unchanged, so
 * its bytes need not be kept. (Its own function: a closure made next to one
 * that holds `read` would share that scope and keep the bytes alive.)
 */
function rereadable(read: SourceFile, bytes: Uint8Array, absolute: string): SourceFile {
  const { file } = read;
  return {
    file,
    get text() {
      return read.text;
    },
    bytes,
    reload: reloader(file, digestOf(bytes), absolute),
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
export async function checkCatalog(paths: readonly string[], cwd: string, opts: ReadOptions = {}): Promise<LoadedCatalog> {
  const [catalog, registry] = await Promise.all([loadCatalog(paths, cwd, opts), loadRegistry()]);
  const diagnostics = sortDiagnostics([...registry.diagnostics, ...catalog.diagnostics, ...check(catalog.resources, registry.registry)]);
  return { ...catalog, diagnostics };
}

/** load → validate → compile, the version left to the caller (compile streams the bytes and hashes them as it writes). */
export async function buildSnapshotContent(paths: readonly string[], cwd: string, opts: ReadOptions = {}): Promise<BuiltContent> {
  const [catalog, registry] = await Promise.all([loadCatalog(paths, cwd, opts), loadRegistry()]);
  const compiled = compileContent(catalog.resources, registry.registry);
  const diagnostics = sortDiagnostics([...registry.diagnostics, ...catalog.diagnostics, ...compiled.diagnostics]);
  // A catalog with schema errors still gets its rules checked, but never a snapshot.
  const content = hasErrors(diagnostics) ? undefined : compiled.content;
  return { ...catalog, diagnostics, ...(content ? { content } : {}) };
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
export async function buildSnapshot(paths: readonly string[], cwd: string, opts: ReadOptions = {}): Promise<BuiltSnapshot> {
  const { content, ...built } = await buildSnapshotContent(paths, cwd, opts);
  return content ? { ...built, snapshot: withVersion(content) } : built;
}
