// `--target http(s)://…`: a resolver server (modelctl serve). Compare-and-swap
// is the server's If-Match; this client adds timeouts and retries transient
// failures of reads only — connection refused/reset and 502/503/504 — never a
// 4xx. A write (PUT, rollback) is retried only when it never reached the
// server (connection refused, connect timeout): once its body was on the
// wire, a reset may be the server refusing it (a 413 closes the connection),
// and once a response arrived, that response is the answer. Large pushes go
// gzip-compressed when the server says it takes them (GET /v1/status).
// HTTP_PROXY / HTTPS_PROXY / NO_PROXY (and their lowercase forms, which win)
// are honoured through undici's EnvHttpProxyAgent, read from the injected
// environment rather than process.env so the CLI's io.env is the one truth.
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { EnvHttpProxyAgent, request } from '../io/undici-lite.js';
import { readBodyCapped } from '../io/body-collector.js';
import { byteSize, DEFAULT_MAX_READ_BYTES } from '../io/read-capped.js';
import type { Snapshot } from '../generated/types.js';
import { cleanMeta, cleanText, metaHeaders } from '../io/apply-meta.js';
import { isEnvelope, validateSnapshot } from '../runtime/index.js';
import { checkedByDifference, documentBytes, parseDocument, settled } from './document.js';
import { TargetRefusedError } from './errors.js';
import { redactText, redactUrl, secretsOf } from '../io/redact-url.js';
import type { HistoryEntry, LiveState, RefusalReason, RollbackOptions, Target, WriteOptions, WriteResult } from './types.js';

export interface HttpTargetOptions {
  /** Admin token, sent as `Authorization: Bearer`; never printed. */
  token?: string;
  /** Attempts per request, the first included. */
  attempts?: number;
  /** First retry delay (ms); doubles each time, with jitter. */
  backoffMs?: number;
  connectTimeoutMs?: number;
  /** Time to wait for response headers, and between body chunks (ms). */
  timeoutMs?: number;
  /** Proxies (see proxyFromEnv); default: none, whatever process.env says. */
  proxy?: ProxySettings;
  /** The largest answer read (bytes); default DEFAULT_MAX_READ_BYTES, as for a file: or redis:// target. */
  maxBytes?: number;
}

export interface ProxySettings {
  /** Proxy URL for http:// targets ('' = none). */
  httpProxy: string;
  /** Proxy URL for https:// targets ('' = the http one, as undici does). */
  httpsProxy: string;
  /** Comma- or space-separated hosts (host, .domain, host:port, *) that bypass the proxy. */
  noProxy: string;
}

/** The proxy variables as curl and undici read them: lowercase first, then uppercase. */
export function proxyFromEnv(env: Record<string, string | undefined>): ProxySettings {
  const pick = (name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '';
  return { httpProxy: pick('HTTP_PROXY'), httpsProxy: pick('HTTPS_PROXY'), noProxy: pick('NO_PROXY') };
}

/**
 * The dispatcher every client of a modelctl server uses (apply's target, a
 * replica following a primary): the given proxies, or none. Throws on a proxy
 * URL that does not parse, without echoing it.
 */
export function proxyAgent(proxy: ProxySettings, timeouts: { connectTimeoutMs: number; headersTimeoutMs: number; bodyTimeoutMs: number }): Dispatcher {
  for (const [name, value] of [['HTTP_PROXY', proxy.httpProxy], ['HTTPS_PROXY', proxy.httpsProxy]] as const) {
    // Not echoed: an unparsable URL may hide its password from redactUrl.
    if (value && !URL.canParse(value)) throw new Error(`${name} is not a valid URL (not shown: it may hold a password)`);
  }
  // Explicit '' (not undefined) keeps undici from falling back to process.env.
  // proxyTunnel false: an http:// target goes to an http proxy as an
  // absolute-URI request (as curl does); https:// always tunnels (CONNECT).
  return new EnvHttpProxyAgent({
    httpProxy: proxy.httpProxy,
    httpsProxy: proxy.httpsProxy,
    noProxy: proxy.noProxy,
    proxyTunnel: false,
    connect: { timeout: timeouts.connectTimeoutMs },
    headersTimeout: timeouts.headersTimeoutMs,
    bodyTimeout: timeouts.bodyTimeoutMs,
  });
}

/** Pushes larger than this ask the server's body limit first (GET /v1/status). */
const PRECHECK_BYTES = 1024 * 1024;

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
/** Errors that prove nothing was sent: the only ones a write is retried on. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT']);
const TRANSIENT_STATUS = new Set([502, 503, 504]);

/** How a request may be retried: a read on any transient failure, a write only when it never left. */
type RetryPolicy = 'read' | 'write';

function errorHasCode(err: unknown, codes: ReadonlySet<string>): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return true;
    // A connection refused to a name with several addresses arrives as an AggregateError.
    if (e instanceof AggregateError && e.errors.some((x) => errorHasCode(x, codes))) return true;
  }
  return false;
}

const retryable = (err: unknown, policy: RetryPolicy): boolean => errorHasCode(err, policy === 'read' ? TRANSIENT_CODES : NOT_SENT_CODES);

/** Pushes this large are sent gzip-compressed when the server takes it. */
const GZIP_BYTES = 64 * 1024;

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as it came; `text` decodes it (once) for the answers read as text. */
  bytes: Buffer;
  readonly text: string;
}

const utf8 = new TextDecoder();

/**
 * An answer's body, up to `limit` bytes. Past it (declared or as it streams)
 * the request is dropped with a clear error, not buffered until the process
 * runs out of memory: a server, a proxy or a wrong URL can send without end,
 * and a slow trickle never trips the timeout between chunks.
 */
async function readAnswer(res: Dispatcher.ResponseData, limit: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  let bytes: Buffer | null = null;
  if (declared > limit) res.body.destroy();
  else bytes = await readBodyCapped(res.body, limit, declared);
  if (bytes !== null) return bytes;
  throw new Error(`the answer is larger than ${byteSize(limit)}, the most this client reads (a wrong URL, or not a modelctl server?)`);
}

function responseOf(status: number, headers: Response['headers'], bytes: Buffer): Response {
  let text: string | undefined;
  return {
    status,
    headers,
    bytes,
    get text() {
      return (text ??= utf8.decode(bytes));
    },
  };
}

interface ErrorBody {
  error?: { code?: string; message?: string; errors?: string[] };
  current?: string | null;
}

const gzipAsync = promisify(gzip);

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export class HttpTarget implements Target {
  readonly description: string;
  private readonly base: URL;
  private readonly agent: Dispatcher;
  /** What error messages must never repeat: URL userinfo, query values, the token. */
  private readonly secrets: string[];

  constructor(
    url: string,
    private readonly opts: HttpTargetOptions = {},
  ) {
    const parsed = new URL(url.endsWith('/') ? url : url + '/');
    const proxy = opts.proxy ?? { httpProxy: '', httpsProxy: '', noProxy: '' };
    // A proxy URL's user and password are secrets too: undici sends them as
    // Proxy-Authorization; no message may repeat them.
    this.secrets = [...secretsOf(url), ...secretsOf(proxy.httpProxy), ...secretsOf(proxy.httpsProxy), ...(opts.token && opts.token.length >= 4 ? [opts.token] : [])];
    // Requests go to origin + path: userinfo is never sent (the admin token is
    // the credential) and never printed.
    parsed.username = '';
    parsed.password = '';
    this.base = parsed;
    this.description = redactUrl(`${parsed.origin}${parsed.pathname.replace(/\/$/, '')}`);
    const timeout = opts.timeoutMs ?? 30_000;
    this.agent = proxyAgent(proxy, { connectTimeoutMs: opts.connectTimeoutMs ?? 10_000, headersTimeoutMs: timeout, bodyTimeoutMs: timeout });
  }

  /** `signal`: the answer is no longer wanted; the request and any wait for a retry stop at once. */
  private async send(method: Dispatcher.HttpMethod, path: string, headers: Record<string, string> = {}, body?: string | Buffer, signal?: AbortSignal): Promise<Response> {
    const attempts = Math.max(1, this.opts.attempts ?? 4);
    const policy: RetryPolicy = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
    const all: Record<string, string> = { accept: 'application/json', ...headers };
    if (this.opts.token) all['authorization'] = `Bearer ${this.opts.token}`;
    if (body !== undefined) all['content-type'] = 'application/json';
    const url = new URL(path, this.base);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      try {
        const res = await request(url, { method, headers: all, body, dispatcher: this.agent, ...(signal ? { signal } : {}) });
        // Bytes, not text: the live snapshot is checked as bytes, without decoding 1.5 MB per 1,000 models first.
        const bytes = await readAnswer(res, this.opts.maxBytes ?? DEFAULT_MAX_READ_BYTES);
        if (policy === 'read' && TRANSIENT_STATUS.has(res.statusCode) && !last) {
          await this.backoff(attempt, signal);
          continue;
        }
        return responseOf(res.statusCode, res.headers, bytes);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        if (!retryable(err, policy) || last) {
          const why = (err as Error).message || (err as { code?: string }).code || 'request failed';
          throw new Error(`${method} ${this.description}/${path.split('?')[0]}: ${redactText(why, this.secrets)}`);
        }
        await this.backoff(attempt, signal);
      }
    }
  }

  private backoff(attempt: number, signal?: AbortSignal): Promise<void> {
    const base = (this.opts.backoffMs ?? 200) * 2 ** (attempt - 1);
    return sleep(base / 2 + Math.random() * base, undefined, signal ? { signal } : {});
  }

  private unexpected(what: string, res: Response): Error {
    const body = parseJson<ErrorBody>(res.text);
    const said = body?.error?.message ? `: ${redactText(body.error.message, this.secrets)}` : '';
    return new Error(`${what}: ${this.description} answered ${res.status}${said}`);
  }

  async read(signal?: AbortSignal, desired?: PromiseLike<Snapshot | null>): Promise<LiveState> {
    const res = await this.send('GET', 'v1/snapshot', {}, undefined, signal);
    if (res.status === 404) return { snapshot: null, version: null };
    if (res.status !== 200) throw this.unexpected('reading the live snapshot', res);
    const near = await checkedByDifference(res.bytes, await settled(desired));
    if (near) return { snapshot: near, version: near.version };
    const doc = parseJson<unknown>(res.text);
    const checked = validateSnapshot(isEnvelope(doc) ? doc.snapshot : doc);
    if (!checked.ok) throw new Error(`${this.description} served an invalid snapshot: ${checked.errors.slice(0, 3).join('; ')}`);
    return { snapshot: checked.snapshot, version: checked.snapshot.version };
  }

  /** Maps a write's answer: 200 ok, 412 stale, 401/400/404/413 refused; anything else throws. */
  private writeResult(res: Response, version: string): WriteResult {
    const body = parseJson<ErrorBody & { version?: string; previous?: string | null; warnings?: unknown }>(res.text) ?? {};
    if (res.status === 200 || res.status === 201) {
      // The server's words, cleaned and redacted like any other text it sends.
      const warnings = (Array.isArray(body.warnings) ? body.warnings : [])
        .slice(0, 20)
        .map((w) => cleanText(w, 1000))
        .filter((w): w is string => w !== undefined)
        .map((w) => redactText(w, this.secrets));
      return { status: 'ok', version: body.version ?? version, previous: body.previous ?? null, warnings };
    }
    if (res.status === 412) return { status: 'stale', current: body.current ?? null };
    const refusals: Record<number, RefusalReason> = { 401: 'unauthorized', 403: 'unauthorized', 404: 'not-found', 413: 'too-large' };
    // A replica answers writes 405 `replica`, naming its source of truth.
    if (res.status === 405 && body.error?.code === 'replica') refusals[405] = 'read-only';
    let reason = refusals[res.status];
    if (res.status === 400) reason = body.error?.code === 'signature' ? 'signature' : 'invalid';
    // A replayed (older serial) push, whatever status the server picks for it.
    if (res.status >= 400 && res.status < 500 && body.error?.code === 'replay') reason = 'replay';
    if (!reason) throw this.unexpected('writing the snapshot', res);
    const message = redactText(body.error?.message ?? `HTTP ${res.status}`, this.secrets);
    return { status: 'refused', reason, message, errors: (body.error?.errors ?? []).map((e) => redactText(e, this.secrets)) };
  }

  private precondition(ifMatch: string | null | undefined): Record<string, string> {
    if (ifMatch === undefined) return {};
    return ifMatch === null ? { 'if-none-match': '*' } : { 'if-match': `"${ifMatch}"` };
  }

  /** What the server says about pushes in /v1/status (open to all): its limit and the encodings it takes. */
  private async pushPolicy(): Promise<{ limit?: number; gzip: boolean }> {
    try {
      const res = await this.send('GET', 'v1/status');
      const status = res.status === 200 ? parseJson<{ maxBodyBytes?: unknown; pushEncodings?: unknown }>(res.text) : undefined;
      const limit = status?.maxBodyBytes;
      const gzip = Array.isArray(status?.pushEncodings) && status.pushEncodings.includes('gzip');
      return typeof limit === 'number' && Number.isSafeInteger(limit) && limit > 0 ? { limit, gzip } : { gzip };
    } catch {
      return { gzip: false };
    }
  }

  async write(snapshot: Snapshot, opts: WriteOptions): Promise<WriteResult> {
    const headers: Record<string, string> = { ...this.precondition(opts.ifMatch), ...metaHeaders(opts.meta) };
    const bytes = documentBytes(snapshot, opts.signature);
    // A server closes on a body over its limit while it is still being sent, so
    // the client sees EPIPE, not the 413: ask first, and say so plainly.
    // Only for large bodies: below PRECHECK_BYTES a refused upload costs less than the extra request.
    const size = bytes.length;
    const policy = size > PRECHECK_BYTES ? await this.pushPolicy() : { gzip: false };
    if (policy.limit !== undefined && size > policy.limit) {
      const message = `the snapshot is ${size} bytes; ${this.description} accepts at most ${policy.limit} (start it with a larger modelctl serve --max-body-bytes)`;
      return { status: 'refused', reason: 'too-large', message, errors: [] };
    }
    let body: string | Buffer = bytes;
    if (policy.gzip && size > GZIP_BYTES) {
      body = await gzipAsync(bytes, { level: 3 });
      headers['content-encoding'] = 'gzip';
    }
    const res = await this.send('PUT', 'v1/snapshot', headers, body);
    return this.writeResult(res, snapshot.version);
  }

  private refusedToken(what: string, res: Response): void {
    if (res.status === 401 || res.status === 403) {
      throw new TargetRefusedError('unauthorized', `${what}: ${this.description} refused the admin token (set MODELCTL_ADMIN_TOKEN)`);
    }
  }

  async history(): Promise<HistoryEntry[]> {
    const res = await this.send('GET', 'v1/history');
    this.refusedToken('reading history', res);
    if (res.status !== 200) throw this.unexpected('reading history', res);
    const versions = parseJson<{ versions?: unknown }>(res.text)?.versions;
    if (!Array.isArray(versions)) return [];
    // Whatever the server sends, only these fields, cleaned, reach a terminal.
    return versions.map((v: Record<string, unknown>) => ({
      version: cleanText(v['version'], 200) ?? '',
      appliedAt: cleanText(v['appliedAt'], 100) ?? '',
      live: v['live'] === true,
      ...cleanMeta(v),
    }));
  }

  /** GET /v1/history?version=V: the kept document's bytes, checked here (schema, hash). */
  async readVersion(version: string): Promise<Snapshot | null> {
    const res = await this.send('GET', `v1/history?version=${encodeURIComponent(version)}`);
    this.refusedToken('reading a kept version', res);
    if (res.status === 404) return null;
    if (res.status !== 200) throw this.unexpected('reading a kept version', res);
    const loaded = await parseDocument(res.text);
    if (!loaded.ok) throw new Error(`${this.description} served kept version ${version} damaged: ${loaded.errors.slice(0, 3).join('; ')}`);
    if (loaded.snapshot.version !== version) throw new Error(`${this.description} served ${loaded.snapshot.version} for kept version ${version}`);
    return loaded.snapshot;
  }

  async rollback(version: string, opts: RollbackOptions = {}): Promise<WriteResult> {
    const res = await this.send('POST', 'v1/rollback', this.precondition(opts.ifMatch), JSON.stringify({ version }));
    return this.writeResult(res, version);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
