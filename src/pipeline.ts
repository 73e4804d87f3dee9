// The IO edge of the front half of the pipeline: read files, then the pure
// parse and validate stages. Every later command starts here.
import type { Diagnostic } from './diagnostics/types.js';
import { parseSources, type LoadedDocument } from './load/parse.js';
import { readCatalogFiles } from './load/read.js';
import { validateDocuments } from './validate/index.js';
import type { Resource } from './validate/resources.js';

export interface LoadedCatalog {
  sources: Map<string, string>;
  documents: LoadedDocument[];
  resources: Resource[];
  diagnostics: Diagnostic[];
}

export async function loadCatalog(paths: readonly string[], cwd: string): Promise<LoadedCatalog> {
  const read = await readCatalogFiles(paths, cwd);
  const parsed = parseSources(read.sources);
  const validated = validateDocuments(parsed.documents);
  return {
    sources: new Map(read.sources.map((s) => [s.file, s.text])),
    documents: parsed.documents,
    resources: validated.resources,
    diagnostics: [...read.diagnostics, ...parsed.diagnostics, ...validated.diagnostics],
  };
}

export interface BuiltSnapshot extends LoadedCatalog {
  /** Present only when there is no error. */
  snapshot?: import('./generated/types.js').Snapshot;
}

/**
 * load → validate → compile. The compile stage lands in src/compile/; until then
 * this reports what validation found and builds no snapshot.
 */
export async function buildSnapshot(paths: readonly string[], cwd: string): Promise<BuiltSnapshot> {
  return loadCatalog(paths, cwd);
}
