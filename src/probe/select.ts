// Which sources to probe, and with which checks: pure over the snapshot (and,
// for --changed, the plan against the live snapshot).
import type { Snapshot } from '../generated/types.js';
import type { Plan } from '../plan/index.js';
import { CAPABILITY_CHECKS, type ProbeCheck, type ProbeTarget } from './types.js';

export interface Selection {
  /** Platform model names; empty means all. */
  models?: readonly string[];
  /** Source ids; empty means all. */
  sources?: readonly string[];
  /** Only these source ids (from changedSources); undefined means no filter. */
  changed?: ReadonlySet<string>;
}

export interface Selected {
  targets: ProbeTarget[];
  /** Names given in --model / --source that the snapshot does not have. */
  unknown: string[];
}

export function selectTargets(snapshot: Snapshot, sel: Selection = {}): Selected {
  const models = new Set(sel.models ?? []);
  const sources = new Set(sel.sources ?? []);
  const seenSources = new Set<string>();
  const targets: ProbeTarget[] = [];
  for (const name of Object.keys(snapshot.models).sort()) {
    const m = snapshot.models[name]!;
    if (models.size && !models.has(name)) continue;
    for (const s of m.sources) {
      seenSources.add(s.id);
      if (sources.size && !sources.has(s.id)) continue;
      if (sel.changed && !sel.changed.has(s.id)) continue;
      const region = snapshot.providers[s.provider]?.region;
      targets.push({
        sourceId: s.id,
        model: name,
        purpose: m.purpose,
        capabilities: m.capabilities,
        provider: s.provider,
        providerType: s.providerType,
        upstreamModel: s.model,
        protocol: s.protocol,
        baseUrl: s.baseUrl,
        ...(region ? { region } : {}),
        credential: s.credential,
      });
    }
  }
  const unknown = [...[...models].filter((n) => !snapshot.models[n]), ...[...sources].filter((id) => !seenSources.has(id))];
  return { targets, unknown };
}

const SOURCE_FIELD = /^sources\[(.+?)\]/;

/**
 * The source ids of the desired snapshot that a plan creates or changes: every
 * source of a created model; of an updated model, the sources whose own fields
 * changed, or all of them when a model-level field changed (capabilities,
 * purpose, options… reach every route); every source of an updated provider
 * (base URL, credentials). Deletions leave nothing to test.
 */
export function changedSources(plan: Pick<Plan, 'changes'>, desired: Snapshot): Set<string> {
  const out = new Set<string>();
  const providers = new Set<string>();
  for (const change of plan.changes) {
    if (change.action === 'delete') continue;
    if (change.kind === 'provider') providers.add(change.name);
    if (change.kind !== 'model') continue;
    const model = desired.models[change.name];
    if (!model) continue;
    const all = model.sources.map((s) => s.id);
    if (change.action === 'create') all.forEach((id) => out.add(id));
    else
      for (const f of change.fields) {
        const hit = SOURCE_FIELD.exec(f.path);
        if (!hit) all.forEach((id) => out.add(id));
        else if (all.includes(hit[1]!)) out.add(hit[1]!);
      }
  }
  for (const m of Object.values(desired.models)) for (const s of m.sources) if (providers.has(s.provider)) out.add(s.id);
  return out;
}

/** Purposes a chat probe cannot check: generating media costs real money per call. */
const MEDIA_PURPOSES = new Set(['audio', 'image-generation', 'image-edit', 'video-generation']);

/** The checks for one target: basic, then one per claimed capability when asked. */
export function checksFor(target: ProbeTarget, withCapabilities: boolean): { check: ProbeCheck; skip?: string }[] {
  if (MEDIA_PURPOSES.has(target.purpose)) {
    return [{ check: 'basic', skip: `purpose ${target.purpose}: the cheapest request would generate media billed per output; not probed` }];
  }
  const checks: { check: ProbeCheck; skip?: string }[] = [{ check: 'basic' }];
  if (withCapabilities) for (const c of CAPABILITY_CHECKS) if (target.capabilities.includes(c)) checks.push({ check: c });
  return checks;
}
