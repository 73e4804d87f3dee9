// Pure compile: validated resources + registry → snapshot, or diagnostics.
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/types.js';
import type { Snapshot } from '../generated/types.js';
import type { Resource } from '../validate/resources.js';
import { buildSnapshotContent, buildStreamContent, type StreamContent } from './build/snapshot.js';
import { createContext, type Registry } from './context.js';
import { rules } from './rules/index.js';
import { withVersion } from './version.js';

export interface CompileResult {
  snapshot?: Snapshot;
  diagnostics: Diagnostic[];
}

export interface ContentResult {
  /** Everything but `version`, present only when no rule reports an error. */
  content?: Omit<Snapshot, 'version'>;
  diagnostics: Diagnostic[];
}

/** Every rule, nothing built: the diagnostics compile would give (what `validate` prints). */
export function check(resources: readonly Resource[], registry: Registry): Diagnostic[] {
  const ctx = createContext(resources, registry);
  return sortDiagnostics(rules.flatMap((rule) => rule.check(ctx)));
}

/** The rules, then the snapshot without its version: its canonical bytes can be streamed and hashed at once (compile -o). */
export function compileContent(resources: readonly Resource[], registry: Registry): ContentResult {
  const ctx = createContext(resources, registry);
  const diagnostics = sortDiagnostics(rules.flatMap((rule) => rule.check(ctx)));
  if (hasErrors(diagnostics)) return { diagnostics };
  return { content: buildSnapshotContent(ctx), diagnostics };
}

/** compileContent for compile -o: the models are built while they are written (see LazyModels). */
export function compileStreamContent(resources: readonly Resource[], registry: Registry): { content?: StreamContent; diagnostics: Diagnostic[] } {
  const ctx = createContext(resources, registry);
  const diagnostics = sortDiagnostics(rules.flatMap((rule) => rule.check(ctx)));
  if (hasErrors(diagnostics)) return { diagnostics };
  return { content: buildStreamContent(ctx), diagnostics };
}

export function compile(resources: readonly Resource[], registry: Registry): CompileResult {
  const { content, diagnostics } = compileContent(resources, registry);
  return content ? { snapshot: withVersion(content), diagnostics } : { diagnostics };
}

export { buildRegistry } from './registry.js';
export { LazyModels, type StreamContent } from './build/snapshot.js';
export { rules } from './rules/index.js';
export { snapshotVersion, withVersion, serializeSnapshot } from './version.js';
export type { Registry } from './context.js';
