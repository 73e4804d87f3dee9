// serve --probe-interval: the same probes as `modelctl test` (the basic check
// of every source of the live snapshot) on a timer, each outcome reported to
// the live resolver's circuit breakers — so a dead upstream is opened before
// a user's request finds it, and a recovered one is closed again. The last
// result per source is kept for /v1/status and /metrics.
import { runProbes, selectTargets, type ProbeStatus } from '../probe/index.js';
import type { LiveRef } from './live.js';
import type { Logger } from './log.js';

export interface ProbeOptions {
  intervalMs: number;
  /** Per request; default 20 s, never above the interval. */
  timeoutMs?: number;
  concurrency?: number;
  perProvider?: number;
  /** Where credential variables are read; default process.env. */
  env?: Record<string, string | undefined>;
}

export interface LastProbe {
  sourceId: string;
  model: string;
  provider: string;
  status: ProbeStatus;
  /** ISO time the probe finished. */
  checkedAt: string;
  httpStatus?: number;
  code?: string;
  message?: string;
  latency?: { ttfbMs: number; totalMs: number };
}

export class BackgroundProbes {
  private readonly last = new Map<string, LastProbe>();
  private timer: NodeJS.Timeout | undefined;
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  lastRunAt: string | null = null;

  constructor(
    private readonly live: LiveRef,
    private readonly opts: ProbeOptions,
    private readonly log: Logger,
  ) {}

  get intervalSeconds(): number {
    return this.opts.intervalMs / 1000;
  }

  start(): void {
    const tick = () => {
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        if (!this.stopping.signal.aborted) this.timer = setTimeout(tick, this.opts.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.timer);
    await this.running;
  }

  /** Results for the sources of the live snapshot, in its order. */
  results(): LastProbe[] {
    const live = this.live.current;
    if (!live) return [];
    return Object.values(live.snapshot.models).flatMap((m) => m.sources.map((s) => this.last.get(s.id)).filter((r): r is LastProbe => r !== undefined));
  }

  async runOnce(): Promise<void> {
    const started = this.live.current;
    if (!started) return;
    const targets = selectTargets(started.snapshot).targets;
    try {
      const report = await runProbes(targets, {
        env: this.opts.env ?? process.env,
        timeoutMs: Math.min(this.opts.timeoutMs ?? 20_000, this.opts.intervalMs),
        ...(this.opts.concurrency ? { concurrency: this.opts.concurrency } : {}),
        ...(this.opts.perProvider ? { perProvider: this.opts.perProvider } : {}),
        signal: this.stopping.signal,
      });
      if (this.stopping.signal.aborted) return;
      // Whatever resolver is live now takes the outcomes; ids it does not know are ignored.
      const resolver = this.live.current?.resolver;
      const checkedAt = new Date().toISOString();
      for (const m of report.models)
        for (const s of m.sources) {
          const basic = s.checks[0];
          this.last.set(s.id, {
            sourceId: s.id,
            model: s.model,
            provider: s.provider,
            status: s.status,
            checkedAt,
            ...(basic?.httpStatus !== undefined ? { httpStatus: basic.httpStatus } : {}),
            ...(basic?.code ? { code: basic.code } : {}),
            ...(basic?.message && s.status !== 'usable' ? { message: basic.message } : {}),
            ...(basic?.latency ? { latency: basic.latency } : {}),
          });
          // Skipped says nothing about the upstream; a missing credential here is not the upstream's failure either.
          if (s.status === 'skipped' || basic?.code === 'credential-missing') continue;
          resolver?.report(s.id, { ok: s.status === 'usable' });
        }
      this.lastRunAt = checkedAt;
      const failing = report.summary.sources - report.summary.usable - report.summary.skipped;
      this.log({ level: failing ? 'warn' : 'info', msg: 'probes', sources: report.summary.sources, usable: report.summary.usable, failing });
    } catch (err) {
      this.log({ level: 'error', msg: 'probes failed', error: (err as Error).message });
    }
  }
}
