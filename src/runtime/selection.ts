// Which model serves a request: by name, through a tier, or for a task.
// Returns the model index, or an error object (allocated only on failure).
import { allows } from './availability.js';
import { taskVerdict, userVerdict, Verdict, type Audience } from './eligibility.js';
import type { SnapshotIndex } from './indexes.js';
import type { ModelIndex } from './model-index.js';
import type { ResolveErrorCode } from './types.js';

export interface Refusal {
  code: ResolveErrorCode;
  message: string;
}

export type Selection = ModelIndex | Refusal;

export const isRefusal = (s: Selection): s is Refusal => 'code' in s;

const list = (xs: readonly string[] | undefined): string => `[${(xs ?? []).join(', ')}]`;

function whyNotAvailable(m: ModelIndex, a: Audience): string {
  if (!m.active) return `model '${m.name}' is inactive`;
  if (!m.isPublic) return `model '${m.name}' is internal`;
  if (!allows(m.access, a.groups)) return `model '${m.name}' is not available to groups ${list(a.groups)}`;
  return `model '${m.name}' is not offered on entry point '${a.entryPoint}'`;
}

export function selectModel(ix: SnapshotIndex, name: string, a: Audience): Selection {
  const m = ix.models.get(name);
  if (m === undefined) return { code: 'model-not-found', message: `no model named '${name}'` };
  switch (userVerdict(m, a)) {
    case Verdict.Ok:
      return m;
    case Verdict.NotAvailable:
      return { code: 'not-available', message: whyNotAvailable(m, a) };
    case Verdict.Capability:
      return { code: 'capability-unsupported', message: `model '${name}' lacks capabilities ${list(a.requires?.filter((c) => !m.capabilities.has(c)))}` };
    default:
      return { code: 'no-route', message: `model '${name}' has no active source with its credential present` };
  }
}

/**
 * The first candidate that can serve. When none can, the error names what
 * stands in the way: `capability-unsupported` when some candidate is
 * available and routable but lacks a required capability; else `no-route`
 * when some candidate is available but has no usable source; else
 * `not-available`.
 */
function firstEligible(candidates: readonly ModelIndex[], a: Audience, verdict: typeof userVerdict, what: string): Selection {
  let incapable = false;
  let unroutable = false;
  for (let i = 0; i < candidates.length; i++) {
    const m = candidates[i]!;
    const v = verdict(m, a);
    if (v === Verdict.Ok) return m;
    if (v === Verdict.Capability && m.routeCount > 0) incapable = true;
    else if (v !== Verdict.NotAvailable) unroutable = true;
  }
  if (incapable) return { code: 'capability-unsupported', message: `no model of ${what} has capabilities ${list(a.requires)}` };
  if (unroutable) return { code: 'no-route', message: `no model of ${what} has an active source with its credential present` };
  return { code: 'not-available', message: `no model of ${what} is available here` };
}

export function selectTier(ix: SnapshotIndex, name: string, a: Audience): Selection {
  const t = ix.tiers.get(name);
  if (t === undefined) return { code: 'model-not-found', message: `no tier named '${name}'` };
  if (!t.entryPoints.has(a.entryPoint)) {
    return { code: 'not-available', message: `tier '${name}' is not offered on entry point '${a.entryPoint}'` };
  }
  if (!allows(t.access, a.groups)) return { code: 'not-available', message: `tier '${name}' is not available to groups ${list(a.groups)}` };
  return firstEligible(t.models, a, userVerdict, `tier '${name}'`);
}

export function selectTask(ix: SnapshotIndex, task: string, a: Audience): Selection {
  const candidates = ix.tasks.get(task);
  if (candidates === undefined) return { code: 'model-not-found', message: `no internal model serves task '${task}'` };
  return firstEligible(candidates, a, taskVerdict, `task '${task}'`);
}
