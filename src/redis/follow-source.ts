// `serve --follow redis://…`: a replica follows the store that `apply
// --target redis://…` writes (key layout in store.ts).
//
// - fetchLive reads `{key}:live` (version and document, in one atomic
//   script, the size checked before the document is sent) over its own
//   connection. Given the version the replica holds, the script sends the
//   patch from it instead, when the apply left one (store.ts): a few
//   kilobytes instead of the whole document, rebuilt here and checked by the
//   follower like any document. That connection reconnects in the
//   background with backoff, but a command never waits in an offline queue:
//   while Redis is down, fetchLive waits at most `timeoutMs` for the
//   connection to come back, then rejects. It also rejects when the signal
//   aborts.
// - watch SUBSCRIBEs to `{key}:events` on a second connection (a subscribed
//   connection can run nothing else). After every (re)connect it subscribes
//   again and, once Redis has confirmed the subscription, calls onConnected,
//   so the follower's re-check cannot fall in a gap before the subscription.
//   Each announced version goes to onChange (messages that are not a version
//   are dropped: they are not modelctl's). onError gets every failed connect
//   attempt and the loss of an established connection; reconnecting goes on
//   with backoff (backoffMs doubling to maxBackoffMs, with jitter) until the
//   returned stop function is called.
// The password never appears in `description` or in any error.
import { Redis } from 'ioredis';
import type { FollowedDocument, FollowSource, FollowWatchHandlers, HeldDocument } from '../io/follow-source.js';
import { applyPatch } from '../snapshot-bytes/patch.js';
import { cleanText } from '../io/apply-meta.js';
import { baseOptions, closeClient, describeError, isAuthError, redisError, type ScriptedRedis } from './client.js';
import { parseRedisSpec, redisKeys, type RedisKeys, type RedisSpec } from './spec.js';
import { VERSION_PATTERN } from './store.js';

export interface RedisFollowOptions {
  /** TLS even for a redis:// URL (`--redis-tls`). */
  tls?: boolean;
  /** Bound on connecting and on each read (ms); default 5 s. */
  timeoutMs?: number;
  /** First reconnect delay (ms); doubles up to maxBackoffMs, with jitter. Default 100 ms. */
  backoffMs?: number;
  /** Default 2 s. */
  maxBackoffMs?: number;
  /** Largest document fetched (bytes); default 256 MiB, the server's own push limit (serve passes its --max-body-bytes). A larger one is refused before it is sent. */
  maxBytes?: number;
}

export class RedisFollowSource implements FollowSource {
  readonly kind = 'redis' as const;
  readonly description: string;
  private readonly keys: RedisKeys;
  private readonly timeoutMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxBytes: number;
  private command: ScriptedRedis | undefined;
  /** Why the command connection last failed, for fetchLive's error. */
  private lastError: unknown;
  private readonly watchers = new Set<() => Promise<void>>();

  constructor(
    private readonly spec: RedisSpec,
    opts: RedisFollowOptions = {},
  ) {
    this.description = spec.description;
    this.keys = redisKeys(spec.key);
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.backoffMs = opts.backoffMs ?? 100;
    this.maxBackoffMs = Math.max(this.backoffMs, opts.maxBackoffMs ?? 2000);
    this.maxBytes = opts.maxBytes ?? 256 * 1024 * 1024;
  }

  private readonly retry = (times: number): number => {
    const delay = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** Math.min(times - 1, 20));
    return Math.round(delay / 2 + (Math.random() * delay) / 2);
  };

  /** A long-lived client: reconnects forever with backoff, never queues a command while down. */
  private client(name: string): Redis {
    return new Redis({
      ...baseOptions(this.spec, name),
      connectTimeout: this.timeoutMs,
      commandTimeout: this.timeoutMs,
      retryStrategy: this.retry,
      // A command in flight when the connection drops fails at once instead of waiting for a reconnect.
      maxRetriesPerRequest: 0,
      autoResubscribe: false,
    });
  }

  private commandClient(): ScriptedRedis {
    if (!this.command) {
      const c = this.client('modelctl-follow') as ScriptedRedis;
      c.on('error', (err) => void (this.lastError = err));
      c.on('ready', () => void (this.lastError = undefined));
      c.connect().catch(() => {
        // reconnects on its own; fetchLive reports why it is not ready
      });
      this.command = c;
    }
    return this.command;
  }

  /** Resolves once the client is ready; rejects after timeoutMs or on abort, with the last connection error. */
  private ready(c: Redis, signal: AbortSignal): Promise<void> {
    if (c.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (err?: Error) => {
        clearTimeout(timer);
        c.off('ready', onReady);
        signal.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      const onReady = () => finish();
      const onAbort = () => finish(new Error(`reading ${this.description}: aborted`));
      const timer = setTimeout(() => {
        const last = this.lastError;
        if (isAuthError(last)) return finish(redisError(last, this.spec, 'the credentials'));
        const why = last === undefined ? `not connected within ${this.timeoutMs} ms` : describeError(last, this.spec);
        finish(new Error(`cannot reach Redis at ${this.description}: ${why}`));
      }, this.timeoutMs);
      c.once('ready', onReady);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  async fetchLive(signal: AbortSignal, held?: HeldDocument): Promise<FollowedDocument | null> {
    const c = this.commandClient();
    await this.ready(c, signal);
    // As Buffers: the document goes to the checks as the bytes Redis holds, never decoded and encoded again.
    const reply = await abortable(
      c.modelctlReadLiveBuffer(this.keys.live, String(this.maxBytes), held?.version ?? '').catch((err: unknown) => {
        throw redisError(err, this.spec, `reading ${this.keys.live}`);
      }),
      signal,
      () => new Error(`reading ${this.description}: aborted`),
    );
    const status = reply[0].toString();
    if (status === 'none') return null;
    if (status === 'too-large') {
      throw new Error(`${this.keys.live} at ${this.description} holds a ${Number(reply[1])}-byte document, over this replica's limit of ${this.maxBytes} bytes`);
    }
    const [, versionBytes, document] = reply as [Buffer, Buffer | null, Buffer | null, Buffer | null, Buffer | null];
    const version = versionBytes === null ? null : versionBytes.toString('utf8');
    if (status === 'patch' && held && version !== null && document !== null) {
      const rebuilt = applyPatch(held.bytes, document, this.maxBytes);
      // Not a patch of what this replica holds (its bytes of that version differ, or the patch was changed by hand): read the document whole.
      if (rebuilt === null) return this.fetchLive(signal);
      return { version: cleanText(version, 100) ?? '(blank)', document: rebuilt, patched: true };
    }
    if (version === null || document === null) {
      throw new Error(`${this.keys.live} at ${this.description} has no ${version === null ? 'version' : 'document'} field (changed by hand?)`);
    }
    // A version written by hand may hold anything: it is cleaned before anyone shows it (the follower refuses a mismatch anyway).
    return { version: cleanText(version, 100) ?? '(blank)', document };
  }

  /**
   * The live version alone, for the follower's timed check: one small HMGET
   * instead of moving the whole document (~15 MB at 10,000 models) every few
   * seconds on every replica. HMGET, not HGET: the least-privilege replica
   * ACL in the README grants it already.
   */
  async fetchLiveVersion(signal: AbortSignal): Promise<string | null> {
    const c = this.commandClient();
    await this.ready(c, signal);
    const [version] = await abortable(
      c.hmget(this.keys.live, 'version').catch((err: unknown) => {
        throw redisError(err, this.spec, `reading ${this.keys.live}`);
      }),
      signal,
      () => new Error(`reading ${this.description}: aborted`),
    );
    return version === null || version === undefined ? null : (cleanText(version, 100) ?? '(blank)');
  }

  watch(handlers: FollowWatchHandlers): () => Promise<void> {
    const sub = this.client('modelctl-follow-events');
    const channel = this.keys.events;
    let stopped = false;
    let subscribed = false;
    let retryTimer: NodeJS.Timeout | undefined;
    let attempt = 0;

    const report = (err: unknown) => {
      if (stopped) return;
      if (err instanceof Error && err.message.startsWith('Redis at ')) handlers.onError(err);
      else if (isAuthError(err)) handlers.onError(redisError(err, this.spec, 'the credentials'));
      else handlers.onError(new Error(`Redis at ${this.description}: ${describeError(err, this.spec)}`));
    };
    const subscribe = () => {
      if (stopped || sub.status !== 'ready') return;
      sub.subscribe(channel).then(
        () => {
          if (stopped) return;
          attempt = 0;
          subscribed = true;
          handlers.onConnected();
        },
        (err: unknown) => {
          // E.g. an ACL without the channel: say so, and try again later on this connection.
          report(redisError(err, this.spec, `SUBSCRIBE ${channel}`));
          retryTimer = setTimeout(subscribe, this.retry(++attempt));
        },
      );
    };
    sub.on('ready', subscribe);
    sub.on('message', (from: string, message: string) => {
      if (!stopped && from === channel && VERSION_PATTERN.test(message)) handlers.onChange(message);
    });
    sub.on('error', report);
    sub.on('close', () => {
      // A clean close (Redis shut down) emits no error: the follower must still learn it is cut off.
      if (subscribed) {
        subscribed = false;
        report(new Error(`Redis at ${this.description}: the connection closed; reconnecting`));
      }
    });
    sub.connect().catch(() => {
      // reconnects on its own; failures reach onError through 'error'
    });

    const stop = async () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(retryTimer);
      this.watchers.delete(stop);
      await closeClient(sub);
      sub.removeAllListeners();
      sub.on('error', () => {});
    };
    this.watchers.add(stop);
    return stop;
  }

  async close(): Promise<void> {
    await Promise.all([...this.watchers].map((stop) => stop()));
    const c = this.command;
    this.command = undefined;
    if (c) {
      await closeClient(c);
      c.removeAllListeners();
      c.on('error', () => {});
    }
  }
}

function abortable<T>(p: Promise<T>, signal: AbortSignal, reason: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(reason());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * The FollowSource for `serve --follow redis://[user:pass@]host:port/db?key=K`
 * (or rediss://). The password comes from the URL, else env REDIS_PASSWORD;
 * `opts.tls` turns TLS on for a redis:// URL. Throws RedisSpecError (from
 * ./spec.js; a usage error) on a bad spec, without echoing it. Opens no
 * connection until fetchLive or watch is called. See the header of this file
 * for the behaviour of fetchLive (bounded, never queued) and watch
 * (SUBSCRIBE on `{key}:events`, onConnected after each confirmed
 * subscription, reconnect with backoff).
 */
export function openRedisFollowSource(spec: string, env: Record<string, string | undefined>, opts: RedisFollowOptions = {}): RedisFollowSource {
  return new RedisFollowSource(parseRedisSpec(spec, { env, ...(opts.tls ? { tls: true } : {}) }), opts);
}
