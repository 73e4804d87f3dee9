// modelctl as a library: the same pipeline the CLI runs, stage by stage.
// load → validate → compile → plan → apply; the runtime resolver is also
// importable on its own as `modelctl/runtime` (no Node-only imports there).
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics/types.js';
export { DIAGNOSTIC_CODES, countBySeverity, hasErrors, sortDiagnostics } from './diagnostics/types.js';
export type * from './generated/types.js';

export { parseSource, parseSources, readCatalogFiles } from './load/index.js';
export type { LoadedDocument, SourceFile } from './load/index.js';
export { validateDocuments, validateDocument, KINDS } from './validate/index.js';
export type { Kind, Resource } from './validate/index.js';
export { compile, buildRegistry, serializeSnapshot, snapshotVersion } from './compile/index.js';
export { signSnapshot, generateSigningKeys } from './compile/sign.js';
export { loadCatalog, loadRegistry, buildSnapshot } from './pipeline.js';

export { createPlan, hasChanges } from './plan/index.js';
export type { Plan, PlanChange, Impact } from './plan/index.js';
export { openTarget, applySnapshot, FileTarget, HttpTarget } from './apply/index.js';
export type { Target } from './apply/index.js';
export { startServer } from './server/index.js';
export type { RunningServer, ServerOptions } from './server/index.js';

export { createResolver, loadSnapshot, validateSnapshot, explain } from './runtime/index.js';
export type { Resolver, ResolverOptions, ResolveRequest, ResolveResult, CatalogRequest, CatalogResult } from './runtime/index.js';
