// The pieces of undici a client of a modelctl server (and a probe) uses — the
// agents and `request` — without undici's index, which loads all of
// undici (fetch, WebSocket, caches, mocks): ~160 ms of every `apply`, `plan`
// and replica start, against ~60 ms for these. undici 7 publishes no
// "exports" map, so its lib/ files are importable; test/io/undici-lite.test.ts
// proves these are the very classes and behaviour the index exports, so an
// upgrade that moves them fails the suite instead of a user's apply.
import { createRequire } from 'node:module';
import type { Agent as AgentClass, Dispatcher, EnvHttpProxyAgent as EnvHttpProxyAgentClass } from 'undici';

const require = createRequire(import.meta.url);

export const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent.js') as typeof EnvHttpProxyAgentClass;
export const Agent = require('undici/lib/dispatcher/agent.js') as typeof AgentClass;

const api = require('undici/lib/api/index.js') as { request(this: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> };

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & { method: Dispatcher.HttpMethod; dispatcher: Dispatcher };

/** undici's `request(url, opts)` for an absolute URL and an explicit dispatcher (what its index wraps around the same function). */
export function request(url: string | URL, opts: RequestOptions): Promise<Dispatcher.ResponseData> {
  const u = typeof url === 'string' ? new URL(url) : url;
  const { dispatcher, ...rest } = opts;
  return api.request.call(dispatcher, { ...rest, origin: u.origin, path: `${u.pathname}${u.search}` });
}
