// explain, with what only a live server knows: its breaker states and which
// credentials are present there. The runtime's explain() runs on a resolver
// built with the server's presence and carrying its breakers, so the
// attempt order shown is the order the server would use (ties drawn with
// random 0, as explain always does).
import type { Snapshot } from '../generated/types.js';
import { explain, type ExplainRequest, type Explanation, type RouteExplanation } from '../runtime/explain.js';
import type { Resolver } from '../runtime/types.js';
import { presenceOptions } from './access.js';
import { breakerOf, presenceOf, type LiveBreakerState, type LiveStatus, type Presence } from './live.js';
import { refText } from './text.js';

export interface LiveRoute extends RouteExplanation {
  provider: string;
  binding: string;
  /** `env NAME` or `file PATH`. */
  credential: string;
  /** On the server; `unknown` when it does not report presence (or for a catalog read from git). */
  presence: Presence;
  /** On the server; null for a catalog read from git. */
  breaker: LiveBreakerState | null;
}

export interface InspectExplanation extends Explanation {
  /** Where presence came from: the server's report, derived from its resolver, or nowhere (git or an older server). */
  live: { presence: LiveStatus['presenceSource']; breakers: boolean } | null;
  routes?: LiveRoute[];
  /** Of the resolved model: list prices and the native tools it offers. */
  model?: { pricing: Record<string, number>; nativeTools: string[]; collections: string[] };
}

export function explainLive(s: Snapshot, req: ExplainRequest, live: LiveStatus | null, base: { env: Record<string, string | undefined>; fileExists: (p: string) => boolean }, now: number): InspectExplanation {
  const previous = live ? ({ breakerState: () => live.records } as unknown as Resolver) : undefined;
  const opts = live ? { ...presenceOptions(s, live), previous, now: () => now } : base;
  const e = explain(s, req, opts);
  const { routes, ...rest } = e;
  const out: InspectExplanation = { ...rest, live: live ? { presence: live.presenceSource, breakers: true } : null };
  if (e.result?.ok) {
    const name = e.result.model;
    const m = s.models[name]!;
    const byId = new Map(m.sources.map((src) => [src.id, src]));
    out.routes = (routes ?? []).map((r) => {
      const src = byId.get(r.sourceId)!;
      return { ...r, provider: src.provider, binding: src.binding, credential: refText(src.credential), presence: presenceOf(live, src.provider, src.binding), breaker: breakerOf(live, r.sourceId) };
    });
    const collections = Object.entries(s.collections).filter(([, c]) => c?.models.includes(name)).map(([c]) => c).sort();
    out.model = { pricing: { ...e.result.pricing }, nativeTools: [...m.nativeTools], collections };
  }
  return out;
}
