import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { jsonLineLogger, parseTokenList, ServerConfigError, startServer } from '../../server/index.js';
import { str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { UsageError, type CliIO } from '../io.js';
import { parseDuration } from '../../probe/duration.js';

function integer(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}`);
  return n;
}

/** Resolves on io.signal, or on SIGINT / SIGTERM when no signal was injected. */
export function untilStopped(io: CliIO): Promise<string> {
  if (io.signal) {
    const signal = io.signal;
    return new Promise((done) => (signal.aborted ? done('abort') : signal.addEventListener('abort', () => done('abort'), { once: true })));
  }
  return new Promise((done) => {
    const stop = (name: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      done(name);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

/** The key file's text; a missing or unreadable file is a usage error naming the path, never the content. */
async function readKeyFile(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--verify-key ${shown}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export const serveCommand: Command = {
  name: 'serve',
  usage: `Usage: modelctl serve [--snapshot FILE] [--state-dir DIR] [--host 127.0.0.1] [--port 8787]
                      [--verify-key PUB] [--require-gateway-token] [--max-body-bytes N] [--keep N] [--access-log]
                      [--probe-interval 60s [--probe-timeout 20s]]

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
  --max-body-bytes N     largest snapshot push accepted (default 33554432, 32 MiB)
  --keep N               versions kept for rollback (default 10)
  --access-log           log every request, not only admin calls and failures
  --probe-interval D     probe every source of the live snapshot this often (e.g. 60s; off by
                         default), as 'modelctl test' does, and report each outcome to its
                         circuit breaker; the last result per source is in /v1/status and
                         /metrics (modelctl_probe_result, modelctl_probe_latency_seconds).
                         Credentials come from this process's environment and files.
  --probe-timeout D      per probe request (default 20s, at most the interval)
  -h, --help             show this help

The admin token comes from MODELCTL_ADMIN_TOKEN; without it every admin call
is refused. Gateway tokens come from MODELCTL_GATEWAY_TOKEN (comma-separated,
so a new one can be added before the old one is removed); without one,
POST /v1/report is refused. Neither role's token works for the other. A peer
with 10 failed authentications in a minute gets 429 until the minute ends.
Logs are JSON lines on stderr and never contain a token.
Runs until SIGINT or SIGTERM. Exit codes: 0 stopped, 1 failed to start,
64 usage error (bad flags, an unreadable or unusable --verify-key, the same
token for both roles).`,
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
    const log = jsonLineLogger((line) => io.stderr.write(line));
    const token = io.env['MODELCTL_ADMIN_TOKEN'];
    const gatewayTokens = parseTokenList(io.env['MODELCTL_GATEWAY_TOKEN']);
    const verifyKey = keyPath ? await readKeyFile(resolve(io.cwd, keyPath), keyPath) : undefined;
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
      log,
      resolverOptions: { env: io.env },
    }).catch((err: unknown) => {
      // A configuration that cannot work is the operator's to fix: exit 64 before listening.
      throw err instanceof ServerConfigError ? new UsageError(err.message) : err;
    });
    const why = await untilStopped(io);
    log({ level: 'info', msg: 'stopping', reason: why });
    await server.close();
    return EXIT.ok;
  },
};
