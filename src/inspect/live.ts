// What the live server says beyond its snapshot: breaker states and, from
// servers that report it, whether each credential reference is present
// there. Parsed defensively from GET /v1/status: an older server without
// `credentials` leaves presence unknown rather than guessed.
import type { Snapshot } from '../generated/types.js';
import type { BreakerRecord } from '../runtime/types.js';

export type Presence = 'present' | 'missing' | 'unknown';
export type LiveBreakerState = 'closed' | 'open' | 'half-open';

/** Where credential presence came from: the server's own report, derived from its resolver, or nowhere. */
export type PresenceSource = 'server' | 'derived' | 'none';

export interface LiveStatus {
  /** sourceId → breaker state, for every source the server reports as not plainly closed. */
  breakers: Record<string, LiveBreakerState>;
  /** The same breakers as the runtime carries them across a swap, so a local resolver can order attempts as the server does. */
  records: BreakerRecord[];
  /** provider → binding → present, when known. */
  credentials: Record<string, Record<string, boolean>> | null;
  presenceSource: PresenceSource;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The parts of a /v1/status body inspect reads; anything malformed is left out. */
export function parseStatus(body: unknown): LiveStatus {
  const breakers: Record<string, LiveBreakerState> = {};
  const records: BreakerRecord[] = [];
  const list = isObject(body) && Array.isArray(body['breakers']) ? body['breakers'] : [];
  for (const b of list) {
    if (!isObject(b) || typeof b['sourceId'] !== 'string') continue;
    const state = b['state'];
    if (state !== 'open' && state !== 'half-open' && state !== 'closed') continue;
    breakers[b['sourceId']] = state;
    const num = (k: string) => (typeof b[k] === 'number' ? (b[k] as number) : 0);
    if (state !== 'closed') records.push({ sourceId: b['sourceId'], failures: num('consecutiveFailures'), tripped: true, openUntil: num('openUntil'), cooldownSeconds: num('cooldownSeconds') });
  }
  const raw = isObject(body) ? body['credentials'] : undefined;
  if (!isObject(raw)) return { breakers, records, credentials: null, presenceSource: 'none' };
  const credentials: Record<string, Record<string, boolean>> = {};
  for (const [provider, bindings] of Object.entries(raw)) {
    if (!isObject(bindings)) continue;
    const out: Record<string, boolean> = {};
    for (const [binding, entry] of Object.entries(bindings)) if (isObject(entry) && typeof entry['present'] === 'boolean') out[binding] = entry['present'];
    credentials[provider] = out;
  }
  return { breakers, records, credentials, presenceSource: 'server' };
}

/** Minimal shape of a resolve answer, as POST /v1/resolve returns it. */
export type ResolveAnswer = { ok: true; attempts: { sourceId: string }[] } | { ok: false; error: { code: string } };

/**
 * Presence derived from the server's resolver, for servers that do not report
 * it: a source is in the route table (so in a resolve's attempts, or in the
 * breaker list) only when its credential is present there; a model whose
 * answer is `no-route` has none present. Bindings no answer speaks for stay unknown.
 */
export function presenceFromResolves(snapshot: Snapshot, answers: Record<string, ResolveAnswer>, breakers: Record<string, LiveBreakerState>): Record<string, Record<string, boolean>> {
  const out: Record<string, Record<string, boolean>> = {};
  const set = (provider: string, binding: string, present: boolean) => {
    const p = (out[provider] ??= {});
    p[binding] = (p[binding] ?? false) || present;
  };
  for (const [name, m] of Object.entries(snapshot.models)) {
    const answer = answers[name];
    if (!m || !answer) continue;
    if (!answer.ok && answer.error.code !== 'no-route') continue;
    const routed = new Set(answer.ok ? answer.attempts.map((a) => a.sourceId) : []);
    for (const s of m.sources) if (s.status === 'active') set(s.provider, s.binding, routed.has(s.id) || s.id in breakers);
  }
  return out;
}

export function presenceOf(live: LiveStatus | null, provider: string, binding: string): Presence {
  const known = live?.credentials?.[provider]?.[binding];
  return known === undefined ? 'unknown' : known ? 'present' : 'missing';
}

export function breakerOf(live: LiveStatus | null, sourceId: string): LiveBreakerState | null {
  if (!live) return null;
  return live.breakers[sourceId] ?? 'closed';
}
