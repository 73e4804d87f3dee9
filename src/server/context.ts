// Everything a request handler needs, built once by startServer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolverOptions } from '../runtime/index.js';
import type { AuthCheck, Role } from './auth.js';
import type { AuthLimiter } from './auth-limit.js';
import type { LiveRef } from './live.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { RequestTarget } from './http.js';
import type { Follower } from './follow/follower.js';
import type { BackgroundProbes } from './probes.js';
import type { SnapshotStore } from './store.js';
import type { Verifier } from './verify.js';

export interface ServerContext {
  live: LiveRef;
  store: SnapshotStore;
  metrics: Metrics;
  log: Logger;
  /** One check per role; tokens of one role never pass another's. */
  auth: Record<Role, AuthCheck>;
  /** Failed authentications per peer: 429 past the budget. */
  limiter: AuthLimiter;
  /** Catalog, resolve and snapshot reads need a gateway (or, for the snapshot, admin) token too. */
  requireGatewayToken: boolean;
  verifyKey: string | undefined;
  /** The highest signed serial ever accepted (replay protection under a verify key); null before any. */
  serials: { newest: number | null };
  /** Checks pushed and kept documents (off the event loop when it can). */
  verifier: Verifier;
  /** Resolvers built since start: over every model (full), or by patching the live one's index for a few changed models (patched). */
  resolverBuilds: { full: number; patched: number };
  resolverOptions: ResolverOptions;
  maxBodyBytes: number;
  maxWaitSeconds: number;
  /** Runs snapshot writes one at a time, so compare-and-swap checks and swaps never interleave. */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  /** serve --follow: this server is a replica of that source and refuses snapshot writes; absent on a primary. */
  follow?: Follower;
  /** serve --probe-interval: background probes feeding the breakers; absent when off. */
  probes?: BackgroundProbes;
  /** Aborted when the server closes: long polls end at once. */
  closing: AbortSignal;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: RequestTarget, ctx: ServerContext) => Promise<void> | void;

export function serialQueue(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
