// Native tool filtering (design §6). Each requested tool is either allowed or
// removed with the first reason that applies, checked in this order:
//   unknown     — not a NativeTool of this snapshot
//   not-allowed — the model does not offer it (model.nativeTools)
//   capability  — the model lacks a capability the tool requires
// Requested order is kept; a repeated name is reported once.
import type { ModelIndex } from './model-index.js';
import type { ToolRemovalReason } from './types.js';

export interface ToolVerdicts {
  allowed: string[];
  removed: { name: string; reason: ToolRemovalReason }[];
}

export function toolReason(name: string, m: ModelIndex, toolRequires: ReadonlyMap<string, readonly string[]>): ToolRemovalReason | null {
  const requires = toolRequires.get(name);
  if (requires === undefined) return 'unknown';
  if (!m.nativeTools.has(name)) return 'not-allowed';
  for (const c of requires) if (!m.capabilities.has(c)) return 'capability';
  return null;
}

export function filterTools(
  requested: readonly string[] | undefined,
  m: ModelIndex,
  toolRequires: ReadonlyMap<string, readonly string[]>,
): ToolVerdicts {
  const out: ToolVerdicts = { allowed: [], removed: [] };
  if (requested === undefined) return out;
  for (let i = 0; i < requested.length; i++) {
    const name = requested[i]!;
    if (requested.indexOf(name) !== i) continue;
    const reason = toolReason(name, m, toolRequires);
    if (reason === null) out.allowed.push(name);
    else out.removed.push({ name, reason });
  }
  return out;
}
