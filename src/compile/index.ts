// Pure compile: validated resources + registry → snapshot, or diagnostics.
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/types.js';
import type { Snapshot } from '../generated/types.js';
import type { Resource } from '../validate/resources.js';
import { buildSnapshotContent } from './build/snapshot.js';
import { createContext, type Registry } from './context.js';
import { rules } from './rules/index.js';
import { withVersion } from './version.js';

export interface CompileResult {
  snapshot?: Snapshot;
  diagnostics: Diagnostic[];
}

export function compile(resources: readonly Resource[], registry: Registry): CompileResult {
  const ctx = createContext(resources, registry);
  const diagnostics = sortDiagnostics(rules.flatMap((rule) => rule.check(ctx)));
  if (hasErrors(diagnostics)) return { diagnostics };
  return { snapshot: withVersion(buildSnapshotContent(ctx)), diagnostics };
}

export { buildRegistry } from './registry.js';
export { rules } from './rules/index.js';
export { snapshotVersion, withVersion, serializeSnapshot } from './version.js';
export type { Registry } from './context.js';
