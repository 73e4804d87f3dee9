// startServer: node:http around the resolver (design §7). Returns once it
// listens; close() stops accepting, ends long polls and waits for the rest.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolverOptions } from '../runtime/index.js';
import { adminAuth, eitherAuth, tokenAuth } from './auth.js';
import { AuthLimiter, type AuthLimitOptions } from './auth-limit.js';
import { boot } from './boot.js';
import { serialQueue, type Handler, type ServerContext } from './context.js';
import { Follower, type FollowOptions } from './follow/follower.js';
import { RequestTarget, sendError } from './http.js';
import { LiveRef } from './live.js';
import { jsonLineLogger, type Logger } from './log.js';
import { Metrics } from './metrics.js';
import { BackgroundProbes, type ProbeOptions } from './probes.js';
import { getHistory, postRollback, putSnapshot } from './routes-admin.js';
import { getCatalog, getHealth, getMetrics, getReady, getSnapshot, getStatus, postReport, postResolve } from './routes-read.js';
import { dirStore, memoryStore } from './store.js';
import { defaultVerifier } from './verify.js';
import { checkVerifyKey, ServerConfigError } from './verify-key.js';

export interface ServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Where pushed snapshots persist (the last `keep`); without it they live in memory only. */
  stateDir?: string;
  /** A snapshot (or signed envelope) file to start from when the state directory has none. */
  snapshotFile?: string;
  /** PEM Ed25519 public key: only snapshots signed by it are accepted or loaded. */
  verifyKey?: string;
  /** The admin token; without one every admin call is refused. */
  adminToken?: string;
  /** Tokens gateways present (several during a rotation); without any, POST /v1/report is refused. */
  gatewayTokens?: readonly string[];
  /** Catalog, resolve and snapshot reads need a gateway token too (the snapshot: gateway or admin). */
  requireGatewayToken?: boolean;
  /** Budget of failed authentications per peer before 429. */
  authLimit?: AuthLimitOptions;
  /** Largest accepted snapshot push, on the wire and decompressed; default 256 MiB. */
  maxBodyBytes?: number;
  /** Versions kept for rollback; default 10. */
  keep?: number;
  /** Longest long poll (?wait=); default 60 s. */
  maxWaitSeconds?: number;
  /** Default: JSON lines on stderr. */
  log?: Logger;
  /** Log every request, not only admin calls and failures. */
  accessLog?: boolean;
  resolverOptions?: ResolverOptions;
  /** Probe every source of the live snapshot on this schedule and feed the outcomes to the breakers (serve --probe-interval). */
  probes?: ProbeOptions;
  /** Where pushed snapshots are checked: a worker thread (default, when built) or inline. */
  verifyIn?: 'worker' | 'inline';
  /** With verifyIn 'worker': documents up to this size are still checked inline (default INLINE_MAX_BYTES; 0 sends all to the worker). */
  verifyInlineMaxBytes?: number;
  /** serve --follow: a replica of this source (Redis or a primary); PUT and rollback answer 405. The server closes the source. */
  follow?: FollowOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/v1/snapshot': { GET: getSnapshot, PUT: putSnapshot },
  '/v1/catalog': { GET: getCatalog },
  '/v1/resolve': { POST: postResolve },
  '/v1/report': { POST: postReport },
  '/v1/status': { GET: getStatus },
  '/v1/history': { GET: getHistory },
  '/v1/rollback': { POST: postRollback },
  '/healthz': { GET: getHealth },
  '/readyz': { GET: getReady },
  '/metrics': { GET: getMetrics },
};

const allowed = (methods: Partial<Record<string, Handler>>): string => Object.keys(methods).flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ');

// Room for a 50,000-model snapshot (~73 MB) with margin; pushes are admin-only.
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;

/** Refuses, before anything listens, a configuration that would fail open or fail every request. */
async function checkOptions(opts: ServerOptions): Promise<string | undefined> {
  const gatewayTokens = opts.gatewayTokens ?? [];
  if (opts.adminToken && gatewayTokens.includes(opts.adminToken)) {
    throw new ServerConfigError('the admin token is also a gateway token: the two roles need different tokens (a gateway must not be able to push snapshots)');
  }
  if (opts.requireGatewayToken && gatewayTokens.length === 0) throw new ServerConfigError('requireGatewayToken needs at least one gateway token (MODELCTL_GATEWAY_TOKEN)');
  return opts.verifyKey === undefined ? undefined : checkVerifyKey(opts.verifyKey);
}

export { ServerConfigError };

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const verifyKeyId = await checkOptions(opts);
  const log = opts.log ?? jsonLineLogger((line) => process.stderr.write(line));
  const keep = opts.keep ?? 10;
  const closing = new AbortController();
  const admin = adminAuth(opts.adminToken);
  const gateway = tokenAuth(opts.gatewayTokens ?? []);
  const ctx: ServerContext = {
    live: new LiveRef(),
    store: opts.stateDir ? dirStore(opts.stateDir, keep) : memoryStore(keep),
    metrics: new Metrics(),
    log,
    auth: { admin, gateway, reader: eitherAuth(gateway, admin) },
    limiter: new AuthLimiter(log, opts.authLimit),
    requireGatewayToken: opts.requireGatewayToken === true,
    verifyKey: opts.verifyKey,
    serials: { newest: null },
    verifier: defaultVerifier(opts.verifyKey, opts.verifyIn, opts.verifyInlineMaxBytes),
    resolverBuilds: { full: 0, patched: 0 },
    resolverOptions: opts.resolverOptions ?? {},
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxWaitSeconds: opts.maxWaitSeconds ?? 60,
    serial: serialQueue(),
    closing: closing.signal,
  };
  try {
    await boot(ctx, opts.snapshotFile);
  } catch (err) {
    ctx.limiter.flush();
    await ctx.verifier.close();
    await opts.follow?.source.close().catch(() => undefined);
    throw err;
  }
  // A replica follows once its kept state is loaded; set before listening, so no write slips in.
  if (opts.follow) {
    const { source, ...followOpts } = opts.follow;
    ctx.follow = new Follower(ctx, source, followOpts);
  }

  // After the handler: one count per answered request, and a log line for admin calls and failures.
  // Done inline rather than on 'finish', which cost a closure and a listener per request.
  const account = (res: ServerResponse, route: string, method: string, started: number): void => {
    if (!res.writableEnded) return;
    ctx.metrics.request(route, method, res.statusCode);
    const admin = method !== 'GET' && method !== 'HEAD' && route !== '/v1/resolve' && route !== '/v1/report';
    if (opts.accessLog || admin || res.statusCode >= 500) {
      log({ level: res.statusCode >= 500 ? 'error' : 'info', msg: 'request', method, route, status: res.statusCode, ms: Math.round(performance.now() - started) });
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const url = new RequestTarget(req.url ?? '/');
    const methods = ROUTES[url.pathname];
    const route = methods ? url.pathname : 'unmatched';
    const method = req.method ?? 'GET';
    try {
      if (!methods) return sendError(res, 404, { code: 'not-found', message: `no route ${url.pathname}` });
      // HEAD is GET without the body: node:http drops what a handler writes after the headers.
      const handler = methods[method] ?? (method === 'HEAD' ? methods['GET'] : undefined);
      if (!handler) return sendError(res, 405, { code: 'method-not-allowed', message: `${method} ${url.pathname} is not supported` }, {}, { allow: allowed(methods) });
      await handler(req, res, url, ctx);
    } catch (err) {
      log({ level: 'error', msg: 'request failed', method, route, error: (err as Error).message });
      if (!res.headersSent) sendError(res, 500, { code: 'internal', message: 'internal error; see the server log' });
      else res.destroy();
    } finally {
      account(res, route, method, started);
    }
  };

  if (opts.probes) ctx.probes = new BackgroundProbes(ctx.live, { env: ctx.resolverOptions.env ?? process.env, ...opts.probes }, log);

  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => void handle(req, res));
  // A long poll outlives the default request timeout only up to maxWaitSeconds.
  server.requestTimeout = Math.max(server.requestTimeout, (ctx.maxWaitSeconds + 30) * 1000);
  const host = opts.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 8787, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    ctx.limiter.flush();
    await ctx.verifier.close();
    await opts.follow?.source.close().catch(() => undefined);
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  ctx.probes?.start();
  ctx.follow?.start();
  log({ level: 'info', msg: 'listening', url, ...(opts.probes ? { probeIntervalSeconds: opts.probes.intervalMs / 1000 } : {}), stateDir: opts.stateDir ?? null, signatureRequired: opts.verifyKey !== undefined, ...(verifyKeyId ? { verifyKeyId } : {}), adminApi: opts.adminToken ? 'enabled' : 'disabled', gatewayTokens: opts.gatewayTokens?.length ?? 0, gatewayTokenRequired: ctx.requireGatewayToken, verifyIn: ctx.verifier.mode, ...(ctx.follow ? { follow: ctx.follow.description } : {}) });

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeIdleConnections();
        // Whatever is still open after a grace period is cut.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      })
        .then(() => ctx.probes?.stop())
        .then(() => ctx.follow?.stop())
        .then(() => ctx.verifier.close())
        .then(() => {
          ctx.limiter.flush();
          log({ level: 'info', msg: 'stopped' });
        });
      return closed;
    },
  };
}
