// IO edge: reads the built-in registry shipped in models/ (next to dist/ and src/).
import { fileURLToPath } from 'node:url';
import { parseSources } from './parse.js';
import { readCatalogFiles } from './read.js';
import type { LoadedDocument } from './parse.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { PACKAGE_ROOT_URL } from '../io/package-root.js';

export const REGISTRY_DIR = fileURLToPath(new URL('models/', PACKAGE_ROOT_URL));

export async function readRegistryDocuments(dir = REGISTRY_DIR): Promise<{ documents: LoadedDocument[]; diagnostics: Diagnostic[] }> {
  const read = await readCatalogFiles([dir], dir);
  // Registry files are reported by their path under models/ ("anthropic/claude-sonnet-4-5.yaml").
  const parsed = parseSources(read.sources.map((s) => ({ file: `models/${s.file}`, text: s.text })));
  return { documents: parsed.documents, diagnostics: [...read.diagnostics, ...parsed.diagnostics] };
}
