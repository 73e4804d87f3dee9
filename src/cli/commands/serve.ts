import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { redactUrl } from '../../io/redact-url.js';
import { DEFAULT_MAX_BODY_BYTES, formatLogLine, jsonLineLogger, parseTokenList, ServerConfigError, startServer } from '../../server/index.js';
import type { FollowSource } from '../../io/follow-source.js';
import { str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { untilStopped, UsageError, writerThatOutlivesItsReader, type CliIO } from '../io.js';
import { parseDuration } from '../../probe/duration.js';

function integer(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}`);
  return n;
}

/** The key file's text; a missing or unreadable file is a usage error naming the path, never the content. */
async function readKeyFile(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--verify-key ${shown}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function duration(value: string | undefined, flag: string, minMs: number, example: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms < minMs) throw new UsageError(`${flag} must be a duration of at least ${minMs < 1000 ? `${minMs}ms` : `${minMs / 1000}s`}, e.g. ${example}`);
  return ms;
}

interface FollowFlags {
  spec: string;
  timeoutMs: number;
  waitSeconds: number;
  backoffMs: number;
  maxBackoffMs: number;
  maxBytes: number;
  redisTls: boolean;
  /** --follow-wait was given (it applies to an http(s) source only). */
  waitGiven: boolean;
}

/**
 * The source a replica follows. Redis is imported only here, so a server
 * that follows nothing (or a primary over HTTP) never loads ioredis. A spec
 * is only ever shown redacted: it may carry a password.
 */
async function openFollowSource(f: FollowFlags, env: Record<string, string | undefined>): Promise<FollowSource> {
  if (/^rediss?:\/\//i.test(f.spec)) {
    if (f.waitGiven) throw new UsageError("--follow-wait applies to an http(s) source (a primary's long poll); Redis announces changes itself");
    const { RedisSpecError } = await import('../../redis/spec.js');
    const { openRedisFollowSource } = await import('../../redis/follow-source.js');
    try {
      return openRedisFollowSource(f.spec, env, { tls: f.redisTls, timeoutMs: f.timeoutMs, backoffMs: f.backoffMs, maxBackoffMs: f.maxBackoffMs, maxBytes: f.maxBytes });
    } catch (err) {
      throw err instanceof RedisSpecError ? new UsageError(`--follow: ${err.message}`) : err;
    }
  }
  if (f.redisTls) throw new UsageError('--redis-tls needs --follow redis://…');
  if (/^https?:\/\//i.test(f.spec)) {
    // Not echoed when it does not parse: redaction needs a URL's shape to find a password.
    if (!URL.canParse(f.spec)) throw new UsageError('--follow is not a valid URL (not shown: it may hold a password)');
    const { openHttpFollowSource } = await import('../../server/follow/http-source.js');
    try {
      return openHttpFollowSource(f.spec, env, { waitSeconds: f.waitSeconds, timeoutMs: f.timeoutMs, backoffMs: f.backoffMs, maxBackoffMs: f.maxBackoffMs, maxBytes: f.maxBytes });
    } catch (err) {
      // A proxy variable that does not parse.
      throw new UsageError(`--follow: ${(err as Error).message}`);
    }
  }
  throw new UsageError(`--follow must be redis://…, rediss://… or http(s)://…, not '${redactUrl(f.spec)}'`);
}

export const serveCommand: Command = {
  name: 'serve',
  usage: `Usage: modelctl serve [--snapshot FILE] [--state-dir DIR] [--host 127.0.0.1] [--port 8787]
                      [--verify-key PUB] [--require-gateway-token] [--max-body-bytes N] [--keep N] [--access-log]
                      [--probe-interval 60s [--probe-timeout 20s]]
                      [--follow redis://…|http(s)://… [--follow-interval 5s] [--follow-timeout 10s]
                       [--follow-wait 30s] [--follow-backoff 250ms] [--redis-tls]]

Serves GET /v1/snapshot (ETag, 304, long polling with ?wait=SECONDS),
PUT /v1/snapshot (admin, If-Match / If-None-Match: *), GET /v1/catalog,
POST /v1/resolve, POST /v1/report, GET /v1/status, GET /v1/history and
POST /v1/rollback (admin), /healthz, /readyz and /metrics (Prometheus).

At start it loads the newest good snapshot kept in --state-dir, else
--snapshot; with neither it is up but not ready (/readyz 503) until a push.

Options:
  --snapshot FILE        snapshot (or signed envelope) to start from when --state-dir has none
  --state-dir DIR        persist pushed snapshots here (last --keep versions) for restarts and rollback
  --host HOST            address to listen on (default 127.0.0.1)
  --port PORT            port (default 8787; 0 = any free port)
  --verify-key FILE      Ed25519 public key (PEM): accept and load only snapshots signed by it,
                         each with a signed serial above the newest accepted (replays are refused)
  --require-gateway-token  catalog, resolve and snapshot reads need a gateway token too
                         (the snapshot: a gateway or the admin token)
  --max-body-bytes N     largest snapshot push accepted, gzip-decoded (default 268435456, 256 MiB)
  --keep N               versions kept for rollback (default 10)
  --access-log           log every request, not only admin calls and failures
  --probe-interval D     probe every source of the live snapshot this often (e.g. 60s; off by
                         default), as 'modelctl test' does, and report each outcome to its
                         circuit breaker; the last result per source is in /v1/status and
                         /metrics (modelctl_probe_result, modelctl_probe_latency_seconds).
                         Credentials come from this process's environment and files.
  --probe-timeout D      per probe request (default 20s, at most the interval)
  --follow SPEC          run as a read-only replica of SPEC, the source of truth:
                         redis://[user:pass@]host:port/db?key=NAME (rediss:// for TLS), the store
                         'apply --target redis://…' writes, or http(s)://PRIMARY, another modelctl
                         serve followed over its long poll. Each new version is checked (schema,
                         hash, --verify-key signature), swapped in and kept in --state-dir; while
                         the source is down the last good snapshot keeps being served.
                         PUT /v1/snapshot and POST /v1/rollback answer 405. /v1/status shows
                         'follow' (upToDate, lagSeconds, lastError); /metrics has
                         modelctl_follow_up_to_date and modelctl_follow_lag_seconds.
  --follow-interval D    timed version check that catches a missed change (default 5s)
  --follow-timeout D     bound on each read of the source (default 10s)
  --follow-wait D        http(s) source: how long the primary holds a long poll (default 30s)
  --follow-backoff D     first retry after the source failed, doubling up to --follow-interval
                         (default 250ms)
  --redis-tls            TLS to a redis:// source (rediss:// implies it)
  -h, --help             show this help

The admin token comes from MODELCTL_ADMIN_TOKEN; without it every admin call
is refused. Gateway tokens come from MODELCTL_GATEWAY_TOKEN (comma-separated,
so a new one can be added before the old one is removed); without one,
POST /v1/report is refused. Neither role's token works for the other. A
replica following a primary that requires a gateway token sends
MODELCTL_FOLLOW_TOKEN, else its MODELCTL_GATEWAY_TOKEN list in turn; a Redis
password comes from the URL or REDIS_PASSWORD. A peer
with 10 failed authentications in a minute gets 429 until the minute ends.
Logs are JSON lines on stderr and never contain a token.
Runs until SIGINT or SIGTERM. Exit codes: 0 stopped, 1 failed to start,
64 usage error (bad flags, an unreadable or unusable --verify-key, the same
token for both roles, a --follow spec that is not a Redis or http(s) URL).`,
  options: {
    snapshot: { type: 'string' },
    'state-dir': { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'verify-key': { type: 'string' },
    'require-gateway-token': { type: 'boolean' },
    'max-body-bytes': { type: 'string' },
    keep: { type: 'string' },
    'access-log': { type: 'boolean' },
    'probe-interval': { type: 'string' },
    'probe-timeout': { type: 'string' },
    follow: { type: 'string' },
    'follow-interval': { type: 'string' },
    'follow-timeout': { type: 'string' },
    'follow-wait': { type: 'string' },
    'follow-backoff': { type: 'string' },
    'redis-tls': { type: 'boolean' },
  },
  async run(values, positionals, io) {
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const port = integer(values.port, '--port', 0, 65535) ?? 8787;
    const maxBodyBytes = integer(values['max-body-bytes'], '--max-body-bytes', 1024, 2 ** 31);
    const keep = integer(values.keep, '--keep', 1, 1000);
    const keyPath = str(values['verify-key']);
    const snapshot = str(values.snapshot);
    const stateDir = str(values['state-dir']);
    const probeInterval = str(values['probe-interval']);
    const probeTimeout = str(values['probe-timeout']);
    const intervalMs = probeInterval === undefined ? undefined : parseDuration(probeInterval);
    const probeTimeoutMs = probeTimeout === undefined ? undefined : parseDuration(probeTimeout);
    if (probeInterval !== undefined && (intervalMs === undefined || intervalMs < 1000)) throw new UsageError('--probe-interval must be a duration of at least 1s, e.g. 60s');
    if (probeTimeout !== undefined && probeTimeoutMs === undefined) throw new UsageError('--probe-timeout must be a duration such as 20s');
    if (probeTimeout !== undefined && intervalMs === undefined) throw new UsageError('--probe-timeout needs --probe-interval');
    const followSpec = str(values.follow);
    const followFlags = ['follow-interval', 'follow-timeout', 'follow-wait', 'follow-backoff', 'redis-tls'].filter((f) => values[f] !== undefined);
    if (followSpec === undefined && followFlags.length) throw new UsageError(`--${followFlags[0]} needs --follow`);
    const checkIntervalMs = duration(str(values['follow-interval']), '--follow-interval', 100, '5s') ?? 5_000;
    const followTimeoutMs = duration(str(values['follow-timeout']), '--follow-timeout', 100, '10s') ?? 10_000;
    const followWaitMs = duration(str(values['follow-wait']), '--follow-wait', 1000, '30s') ?? 30_000;
    const backoffMs = duration(str(values['follow-backoff']), '--follow-backoff', 10, '250ms') ?? 250;
    const verifyKey = keyPath ? await readKeyFile(resolve(io.cwd, keyPath), keyPath) : undefined;
    const source = followSpec
      ? await openFollowSource(
          { spec: followSpec, timeoutMs: followTimeoutMs, waitSeconds: followWaitMs / 1000, backoffMs, maxBackoffMs: Math.max(backoffMs, checkIntervalMs), maxBytes: maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, redisTls: values['redis-tls'] === true, waitGiven: values['follow-wait'] !== undefined },
          io.env,
        )
      : undefined;
    const log = jsonLineLogger(writerThatOutlivesItsReader(io.stderr, { droppedNote: (count) => formatLogLine({ level: 'warn', msg: 'log lines dropped: stderr was not being read', count }) }));
    const token = io.env['MODELCTL_ADMIN_TOKEN'];
    const gatewayTokens = parseTokenList(io.env['MODELCTL_GATEWAY_TOKEN']);
    const server = await startServer({
      host: str(values.host) ?? '127.0.0.1',
      port,
      ...(stateDir ? { stateDir: resolve(io.cwd, stateDir) } : {}),
      ...(snapshot ? { snapshotFile: resolve(io.cwd, snapshot) } : {}),
      ...(verifyKey !== undefined ? { verifyKey } : {}),
      ...(token ? { adminToken: token } : {}),
      gatewayTokens,
      requireGatewayToken: values['require-gateway-token'] === true,
      ...(maxBodyBytes ? { maxBodyBytes } : {}),
      ...(keep ? { keep } : {}),
      accessLog: values['access-log'] === true,
      ...(intervalMs ? { probes: { intervalMs, ...(probeTimeoutMs ? { timeoutMs: probeTimeoutMs } : {}), env: io.env } } : {}),
      ...(source ? { follow: { source, checkIntervalMs, timeoutMs: followTimeoutMs, backoffMs } } : {}),
      log,
      resolverOptions: { env: io.env },
    }).catch((err: unknown) => {
      // A configuration that cannot work is the operator's to fix: exit 64 before listening.
      // The source may hold a connection open; closing it lets the process exit.
      void source?.close().catch(() => undefined);
      throw err instanceof ServerConfigError ? new UsageError(err.message) : err;
    });
    const why = await untilStopped(io);
    log({ level: 'info', msg: 'stopping', reason: why });
    await server.close();
    return EXIT.ok;
  },
};
