// explain: why a user sees what they see (for `modelctl explain`). Pure data:
// the visible catalog, every hidden model and tier with its reasons, and —
// when a target is named — the resolve result plus how its sources are routed.
import { allows } from './availability.js';
import { onEntryPoint, userVerdict, Verdict } from './eligibility.js';
import { buildIndex, type SnapshotIndex, type TierIndex } from './indexes.js';
import type { ModelIndex } from './model-index.js';
import { createResolver } from './resolver.js';
import type { CatalogRequest, CatalogResult, ResolveRequest, ResolveResult, ResolverOptions, Snapshot } from './types.js';

export type HiddenReason = 'inactive' | 'internal' | 'not-available-to-groups' | 'entry-point' | 'no-active-source' | 'no-credentials';
export type TierHiddenReason = 'entry-point' | 'not-available-to-groups' | 'no-eligible-model';

/** `reason` is the first of `reasons`, all of which apply. */
export interface HiddenModel { name: string; reason: HiddenReason; reasons: HiddenReason[] }
export interface HiddenTier { name: string; reason: TierHiddenReason; reasons: TierHiddenReason[] }

export interface RouteExplanation {
  sourceId: string;
  priority: number;
  weight: number;
  /** Share of first attempts within its priority class (0 for drained). */
  share: number;
  state: 'routable' | 'drained' | 'inactive' | 'no-credentials';
}

export type ExplainRequest = CatalogRequest & Pick<ResolveRequest, 'model' | 'tier' | 'task' | 'tools' | 'requires'>;

export interface Explanation {
  version: string;
  entryPoint: string;
  groups: { requested: string[]; matched: { spelling: string; group: string }[]; unknown: string[] };
  catalog: CatalogResult;
  hidden: { models: HiddenModel[]; tiers: HiddenTier[] };
  /** Present when the request names a model, tier or task. */
  result?: ResolveResult;
  routes?: RouteExplanation[];
}

function modelReasons(m: ModelIndex, req: CatalogRequest): HiddenReason[] {
  const out: HiddenReason[] = [];
  if (!m.active) out.push('inactive');
  if (!m.isPublic) out.push('internal');
  if (!allows(m.access, req.groups)) out.push('not-available-to-groups');
  if (!onEntryPoint(m, req.entryPoint)) out.push('entry-point');
  if (m.activeSourceCount === 0) out.push('no-active-source');
  else if (m.routeCount === 0) out.push('no-credentials');
  return out;
}

function tierReasons(t: TierIndex, req: CatalogRequest): TierHiddenReason[] {
  const out: TierHiddenReason[] = [];
  if (!t.entryPoints.has(req.entryPoint)) out.push('entry-point');
  if (!allows(t.access, req.groups)) out.push('not-available-to-groups');
  if (!t.models.some((m) => userVerdict(m, req) === Verdict.Ok)) out.push('no-eligible-model');
  return out;
}

function routes(ix: SnapshotIndex, name: string): RouteExplanation[] {
  const m = ix.models.get(name);
  if (!m) return [];
  const { attempts, weights } = ix.routes;
  const routable = new Map<string, { share: number }>();
  let start = m.routeStart;
  for (const end of m.classEnds) {
    const total = weights.slice(start, end).reduce((t, w) => t + w, 0);
    for (let s = start; s < end; s++) routable.set(attempts[s]!.sourceId, { share: weights[s]! / total });
    start = end;
  }
  for (let s = m.usableEnd; s < m.routeEnd; s++) routable.set(attempts[s]!.sourceId, { share: 0 });
  return m.model.sources.map((s) => ({
    sourceId: s.id,
    priority: s.priority,
    weight: s.weight,
    share: routable.get(s.id)?.share ?? 0,
    state: s.status === 'inactive' ? 'inactive' : !routable.has(s.id) ? 'no-credentials' : s.weight === 0 ? 'drained' : 'routable',
  }));
}

const present = <T>(pairs: [string, T[]][]): { name: string; reasons: T[] }[] =>
  pairs.filter(([, reasons]) => reasons.length > 0).map(([name, reasons]) => ({ name, reasons }));

/**
 * Explains one audience's view of a snapshot. `opts` are the resolver
 * options (env, fileExists, …); `random` defaults to 0 so the attempt order
 * shown is reproducible (each draw takes the first remaining source).
 */
export function explain(snapshot: Snapshot, req: ExplainRequest, opts: ResolverOptions = {}): Explanation {
  const ix = buildIndex(snapshot, opts);
  const resolver = createResolver(snapshot, { random: () => 0, ...opts });
  const matched = req.groups.flatMap((spelling) => {
    const group = ix.groupLookup.get(spelling);
    return group === undefined ? [] : [{ spelling, group }];
  });
  const out: Explanation = {
    version: snapshot.version,
    entryPoint: req.entryPoint,
    groups: { requested: [...req.groups], matched, unknown: req.groups.filter((g) => !ix.groupLookup.has(g)) },
    catalog: resolver.catalog(req),
    hidden: {
      models: present([...ix.models.values()].map((m) => [m.name, modelReasons(m, req)])).map((h) => ({ ...h, reason: h.reasons[0]! })),
      tiers: present([...ix.tiers.values()].map((t) => [t.name, tierReasons(t, req)])).map((h) => ({ ...h, reason: h.reasons[0]! })),
    },
  };
  if (req.model !== undefined || req.tier !== undefined || req.task !== undefined) {
    out.result = resolver.resolve(req);
    if (out.result.ok) out.routes = routes(ix, out.result.model);
  }
  return out;
}
