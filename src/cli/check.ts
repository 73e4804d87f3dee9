// validate = load + schema + semantic rules; shared by validate, compile, plan and apply.
import type { Diagnostic } from '../diagnostics/types.js';
import { buildSnapshot } from '../pipeline.js';

export interface CheckResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

export async function checkCatalog(paths: readonly string[], cwd: string): Promise<CheckResult> {
  const catalog = await buildSnapshot(paths, cwd);
  return { diagnostics: catalog.diagnostics, sources: catalog.sources };
}
