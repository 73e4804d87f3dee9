// `modelctl test` and the server's background probes run here: every check
// of every target through one gate (bounded overall and per provider), each
// credential read once.
import type { Dispatcher } from 'undici';
import { readCredential } from './credential.js';
import { probeDispatcher } from './dispatcher.js';
import { Gate } from './gate.js';
import { probeCheck } from './probe.js';
import { assembleReport } from './report.js';
import { checksFor } from './select.js';
import type { CheckResult, ProbeReport, ProbeTarget } from './types.js';

export interface RunOptions {
  env: Record<string, string | undefined>;
  capabilities?: boolean;
  /** Probes in flight at once; default 4. */
  concurrency?: number;
  /** Probes in flight per provider account; default 4. */
  perProvider?: number;
  /** Per request, body included; default 20 s. */
  timeoutMs?: number;
  /** Longest Retry-After honoured; default 30 s. */
  maxRetryAfterMs?: number;
  /** Default: probeDispatcher(env), closed at the end. */
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, last: { sourceId: string; check: string; status: string }) => void;
}

export const DEFAULTS = { concurrency: 4, perProvider: 4, timeoutMs: 20_000, maxRetryAfterMs: 30_000 } as const;

export async function runProbes(targets: readonly ProbeTarget[], opts: RunOptions): Promise<ProbeReport> {
  const concurrency = opts.concurrency ?? DEFAULTS.concurrency;
  const owned = opts.dispatcher ? undefined : probeDispatcher(opts.env, { connections: concurrency });
  const dispatcher = opts.dispatcher ?? owned!;
  const gate = new Gate(concurrency, opts.perProvider ?? DEFAULTS.perProvider);
  const secrets = new Map<string, Promise<string | undefined>>();
  const secretOf = (t: ProbeTarget) => {
    const key = JSON.stringify(t.credential);
    if (!secrets.has(key)) secrets.set(key, readCredential(t.credential, opts.env));
    return secrets.get(key)!;
  };
  const ctx = { dispatcher, timeoutMs: opts.timeoutMs ?? DEFAULTS.timeoutMs, env: opts.env, maxRetryAfterMs: opts.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs, ...(opts.signal ? { signal: opts.signal } : {}) };

  const jobs = targets.flatMap((t) => checksFor(t, opts.capabilities === true).map((c) => ({ t, ...c })));
  let done = 0;
  const results = await Promise.all(
    jobs.map(async (job): Promise<CheckResult> => {
      const result: CheckResult = job.skip
        ? { check: job.check, status: 'skipped', message: job.skip, attempts: 0 }
        : await gate.run(job.t.provider, async () => probeCheck(job.t, job.check, await secretOf(job.t), ctx));
      opts.onProgress?.(++done, jobs.length, { sourceId: job.t.sourceId, check: job.check, status: result.status });
      return result;
    }),
  );
  await owned?.close();
  const bySource = new Map<string, CheckResult[]>();
  jobs.forEach((job, i) => bySource.set(job.t.sourceId, [...(bySource.get(job.t.sourceId) ?? []), results[i]!]));
  return assembleReport(targets, bySource);
}
