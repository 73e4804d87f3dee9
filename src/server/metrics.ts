// Prometheus text exposition (format 0.0.4), written by hand: a few counters,
// one histogram, a few gauges. Route labels are route patterns, never raw
// paths, so label cardinality stays bounded.
import type { BreakerStatus } from '../runtime/index.js';
import type { FollowMetricsView } from './follow/follower.js';
import type { LastProbe } from './probes.js';

const BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

const label = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (pairs: Record<string, string>): string =>
  `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${label(v)}"`)
    .join(',')}}`;

export interface MetricsView {
  version: string | null;
  loadedAt: number | null;
  ready: boolean;
  breakers: readonly BreakerStatus[];
  /** Last background probe per source (serve --probe-interval). */
  probes?: readonly LastProbe[];
  /** A replica's sync state (serve --follow). */
  follow?: FollowMetricsView;
  /** How documents were checked since start (Verifier.counts). */
  checks?: { inline: number; worker: number; delta: number };
  /** How resolvers were built since start (ServerContext.resolverBuilds). */
  resolverBuilds?: { full: number; patched: number };
}

const PROBE_STATUSES = ['usable', 'error', 'timeout', 'unsupported', 'skipped'] as const;

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly pushes = new Map<string, number>();
  private readonly resolveResults = new Map<string, number>();
  private readonly authRefusals = new Map<string, number>();
  private readonly buckets = new Array<number>(BUCKETS.length).fill(0);
  private latencySum = 0;
  private latencyCount = 0;

  request(route: string, method: string, status: number): void {
    const key = `${route}\u0000${method}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  push(result: string): void {
    this.pushes.set(result, (this.pushes.get(result) ?? 0) + 1);
  }

  /** A refused authentication: role admin | gateway | reader, result missing | wrong | disabled | rate-limited. */
  auth(role: string, result: string): void {
    const key = `${role}\u0000${result}`;
    this.authRefusals.set(key, (this.authRefusals.get(key) ?? 0) + 1);
  }

  resolved(result: string, seconds: number): void {
    this.resolveResults.set(result, (this.resolveResults.get(result) ?? 0) + 1);
    this.latencySum += seconds;
    this.latencyCount++;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) this.buckets[i]!++;
  }

  render(view: MetricsView): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

    family('modelctl_http_requests_total', 'counter', 'HTTP requests by route, method and status code.');
    for (const [key, n] of [...this.requests].sort()) {
      const [route, method, status] = key.split('\u0000') as [string, string, string];
      out.push(`modelctl_http_requests_total${labels({ route, method, status })} ${n}`);
    }
    family('modelctl_resolve_duration_seconds', 'histogram', 'Time to answer POST /v1/resolve, body parsing included.');
    BUCKETS.forEach((le, i) => out.push(`modelctl_resolve_duration_seconds_bucket${labels({ le: String(le) })} ${this.buckets[i]}`));
    out.push(`modelctl_resolve_duration_seconds_bucket${labels({ le: '+Inf' })} ${this.latencyCount}`);
    out.push(`modelctl_resolve_duration_seconds_sum ${this.latencySum}`, `modelctl_resolve_duration_seconds_count ${this.latencyCount}`);
    family('modelctl_resolve_results_total', 'counter', 'Resolve answers by result: ok or the error code.');
    for (const [result, n] of [...this.resolveResults].sort()) out.push(`modelctl_resolve_results_total${labels({ result })} ${n}`);
    family('modelctl_snapshot_pushes_total', 'counter', 'Snapshot writes (PUT and rollback) by result.');
    for (const [result, n] of [...this.pushes].sort()) out.push(`modelctl_snapshot_pushes_total${labels({ result })} ${n}`);

    if (view.checks) {
      family('modelctl_snapshot_checks_total', 'counter', 'Checks of pushed, followed, rolled-back and kept documents by how they ran: whole on the event loop (inline), in the verify worker (worker), or by what changed from the live document (difference).');
      for (const [way, n] of [['difference', view.checks.delta], ['inline', view.checks.inline], ['worker', view.checks.worker]] as const) out.push(`modelctl_snapshot_checks_total${labels({ way })} ${n}`);
    }
    if (view.resolverBuilds) {
      family('modelctl_resolver_builds_total', 'counter', 'Resolvers built for a new live snapshot: over every model (full), or by patching the live resolver\'s index for a few changed models (patched).');
      for (const [way, n] of [['full', view.resolverBuilds.full], ['patched', view.resolverBuilds.patched]] as const) out.push(`modelctl_resolver_builds_total${labels({ way })} ${n}`);
    }

    family('modelctl_auth_refusals_total', 'counter', 'Refused authentications by role and result (missing, wrong, disabled, rate-limited).');
    for (const [key, n] of [...this.authRefusals].sort()) {
      const [role, result] = key.split('\u0000') as [string, string];
      out.push(`modelctl_auth_refusals_total${labels({ role, result })} ${n}`);
    }

    family('modelctl_snapshot_info', 'gauge', 'The live snapshot version (value always 1).');
    if (view.version) out.push(`modelctl_snapshot_info${labels({ version: view.version })} 1`);
    family('modelctl_snapshot_loaded_timestamp_seconds', 'gauge', 'When the live snapshot was loaded (Unix time).');
    if (view.loadedAt !== null) out.push(`modelctl_snapshot_loaded_timestamp_seconds ${view.loadedAt / 1000}`);
    family('modelctl_ready', 'gauge', '1 when a snapshot is loaded and requests are answered.');
    out.push(`modelctl_ready ${view.ready ? 1 : 0}`);
    family('modelctl_circuit_breaker_state', 'gauge', 'Sources whose circuit is not closed: 1 half-open, 2 open.');
    for (const b of view.breakers) {
      if (b.state !== 'closed') out.push(`modelctl_circuit_breaker_state${labels({ source: b.sourceId, state: b.state })} ${b.state === 'open' ? 2 : 1}`);
    }
    if (view.probes?.length) {
      // One series per source and status, 1 for the current one (the enum pattern), so `== 1` filters and alerts stay simple.
      family('modelctl_probe_result', 'gauge', 'Last background probe of each source: 1 on the series of its outcome (usable, error, timeout, unsupported, skipped), else 0.');
      for (const p of view.probes)
        for (const status of PROBE_STATUSES) out.push(`modelctl_probe_result${labels({ source: p.sourceId, model: p.model, provider: p.provider, status })} ${p.status === status ? 1 : 0}`);
      family('modelctl_probe_latency_seconds', 'gauge', 'Latency of the last background probe of each source: time to first byte and total.');
      for (const p of view.probes)
        if (p.latency)
          for (const [phase, ms] of [['ttfb', p.latency.ttfbMs], ['total', p.latency.totalMs]] as const) out.push(`modelctl_probe_latency_seconds${labels({ source: p.sourceId, provider: p.provider, phase })} ${ms / 1000}`);
    }
    if (view.follow) {
      const f = view.follow;
      const kind = labels({ kind: f.kind });
      family('modelctl_follow_up_to_date', 'gauge', '1 when this replica serves the version its source holds, its last check succeeded and its change feed is connected.');
      out.push(`modelctl_follow_up_to_date${kind} ${f.upToDate ? 1 : 0}`);
      family('modelctl_follow_lag_seconds', 'gauge', 'Seconds since this replica stopped being up to date (it learned of a version it has not applied, lost its source, or started); 0 while up to date.');
      out.push(`modelctl_follow_lag_seconds${kind} ${f.lagSeconds}`);
      family('modelctl_follow_last_sync_timestamp_seconds', 'gauge', 'When a check of the source last succeeded (Unix time).');
      if (f.lastSyncAt !== null) out.push(`modelctl_follow_last_sync_timestamp_seconds${kind} ${f.lastSyncAt / 1000}`);
      family('modelctl_follow_applied_total', 'counter', 'Versions taken from the source and made live.');
      out.push(`modelctl_follow_applied_total${kind} ${f.applied}`);
      family('modelctl_follow_refused_total', 'counter', 'Documents from the source refused (invalid, not signed by the verify key, or not the version the source claimed).');
      out.push(`modelctl_follow_refused_total${kind} ${f.refused}`);
      family('modelctl_follow_fetches_total', 'counter', 'New documents taken from the source and checked, by how they arrived: read whole, rebuilt from a patch of the version served (way="patch"); way="patch-unusable" counts patches that did not give the live document (it was then read whole).');
      for (const [way, n] of [['whole', f.fetches.whole], ['patch', f.fetches.patch], ['patch-unusable', f.fetches.patchUnusable]] as const) out.push(`modelctl_follow_fetches_total${labels({ kind: f.kind, way })} ${n}`);
    }
    return out.join('\n') + '\n';
  }
}
