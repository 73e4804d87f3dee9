// ioredis clients built from a checked RedisSpec, in the two shapes modelctl
// needs:
// - one-shot (plan/apply/rollback): a bounded number of connect attempts,
//   each with a connect and handshake deadline, no reconnect afterwards and
//   no offline queue, so Redis being down is a clear error in seconds, never
//   a hang or an endless retry;
// - long-lived (a replica following Redis): reconnects forever with capped
//   backoff, but commands never wait in an offline queue (they reject at once
//   when the connection is down; the caller decides when to try again).
// Errors leave this module as plain messages naming the target only by its
// description and masked with the spec's secrets.
import { setTimeout as setTimeoutPromise } from 'node:timers/promises';
import { Redis, type RedisOptions } from 'ioredis';
import { redactText } from '../io/redact-url.js';
import { RedisAuthError } from './errors.js';
import { READ_DOC_LUA, READ_LIVE_LUA, SWAP_LUA } from './scripts.js';
import type { RedisSpec } from './spec.js';

/** Reply of the swap script: status, then the live version before (null when none). */
export type SwapReply = [status: 'ok' | 'stale', version: string | null];
export type ReadLiveBufferReply = [Buffer] | [Buffer, number] | [Buffer, Buffer | null, Buffer | null, Buffer | null, Buffer | null];
export type ReadDocReply = ['none'] | ['too-large', number] | ['doc', string];

/** An ioredis client with modelctl's scripts defined (EVALSHA, falling back to EVAL once per connection). */
export type ScriptedRedis = Redis & {
  modelctlSwap(live: string, history: string, ...argv: Array<string | Buffer>): Promise<SwapReply>;
  /** The live hash's fields, every bulk reply as a Buffer: the document's exact bytes. */
  modelctlReadLiveBuffer(live: string, maxBytes: string, have?: string): Promise<ReadLiveBufferReply>;
  modelctlReadDoc(doc: string, maxBytes: string): Promise<ReadDocReply>;
};

export const SCRIPTS: NonNullable<RedisOptions['scripts']> = {
  modelctlSwap: { lua: SWAP_LUA, numberOfKeys: 2 },
  modelctlReadLive: { lua: READ_LIVE_LUA, numberOfKeys: 1 },
  modelctlReadDoc: { lua: READ_DOC_LUA, numberOfKeys: 1 },
};

/** What a client needs from the spec; the connection behaviour is added by the caller. */
export function baseOptions(spec: RedisSpec, name: string): RedisOptions {
  return {
    host: spec.host,
    port: spec.port,
    db: spec.db,
    ...(spec.username !== undefined ? { username: spec.username } : {}),
    ...(spec.password !== undefined ? { password: spec.password } : {}),
    // Server name and CA as Node's tls.connect defaults them (host name; system CAs plus NODE_EXTRA_CA_CERTS).
    ...(spec.tls ? { tls: {} } : {}),
    connectionName: name,
    // INFO (the ready check) is often denied to a least-privilege ACL user, and a
    // denied INFO would loop the connection; commands report LOADING themselves.
    enableReadyCheck: false,
    lazyConnect: true,
    enableOfflineQueue: false,
    scripts: SCRIPTS,
  };
}

/** Per attempt: TCP connect, and TCP connect + AUTH/HELLO/SELECT. */
export const CONNECT_TIMEOUT_MS = 2000;
const HANDSHAKE_TIMEOUT_MS = 3000;
const CONNECT_ATTEMPTS = 3;
/** A single command (a swap of a large document included). */
export const COMMAND_TIMEOUT_MS = 15_000;

/** Refusals: bad or missing credentials, a key or channel outside the ACL user's, a command it may not run (also inside a script). */
const AUTH_REPLY = /^(WRONGPASS|NOAUTH|NOPERM)\b|^ERR The user executing the script can't run this command/;

/** The reason in words, masked; `what` is e.g. 'cannot reach Redis at redis://…'. */
export function describeError(err: unknown, spec: RedisSpec): string {
  const e = err as { message?: unknown; code?: unknown };
  const message = typeof e?.message === 'string' && e.message ? e.message : String(err);
  return redactText(message.replace(/\s+/g, ' ').trim().slice(0, 400), spec.secrets);
}

export function isAuthError(err: unknown): boolean {
  const message = (err as { message?: unknown })?.message;
  return typeof message === 'string' && AUTH_REPLY.test(message);
}

/** Words for a refusal: Redis's own reply is terse (NOAUTH's is a paragraph about HELLO). */
function authWords(reason: string): string {
  if (reason.startsWith('NOAUTH')) return 'it requires a password and none was given (NOAUTH)';
  if (reason.startsWith('WRONGPASS')) return 'wrong user name or password (WRONGPASS)';
  return reason;
}

/** The error a command or connection failure becomes: credentials refused, or Redis unreachable/failing. */
export function redisError(err: unknown, spec: RedisSpec, doing: string): Error {
  const reason = describeError(err, spec);
  if (isAuthError(err)) {
    return new RedisAuthError(
      `Redis at ${spec.description} refused ${doing}: ${authWords(reason)}. The password comes from the --target URL or REDIS_PASSWORD; an ACL user needs the keys {${spec.key}}:* and the channel {${spec.key}}:events`,
    );
  }
  return new Error(`Redis at ${spec.description} failed ${doing}: ${reason}`);
}

/** A pause that ends early, rejecting, when `signal` aborts. */
const sleep = (ms: number, signal?: AbortSignal) => setTimeoutPromise(ms, undefined, signal ? { signal } : {});

/** A timeout is not retried: a host that does not answer in seconds will not in the next 150 ms. */
function isTimeout(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e?.code === 'ETIMEDOUT' || (typeof e?.message === 'string' && /ETIMEDOUT|^no answer within/.test(e.message));
}

/**
 * A connected one-shot client, or an error: refused or reset connections
 * (Redis restarting) are tried CONNECT_ATTEMPTS times with a short backoff,
 * under a second in all; a host or server that does not answer fails after
 * one CONNECT_TIMEOUT_MS (TCP) or HANDSHAKE_TIMEOUT_MS (AUTH/HELLO).
 * `signal` gives up at once, whatever the attempt is waiting for.
 */
export async function connectOneShot(spec: RedisSpec, name = 'modelctl', signal?: AbortSignal): Promise<ScriptedRedis> {
  let last: unknown;
  let attempts = 0;
  for (let attempt = 1; attempt <= CONNECT_ATTEMPTS; attempt++) {
    signal?.throwIfAborted();
    attempts = attempt;
    const client = new Redis({
      ...baseOptions(spec, name),
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: COMMAND_TIMEOUT_MS,
      // No reconnect: a one-shot command that loses its connection fails, and is run again by its user.
      retryStrategy: null,
      maxRetriesPerRequest: 0,
    }) as ScriptedRedis;
    // The 'error' event carries the real reason; connect() only says "Connection is closed."
    let reason: unknown;
    client.on('error', (err) => void (reason ??= err));
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      await Promise.race([
        client.connect(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${HANDSHAKE_TIMEOUT_MS} ms`)), HANDSHAKE_TIMEOUT_MS);
        }),
        // The connection is no longer wanted (the target is closing): stop waiting for the handshake now.
        new Promise((_, reject) => {
          onAbort = () => reject(signal!.reason);
          signal?.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      // Later errors surface through the command that hit them.
      client.removeAllListeners('error');
      client.on('error', () => {});
      return client;
    } catch (err) {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      // An ended client has no socket; disconnect() would leave a 2 s timer keeping the process up.
      if (client.status !== 'end') client.disconnect();
      if (signal?.aborted) throw signal.reason;
      last = reason ?? err;
      if (isAuthError(last)) throw redisError(last, spec, 'the credentials');
      if (isTimeout(last)) break;
      if (attempt < CONNECT_ATTEMPTS) await sleep(150 * attempt, signal);
    }
  }
  const reason = describeError(last, spec);
  throw new Error(`cannot reach Redis at ${spec.description} (${attempts} attempt${attempts === 1 ? '' : 's'}): ${reason}${connectHint(reason, spec)}`);
}

/** The likely fix for the two TLS mistakes: plain text to a TLS port, and a CA this process does not trust. */
function connectHint(reason: string, spec: RedisSpec): string {
  if (!spec.tls && /ECONNRESET|Connection is closed|no answer within/.test(reason)) return ' (if that port speaks TLS, use rediss:// or --redis-tls)';
  if (spec.tls && /certificate|CERT_|unable to verify/i.test(reason)) return " (to trust a private CA: NODE_EXTRA_CA_CERTS=/path/to/ca.pem)";
  return '';
}

/** Closes a client: QUIT when it is up (waiting at most 500 ms), then the socket; leaves no timer behind. */
export async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.quit().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 500)))]);
    clearTimeout(timer);
  }
  if (client.status !== 'end') client.disconnect();
}

