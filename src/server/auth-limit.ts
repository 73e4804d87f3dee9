// Failed authentication, counted per peer in fixed windows. After `limit`
// failures a peer gets 429 until its window ends, without its token even being
// checked, so guessing costs a window per `limit` tries. Each peer's window is
// logged once, when it ends, with its counts — a flood of bad requests is one
// log line, not one per request. Only the peer address, the routes and the
// reasons are kept: never a header, so never a presented token.
//
// The peer is the socket's remote address (an IPv6 peer by its /64, which one
// host usually owns whole). X-Forwarded-For is not trusted: behind a proxy
// every client shares the proxy's address, and a header anyone can set would
// let an attacker pick a fresh identity per request.
import { isIPv6 } from 'node:net';
import type { LogEntry } from './log.js';

export interface AuthLimitOptions {
  /** Failures per peer per window before 429; default 10. */
  limit?: number;
  /** Window length; default 60 s. */
  windowSeconds?: number;
  /** Peers tracked at most; the oldest window is closed early past it. Default 10,000. */
  maxPeers?: number;
  /** Clock (epoch ms); tests pass their own. */
  now?: () => number;
}

interface Window {
  start: number;
  failures: number;
  limited: number;
  routes: Set<string>;
  reasons: Set<string>;
}

export type Gate = { open: true } | { open: false; retryAfterSeconds: number };

/** The first four hextets of an IPv6 address (its /64), '::ffff:a.b.c.d' as a.b.c.d. */
export function peerKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.toLowerCase().split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export class AuthLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxPeers: number;
  private readonly now: () => number;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly log: (entry: LogEntry) => void,
    opts: AuthLimitOptions = {},
  ) {
    this.limit = opts.limit ?? 10;
    this.windowMs = (opts.windowSeconds ?? 60) * 1000;
    this.maxPeers = opts.maxPeers ?? 10_000;
    this.now = opts.now ?? Date.now;
    // Windows are logged when they end, also for a peer that never comes back.
    this.sweeper = setInterval(() => this.sweep(), this.windowMs);
    this.sweeper.unref();
  }

  /** Whether `peer` may present a token now (to `route`). */
  gate(peer: string, route: string): Gate {
    const w = this.current(peer);
    if (!w || w.failures < this.limit) return { open: true };
    w.limited++;
    w.routes.add(route);
    return { open: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - this.now()) / 1000)) };
  }

  fail(peer: string, route: string, reason: string): void {
    let w = this.current(peer);
    if (!w) {
      if (this.windows.size >= this.maxPeers) this.sweep();
      if (this.windows.size >= this.maxPeers) this.close(this.windows.keys().next().value!);
      w = { start: this.now(), failures: 0, limited: 0, routes: new Set(), reasons: new Set() };
      this.windows.set(peer, w);
    }
    w.failures++;
    w.routes.add(route);
    w.reasons.add(reason);
  }

  /** Logs every open window (server stop). */
  flush(): void {
    clearInterval(this.sweeper);
    for (const peer of [...this.windows.keys()]) this.close(peer);
  }

  /** The peer's window if it is still running; an ended one is logged and dropped. */
  private current(peer: string): Window | undefined {
    const w = this.windows.get(peer);
    if (w && this.now() >= w.start + this.windowMs) {
      this.close(peer);
      return undefined;
    }
    return w;
  }

  private sweep(): void {
    const now = this.now();
    for (const [peer, w] of this.windows) if (now >= w.start + this.windowMs) this.close(peer);
  }

  private close(peer: string): void {
    const w = this.windows.get(peer);
    if (!w) return;
    this.windows.delete(peer);
    this.log({
      level: 'warn',
      msg: 'authentication refused',
      peer,
      failures: w.failures,
      rateLimited: w.limited,
      windowStart: new Date(w.start).toISOString(),
      windowSeconds: this.windowMs / 1000,
      routes: [...w.routes].sort(),
      reasons: [...w.reasons].sort(),
    });
  }
}
