// The undici dispatcher probes go through. With HTTPS_PROXY / HTTP_PROXY set
// (either case; NO_PROXY honoured) it is undici's EnvHttpProxyAgent, read from
// the injected environment rather than process.env so tests and the demo
// control it; otherwise a plain Agent.
import type { Dispatcher } from 'undici';
import { Agent, EnvHttpProxyAgent } from '../io/undici-lite.js';

type Env = Record<string, string | undefined>;

const pick = (env: Env, name: string): string | undefined => env[name] ?? env[name.toLowerCase()];

export function probeDispatcher(env: Env, opts: { connectTimeoutMs?: number; connections?: number } = {}): Dispatcher {
  const base = { connect: { timeout: opts.connectTimeoutMs ?? 10_000 }, ...(opts.connections ? { connections: opts.connections } : {}) };
  const httpProxy = pick(env, 'HTTP_PROXY');
  const httpsProxy = pick(env, 'HTTPS_PROXY');
  if (!httpProxy && !httpsProxy) return new Agent(base);
  const noProxy = pick(env, 'NO_PROXY');
  return new EnvHttpProxyAgent({ ...base, ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), ...(noProxy !== undefined ? { noProxy } : {}) });
}
