// A replica's half of `serve --follow`: keeps the live snapshot equal to the
// source's. Every sync reads the source's live document, checks it with the
// server's verifier (schema, version hash and, with --verify-key, the
// signature), refuses it when its content is not the version the source
// claims, and otherwise commits it like a push (persisted in --state-dir
// before the swap, so a restart while the source is down boots from it).
// A refused or unreadable document changes nothing: the replica keeps serving
// its last good snapshot and says why in /v1/status.
//
// Syncs run on every announcement, on every (re)connection, after a failure
// with backoff, and on a timer (--follow-interval), which catches a missed
// announcement. They never overlap: a request during one runs once after it.
//
// Up to date means: the last check of the source succeeded, the source's live
// version is the one served here, and the change feed is connected (without
// it, a change could go unseen until the next timed check).
// Lag (seconds) is 0 while up to date; otherwise the time since the replica
// stopped being up to date — since it learned of a version it has not applied,
// lost the source, or started — so it bounds how stale the answers may be.
//
// Signed serials: a follow swap is not held to the push replay rule, because
// the source may legitimately make an older signed snapshot live (a rollback
// there). The signature still has to be the verify key's, so only documents
// that were signed, hence reviewed, are ever served; the source's own
// authentication (Redis AUTH/ACL, the primary's admin token and replay rule)
// decides which of them is live. The highest serial seen is still recorded
// (the state directory stays right if this server is ever made a primary),
// and going below it is logged as a warning.
import { redactUrl } from '../../io/redact-url.js';
import { commit } from '../commit.js';
import type { ServerContext } from '../context.js';
import type { FollowedDocument, FollowSource } from '../../io/follow-source.js';

export interface FollowOptions {
  source: FollowSource;
  /** The timed version check that catches a missed announcement; default 5 s. */
  checkIntervalMs?: number;
  /** Bound on one read of the source; default 10 s. */
  timeoutMs?: number;
  /** First retry after a failed sync; doubles up to checkIntervalMs. Default 250 ms. */
  backoffMs?: number;
}

export interface FollowStatus {
  source: string;
  kind: FollowSource['kind'];
  upToDate: boolean;
  /** The version served here. */
  version: string | null;
  /** The version the source last reported live (null before the first answer, or when it holds none). */
  sourceVersion: string | null;
  lagSeconds: number;
  connected: boolean;
  /** The last time a check of the source succeeded. */
  lastSyncAt: string | null;
  /** The last time a followed version was made live here. */
  lastAppliedAt: string | null;
  /** What keeps the replica from being up to date now; null when it is. */
  lastError: { message: string; at: string } | null;
  checkIntervalSeconds: number;
  fetches: FollowFetches;
}

export interface FollowMetricsView {
  kind: FollowSource['kind'];
  upToDate: boolean;
  lagSeconds: number;
  lastSyncAt: number | null;
  applied: number;
  refused: number;
  fetches: FollowFetches;
}

/** How the documents checked here (each new one the source held) arrived: read whole, rebuilt from a patch, or a patch that did not give the live document (then read whole too). */
export interface FollowFetches {
  whole: number;
  patch: number;
  patchUnusable: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Whether `text` is exactly the bytes served: the same version with other bytes is checked again, not trusted. */
const bytesOf = (d: Uint8Array | string): Uint8Array => (typeof d === 'string' ? Buffer.from(d, 'utf8') : d);
/** Whether two documents are the same bytes (a source may hand over text or bytes). */
const sameBytes = (a: Uint8Array | string, b: Uint8Array | string): boolean => a === b || Buffer.from(bytesOf(a)).equals(bytesOf(b));

export class Follower {
  readonly description: string;
  private readonly checkIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly backoffMs: number;
  private readonly stopping = new AbortController();
  private stopWatch: (() => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** A sync was asked for while one ran; `againFull` when any of those asks wanted the document read. */
  private again = false;
  private againFull = false;
  private failures = 0;

  private connected = false;
  private lastCheckOk = false;
  private sourceVersion: string | null = null;
  private lastSyncAt: number | null = null;
  private lastAppliedAt: number | null = null;
  private error: { message: string; at: number } | null = null;
  /** The last document refused, so a timed check does not verify (and log) it again. */
  private refused: FollowedDocument | null = null;
  /** Other bytes of the version served (an envelope signed anew) that passed the check: not checked again. */
  private equivalent: FollowedDocument | null = null;
  /** Since when the replica has not been up to date; null while it is. */
  private behindSince: number | null = Date.now();
  /** Problems already logged since the replica was last up to date: each is logged once, not on every retry. */
  private readonly logged = new Set<string>();
  private appliedCount = 0;
  private refusedCount = 0;
  private readonly fetches: FollowFetches = { whole: 0, patch: 0, patchUnusable: 0 };
  /** The version whose patch last did not give the live document: logged once. */
  private unusablePatch: string | null = null;

  constructor(
    private readonly ctx: ServerContext,
    private readonly source: FollowSource,
    opts: Omit<FollowOptions, 'source'> = {},
  ) {
    this.description = source.description;
    this.checkIntervalMs = opts.checkIntervalMs ?? 5_000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.backoffMs = Math.min(opts.backoffMs ?? 250, this.checkIntervalMs);
  }

  start(): void {
    this.stopWatch = this.source.watch({
      onChange: (version) => {
        this.sourceVersion = version;
        this.refresh();
        this.request();
      },
      onConnected: () => {
        this.connected = true;
        this.ctx.log({ level: 'info', msg: 'follow: connected', source: this.description });
        this.request();
      },
      onError: (err) => {
        this.connected = false;
        this.fail(`the change feed failed: ${err.message}`);
      },
    });
    this.timer = setInterval(() => this.request(false), this.checkIntervalMs);
    this.timer.unref();
    this.request();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.timer) clearInterval(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.stopWatch?.().catch(() => undefined);
    await this.running;
    await this.source.close().catch(() => undefined);
  }

  status(): FollowStatus {
    const now = Date.now();
    const upToDate = this.behindSince === null;
    return {
      source: this.description,
      kind: this.source.kind,
      upToDate,
      version: this.ctx.live.current?.version ?? null,
      sourceVersion: this.sourceVersion,
      lagSeconds: this.lag(now),
      connected: this.connected,
      lastSyncAt: iso(this.lastSyncAt),
      lastAppliedAt: iso(this.lastAppliedAt),
      lastError: this.error ? { message: this.error.message, at: new Date(this.error.at).toISOString() } : null,
      checkIntervalSeconds: this.checkIntervalMs / 1000,
      fetches: { ...this.fetches },
    };
  }

  metricsView(): FollowMetricsView {
    return { kind: this.source.kind, upToDate: this.behindSince === null, lagSeconds: this.lag(Date.now()), lastSyncAt: this.lastSyncAt, applied: this.appliedCount, refused: this.refusedCount, fetches: { ...this.fetches } };
  }

  private lag(now: number): number {
    return this.behindSince === null ? 0 : Math.max(0, now - this.behindSince) / 1000;
  }

  /** Up to date only when checked, connected, unrefused and serving the source's version. */
  private refresh(): void {
    const live = this.ctx.live.current?.version ?? null;
    const upToDate = this.connected && this.lastCheckOk && this.refused === null && this.sourceVersion === live;
    if (upToDate) {
      // Logged on recovery only: after a plain apply, 'follow: applied' says it.
      if (this.error !== null) this.ctx.log({ level: 'info', msg: 'follow: up to date again', source: this.description, version: live });
      this.behindSince = null;
      this.error = null;
      this.logged.clear();
    } else {
      this.behindSince ??= Date.now();
    }
  }

  /** Records what keeps the replica behind; logged when it is news, not on every retry. */
  private fail(message: string, log = true): void {
    const clean = redactUrl(message);
    this.error = { message: clean, at: Date.now() };
    // Bounded: an outage whose messages vary must not grow this set (or the log) without end.
    if (log && !this.logged.has(clean) && this.logged.size < 20) {
      this.logged.add(clean);
      this.ctx.log({ level: 'warn', msg: 'follow: not up to date', source: this.description, error: clean, serving: this.ctx.live.current?.version ?? null });
    }
    this.refresh();
  }

  /**
   * Asks for a sync: now, or once the running one ends. `full` false (the
   * timed check) may stop at the version when the source can tell it alone.
   */
  private request(full = true): void {
    if (this.stopping.signal.aborted) return;
    if (this.running) {
      this.again = true;
      this.againFull ||= full;
      return;
    }
    this.running = this.sync(full)
      .catch((err: Error) => this.fail(`sync failed: ${err.message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          const nextFull = this.againFull;
          this.again = false;
          this.againFull = false;
          this.request(nextFull);
        }
      });
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.stopping.signal.aborted) return;
    const delay = Math.min(this.checkIntervalMs, this.backoffMs * 2 ** Math.min(this.failures - 1, 20));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.request();
    }, delay / 2 + (Math.random() * delay) / 2);
    this.retryTimer.unref();
  }

  /** `whole`: read the document itself, not a patch from what is served (after a patch that did not give it). */
  private async sync(full: boolean, whole = false): Promise<void> {
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.timeoutMs)]);
    let doc: FollowedDocument | null;
    try {
      const live = this.ctx.live.current;
      // The timed check of a replica in step: the version tells enough, where the source can give it alone.
      if (!full && live && this.refused === null && this.source.fetchLiveVersion && (await this.source.fetchLiveVersion(signal)) === live.version) {
        this.checked(live.version);
        return this.refresh();
      }
      doc = await this.source.fetchLive(signal, live && !whole ? { version: live.version, bytes: live.bytes } : undefined);
    } catch (err) {
      if (this.stopping.signal.aborted) return;
      this.lastCheckOk = false;
      this.failures++;
      this.fail(`cannot read the source: ${(err as Error).message}`);
      this.scheduleRetry();
      return;
    }
    this.checked(doc?.version ?? null);
    const live = this.ctx.live.current;
    if (doc === null) {
      this.refused = null;
      if (live) return this.fail('the source holds no snapshot; serving the last good one');
      return this.refresh();
    }
    const same = this.equivalent !== null && this.equivalent.version === doc.version && sameBytes(this.equivalent.document, doc.document);
    if (live && doc.version === live.version && (same || sameBytes(live.bytes, doc.document))) {
      this.refused = null;
      return this.refresh();
    }
    if (this.refused && this.refused.version === doc.version && sameBytes(this.refused.document, doc.document)) return this.refresh();
    await this.take(doc);
  }

  /** A read of the source succeeded: it holds `version`. */
  private checked(version: string | null): void {
    this.failures = 0;
    this.lastCheckOk = true;
    this.lastSyncAt = Date.now();
    this.sourceVersion = version;
  }

  /** Checks a document the source holds and makes it live, or refuses it. */
  private async take(doc: FollowedDocument): Promise<void> {
    const started = Date.now();
    this.fetches[doc.patched ? 'patch' : 'whole']++;
    const checked = await this.ctx.verifier.check(doc.document, this.ctx.live.current?.basis);
    if (doc.patched && (!checked.ok || checked.snapshot.version !== doc.version)) {
      // The patch (changed by hand, or made from other bytes of the version served) did not give the live document: read it whole, and judge that.
      this.fetches.patchUnusable++;
      // Once per version: a timed check that meets the same patch again (its document refused too) reads it again, but says nothing new.
      if (this.unusablePatch !== doc.version) this.ctx.log({ level: 'warn', msg: 'follow: a patch did not give the live document; reading it whole', source: this.description, claimed: doc.version });
      this.unusablePatch = doc.version;
      return this.sync(true, true);
    }
    if (!checked.ok) {
      const why = checked.code === 'signature' ? 'it is not signed by the verify key' : 'it is not a valid snapshot';
      return this.refuse(doc, `refused version ${doc.version} from the source: ${why}`, checked.code, checked.errors);
    }
    if (checked.snapshot.version !== doc.version) {
      return this.refuse(doc, `refused the document the source calls ${doc.version}: its content is ${checked.snapshot.version}`, 'version-mismatch', []);
    }
    this.refused = null;
    const newest = this.ctx.serials.newest;
    if (checked.serial !== undefined && newest !== null && checked.serial < newest) {
      this.ctx.log({ level: 'warn', msg: 'follow: the source made an older signed serial live (a rollback there)', source: this.description, version: doc.version, serial: checked.serial, newestSerial: newest });
    }
    // Same content as served, other bytes (an envelope signed anew): keep what is live.
    if (this.ctx.live.current?.version === doc.version) {
      this.equivalent = doc;
      return this.refresh();
    }
    const result = await commit(this.ctx, checked.snapshot, checked.bytes, () => true, { kind: 'follow', serial: checked.serial, basis: checked.basis });
    if (result.status !== 'ok') return this.fail(`could not apply ${doc.version}: ${result.status}`);
    this.lastAppliedAt = Date.now();
    this.appliedCount++;
    this.ctx.log({ level: 'info', msg: 'follow: applied', source: this.description, version: result.version, previous: result.previous, ms: Date.now() - started, ...(checked.serial !== undefined ? { serial: checked.serial } : {}) });
    this.refresh();
  }

  private refuse(doc: FollowedDocument, message: string, code: string, errors: string[]): void {
    this.refused = doc;
    this.refusedCount++;
    // The errors name paths and rules in the snapshot, which holds credential references, never values.
    this.ctx.log({ level: 'error', msg: 'follow: document refused', source: this.description, claimed: doc.version, code, errors: errors.slice(0, 5), serving: this.ctx.live.current?.version ?? null });
    this.fail(message, false);
  }
}
