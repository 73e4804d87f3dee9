import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { jsonLineLogger, startServer } from '../../server/index.js';
import { str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { UsageError, type CliIO } from '../io.js';

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

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the resolver over HTTP, with the admin API that plan and apply talk to',
  usage: `Usage: modelctl serve [--snapshot FILE] [--state-dir DIR] [--host 127.0.0.1] [--port 8787]
                      [--verify-key PUB] [--max-body-bytes N] [--keep N] [--access-log]

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
  --verify-key FILE      Ed25519 public key (PEM): accept and load only snapshots signed by it
  --max-body-bytes N     largest snapshot push accepted (default 33554432, 32 MiB)
  --keep N               versions kept for rollback (default 10)
  --access-log           log every request, not only admin calls and failures
  -h, --help             show this help

The admin token comes from MODELCTL_ADMIN_TOKEN; without it every admin call
is refused. Logs are JSON lines on stderr and never contain the token.
Runs until SIGINT or SIGTERM. Exit codes: 0 stopped, 1 failed to start, 64 usage error.`,
  options: {
    snapshot: { type: 'string' },
    'state-dir': { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'verify-key': { type: 'string' },
    'max-body-bytes': { type: 'string' },
    keep: { type: 'string' },
    'access-log': { type: 'boolean' },
  },
  async run(values, positionals, io) {
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const port = integer(values.port, '--port', 0, 65535) ?? 8787;
    const maxBodyBytes = integer(values['max-body-bytes'], '--max-body-bytes', 1024, 2 ** 31);
    const keep = integer(values.keep, '--keep', 1, 1000);
    const keyPath = str(values['verify-key']);
    const snapshot = str(values.snapshot);
    const stateDir = str(values['state-dir']);
    const log = jsonLineLogger((line) => io.stderr.write(line));
    const token = io.env['MODELCTL_ADMIN_TOKEN'];
    const server = await startServer({
      host: str(values.host) ?? '127.0.0.1',
      port,
      ...(stateDir ? { stateDir: resolve(io.cwd, stateDir) } : {}),
      ...(snapshot ? { snapshotFile: resolve(io.cwd, snapshot) } : {}),
      ...(keyPath ? { verifyKey: await readFile(resolve(io.cwd, keyPath), 'utf8') } : {}),
      ...(token ? { adminToken: token } : {}),
      ...(maxBodyBytes ? { maxBodyBytes } : {}),
      ...(keep ? { keep } : {}),
      accessLog: values['access-log'] === true,
      log,
      resolverOptions: { env: io.env },
    });
    const why = await untilStopped(io);
    log({ level: 'info', msg: 'stopping', reason: why });
    await server.close();
    return EXIT.ok;
  },
};
