export { parseSource, parseSources, diagnosticAt, fileDiagnostic, MAX_ALIAS_COUNT } from './parse.js';
export type { LoadedDocument, SourceFile, ParseResult } from './parse.js';
export { readCatalogFiles, decodeSource, displayPath, MAX_FILE_BYTES } from './read.js';
export { DocumentSourceMap, parsePointer, toPointer } from './source-map.js';
export type { Range, Target } from './source-map.js';
