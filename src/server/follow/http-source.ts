// `serve --follow http(s)://primary:8787`: a replica follows a primary
// `modelctl serve` over its long poll (design §7). `GET /v1/snapshot?wait=N`
// with `If-None-Match: "<the version last seen>"` is held by the primary until
// its live version differs (then 200, the document, `ETag: "<version>"`) or N
// seconds pass (304). The document a poll brings is handed to the follower's
// fetchLive that follows it (within FRESH_MS) without asking the primary
// again: the next poll, conditional on that version and sent at once, brings
// anything newer. A later fetchLive (the timed check) is one conditional GET,
// answered 304 while nothing changed, never a second transfer of the whole
// snapshot. Both ask for a patch from the version held (RFC 3229 delta
// encoding: `A-IM: modelctl-patch`); a primary that kept one from it answers
// 226 with the patch, a few kilobytes instead of the document, rebuilt here
// and checked by the follower like any document.
//
// Under --require-gateway-token the primary wants a token for reads: the
// replica sends MODELCTL_FOLLOW_TOKEN, else its MODELCTL_GATEWAY_TOKEN list in
// turn (the next one after a 401, for rotations). Neither a token nor the
// URL's user, password or query values appear in a description or an error.
import type { Dispatcher } from 'undici';
import { request } from '../../io/undici-lite.js';
import { proxyAgent, proxyFromEnv } from '../../apply/http-target.js';
import { readBodyCapped } from '../../io/body-collector.js';
import { redactText, redactUrl, secretsOf } from '../../io/redact-url.js';
import { parseTokenList } from '../auth.js';
import type { FollowedDocument, FollowSource, FollowWatchHandlers, HeldDocument } from '../../io/follow-source.js';
import { documentBuffer } from '../../io/buffers.js';
import { applyPatch, PATCH_IM } from '../../snapshot-bytes/patch.js';

export interface HttpFollowOptions {
  /** How long the primary holds a long poll; default 30 s (it caps this at its own --max-wait). */
  waitSeconds?: number;
  /** Bound on connecting and on each read (a poll adds waitSeconds to it); default 10 s. */
  timeoutMs?: number;
  /** First retry delay after a failed poll; doubles up to maxBackoffMs, with jitter. Default 250 ms. */
  backoffMs?: number;
  /** Default 5 s. */
  maxBackoffMs?: number;
  /** Largest document accepted; default 32 MiB (the server's own push limit). */
  maxBytes?: number;
}

/** What one GET of the snapshot brought. */
type Answer = { kind: 'document'; doc: FollowedDocument } | { kind: 'unchanged' } | { kind: 'none' };

/** How long a document the poll brought answers fetchLive as is: one per poll, for the sync its announcement starts. */
const FRESH_MS = 1000;

/** The pause after every configured token was refused (or there is none). */
const AUTH_HOLD_MS = 15_000;

/** An entity tag as RFC 9110 allows (etagc), so it can be sent back in If-None-Match as is. */
const ETAG = /^(?:W\/)?"([\x21\x23-\x7e]{1,200})"$/;

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

export class HttpFollowSource implements FollowSource {
  readonly kind = 'http' as const;
  readonly description: string;
  private readonly base: URL;
  private readonly agent: Dispatcher;
  private readonly secrets: string[];
  private readonly tokens: string[];
  private tokenIndex = 0;
  private readonly waitSeconds: number;
  private readonly timeoutMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxBytes: number;
  /** The newest document any request brought: answers a 304. */
  private held: FollowedDocument | null = null;
  /** What the poll brought last, and when: fetchLive's answer once, right after (FRESH_MS). */
  private fresh: { doc: FollowedDocument; at: number } | null = null;
  /**
   * After a 429, or a 401 with no other token to try: no request before this
   * time (the poll and the timed check alike), so a replica with a bad token
   * does not keep its address over the primary's failed-authentication budget.
   */
  private holdUntil = 0;
  private holdReason = '';

  constructor(spec: string, env: Record<string, string | undefined>, opts: HttpFollowOptions = {}) {
    const parsed = new URL(spec.endsWith('/') ? spec : spec + '/');
    const followToken = env['MODELCTL_FOLLOW_TOKEN']?.trim();
    this.tokens = followToken ? [followToken] : parseTokenList(env['MODELCTL_GATEWAY_TOKEN']);
    const proxy = proxyFromEnv(env);
    this.secrets = [...secretsOf(spec), ...secretsOf(proxy.httpProxy), ...secretsOf(proxy.httpsProxy), ...this.tokens.filter((t) => t.length >= 4)];
    // The URL's userinfo is never sent (a gateway token is the credential) and never shown.
    parsed.username = '';
    parsed.password = '';
    this.base = parsed;
    this.description = redactUrl(`${parsed.origin}${parsed.pathname.replace(/\/$/, '')}`);
    this.waitSeconds = opts.waitSeconds ?? 30;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.backoffMs = opts.backoffMs ?? 250;
    this.maxBackoffMs = Math.max(this.backoffMs, opts.maxBackoffMs ?? 5_000);
    this.maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;
    this.agent = proxyAgent(proxy, { connectTimeoutMs: this.timeoutMs, headersTimeoutMs: this.timeoutMs, bodyTimeoutMs: this.timeoutMs });
  }

  async fetchLive(signal: AbortSignal, held?: HeldDocument): Promise<FollowedDocument | null> {
    // The document the poll just announced: asking again would cost the replica and the primary a request per apply each.
    const fresh = this.fresh;
    this.fresh = null;
    // Asked without what the replica holds, after a rebuilt document it could not use: read the document whole.
    const whole = held === undefined && this.held?.patched === true;
    if (!whole && fresh && fresh.doc === this.held && Date.now() - fresh.at < FRESH_MS) return fresh.doc;
    const answer = await this.get(whole ? null : (this.held?.version ?? null), 0, signal, !whole);
    if (answer.kind === 'none') return null;
    if (answer.kind === 'document') return answer.doc;
    // 304: the primary still has what this source last brought.
    return this.held;
  }

  watch(handlers: FollowWatchHandlers): () => Promise<void> {
    const stop = new AbortController();
    const loop = async (): Promise<void> => {
      let failures = 0;
      let connected = false;
      // The version this loop last saw: a poll waits for something else, even
      // when the follower refused it (waiting on its own version would bring
      // the refused document back at once, again and again).
      let seen: string | null = null;
      while (!stop.signal.aborted) {
        const started = Date.now();
        const wasConnected = connected;
        try {
          // Until the primary has answered once (at start, after a failure) the poll is not
          // held, so the replica knows at once that it is connected again.
          const answer = await this.get(seen, connected ? this.waitSeconds : 0, stop.signal);
          failures = 0;
          if (!connected) {
            connected = true;
            handlers.onConnected();
          }
          if (answer.kind === 'document') {
            seen = answer.doc.version;
            this.fresh = { doc: answer.doc, at: Date.now() };
            handlers.onChange(seen);
          } else if (answer.kind === 'none') {
            seen = null;
          }
          // A primary that answers at once (shutting down, no long poll) must not spin this loop.
          if (answer.kind !== 'document' && wasConnected && Date.now() - started < Math.min(1000, this.waitSeconds * 500)) await sleep(this.backoffMs, stop.signal);
        } catch (err) {
          if (stop.signal.aborted) break;
          connected = false;
          failures++;
          handlers.onError(err as Error);
          const delay = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (failures - 1));
          await sleep(delay / 2 + Math.random() * delay, stop.signal);
        }
      }
    };
    const running = loop();
    return async () => {
      stop.abort();
      await running;
    };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /**
   * GET /v1/snapshot, conditional on `known`, held up to `wait` seconds.
   * With `patch`, it says it takes patches (RFC 3229: A-IM); a primary that
   * kept one from `known` answers 226, and the document is rebuilt here from
   * the bytes of `known` held, or read whole when the patch does not fit them.
   */
  private async get(known: string | null, wait: number, signal: AbortSignal, patch = true): Promise<Answer> {
    if (Date.now() < this.holdUntil) throw this.failure(this.holdReason);
    const url = new URL(wait > 0 ? `v1/snapshot?wait=${wait}` : 'v1/snapshot', this.base);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (known !== null) headers['if-none-match'] = `"${known}"`;
    const base = patch && known !== null && this.held?.version === known ? this.held : null;
    // Sent even with nothing held yet: a modelctl primary makes a patch on each swap only once some reader has asked for one.
    if (patch) headers['a-im'] = PATCH_IM;
    const tokenIndex = this.tokenIndex;
    const token = this.tokens.length ? this.tokens[tokenIndex % this.tokens.length] : undefined;
    if (token) headers['authorization'] = `Bearer ${token}`;
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, { method: 'GET', headers, dispatcher: this.agent, signal, headersTimeout: wait * 1000 + this.timeoutMs });
    } catch (err) {
      throw this.failure((err as Error).message || (err as { code?: string }).code || 'request failed');
    }
    if (res.statusCode === 304) {
      await res.body.dump();
      return { kind: 'unchanged' };
    }
    if (res.statusCode === 404) {
      await res.body.dump();
      this.held = null;
      return { kind: 'none' };
    }
    if (res.statusCode !== 200 && res.statusCode !== 226) {
      const said = (await readBodyCapped(res.body, 64 * 1024).catch(() => null))?.toString('utf8') ?? null;
      const why = this.refusal(res.statusCode, said, tokenIndex);
      const retryAfter = Number(res.headers['retry-after']);
      if (res.statusCode === 429) this.hold(why, Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 300) * 1000 : 60_000);
      throw this.failure(why);
    }
    const tag = ETAG.exec(String(res.headers['etag'] ?? ''));
    if (!tag) {
      await res.body.dump();
      throw this.failure('the answer has no usable ETag; is this a modelctl serve?');
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      res.body.destroy();
      throw this.failure(`the snapshot is ${declared} bytes, over this replica's limit of ${this.maxBytes} (--max-body-bytes)`);
    }
    let document: Buffer | null;
    try {
      document = await readBodyCapped(res.body, this.maxBytes, declared);
    } catch (err) {
      throw this.failure((err as Error).message || 'reading the answer failed');
    }
    if (document === null) throw this.failure(`the snapshot is over this replica's limit of ${this.maxBytes} bytes (--max-body-bytes)`);
    let doc: FollowedDocument = { version: tag[1]!, document };
    if (res.statusCode === 226) {
      // A patch, and only one of ours from the bytes held here, else the document whole.
      const from = ETAG.exec(String(res.headers['delta-base'] ?? ''))?.[1];
      const rebuilt = base && from === base.version && String(res.headers['im'] ?? '').trim().toLowerCase() === PATCH_IM ? applyPatch(documentBuffer(base.document), document, this.maxBytes) : null;
      if (rebuilt === null) {
        if (!base) throw this.failure('answered 226 (a patch) to a request for the document');
        return this.get(known, 0, signal, false);
      }
      doc = { version: tag[1]!, document: rebuilt, patched: true };
    }
    this.held = doc;
    return { kind: 'document', doc };
  }

  private hold(reason: string, ms: number): void {
    this.holdUntil = Date.now() + ms;
    this.holdReason = reason;
  }

  /** Words for a status the replica cannot use; a 401 moves on to the next configured token. */
  private refusal(status: number, body: string | null, tokenIndex: number): string {
    if (status === 401 || status === 403) {
      const why = this.tokens.length
        ? `answered ${status}: the primary refused this replica's token (set MODELCTL_FOLLOW_TOKEN, or MODELCTL_GATEWAY_TOKEN, to one of its gateway tokens)`
        : `answered ${status}: the primary requires a gateway token for reads (set MODELCTL_FOLLOW_TOKEN or MODELCTL_GATEWAY_TOKEN)`;
      // The next token at once (a rotation); once every one was refused, a pause: 4 tries a minute stay under the primary's budget.
      // Only once per token: the poll and the timed check may both have sent it.
      if (tokenIndex === this.tokenIndex) {
        this.tokenIndex++;
        if (this.tokens.length === 0 || this.tokenIndex % this.tokens.length === 0) this.hold(why, AUTH_HOLD_MS);
      }
      return why;
    }
    let message: string | undefined;
    try {
      message = (JSON.parse(body ?? '') as { error?: { message?: unknown } }).error?.message as string | undefined;
    } catch {
      message = undefined;
    }
    // The primary's own words, one line, bounded.
    const said = typeof message === 'string' ? `: ${message.replace(/[\x00-\x1f\x7f]+/g, ' ').slice(0, 300)}` : '';
    return `answered ${status}${said}`;
  }

  private failure(why: string): Error {
    return new Error(`GET ${this.description}/v1/snapshot: ${redactText(why, this.secrets)}`);
  }
}

export function openHttpFollowSource(spec: string, env: Record<string, string | undefined>, opts: HttpFollowOptions = {}): HttpFollowSource {
  return new HttpFollowSource(spec, env, opts);
}
