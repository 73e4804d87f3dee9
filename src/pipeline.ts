// The IO edge of the front half of the pipeline: read files, then the pure
// parse and validate stages. Every later command starts here.
import type { Diagnostic } from './diagnostics/types.js';
import { parseSources, type LoadedDocument } from './load/parse.js';
import { readCatalogFiles, type ReadOptions } from './load/read.js';
import { validateDocuments } from './validate/index.js';
import type { Resource } from './validate/resources.js';
import type { Snapshot } from './generated/types.js';
import { compile, buildRegistry } from './compile/index.js';
import type { RegistryResult } from './compile/registry.js';
import { readRegistryDocuments } from './load/registry.js';
import { hasErrors, sortDiagnostics } from './diagnostics/types.js';

export interface LoadedCatalog {
  /** File text for code frames, every secret masked. */
  sources: Map<string, string>;
  documents: LoadedDocument[];
  resources: Resource[];
  diagnostics: Diagnostic[];
}

/** `opts`: --exclude patterns and stdin's bytes for a `-` path (see ReadOptions). */
export async function loadCatalog(paths: readonly string[], cwd: string, opts: ReadOptions = {}): Promise<LoadedCatalog> {
  const read = await readCatalogFiles(paths, cwd, opts);
  const parsed = parseSources(read.sources);
  const validated = validateDocuments(parsed.documents);
  return {
    // What code frames may show: files that hold a secret come with it masked.
    sources: new Map(read.sources.map((s) => [s.file, parsed.display.get(s.file) ?? s.text])),
    documents: parsed.documents,
    resources: validated.resources,
    diagnostics: [...read.diagnostics, ...parsed.diagnostics, ...validated.diagnostics],
  };
}

export interface BuiltSnapshot extends LoadedCatalog {
  /** Present only when there is no error. */
  snapshot?: Snapshot;
}

let registryCache: Promise<RegistryResult> | undefined;

/** The built-in registry, read and checked once per process. */
export function loadRegistry(): Promise<RegistryResult> {
  registryCache ??= readRegistryDocuments().then(({ documents, diagnostics }) => {
    const built = buildRegistry(documents);
    return { registry: built.registry, diagnostics: [...diagnostics, ...built.diagnostics] };
  });
  return registryCache;
}

/** load → validate → compile; diagnostics from every stage, sorted. */
export async function buildSnapshot(paths: readonly string[], cwd: string, opts: ReadOptions = {}): Promise<BuiltSnapshot> {
  const [catalog, registry] = await Promise.all([loadCatalog(paths, cwd, opts), loadRegistry()]);
  const compiled = compile(catalog.resources, registry.registry);
  const diagnostics = sortDiagnostics([...registry.diagnostics, ...catalog.diagnostics, ...compiled.diagnostics]);
  // A catalog with schema errors still gets its rules checked, but never a snapshot.
  const snapshot = hasErrors(diagnostics) ? undefined : compiled.snapshot;
  return { ...catalog, diagnostics, ...(snapshot ? { snapshot } : {}) };
}
