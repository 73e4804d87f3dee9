// Test helpers: temp dirs, a server on 127.0.0.1 port 0 with captured logs, raw HTTP calls.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { startServer, type LogEntry, type RunningServer, type ServerOptions } from '../../src/server/index.js';

export const TOKEN = 'test-admin-token-6d1f0c2a9b7e';
/** The gateway token every testServer takes (POST /v1/report, and reads under requireGatewayToken). */
export const GATEWAY = 'test-gateway-token-3a9c51e07b42';

export async function tempDir(prefix = 'modelctl-test-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface TestServer extends RunningServer {
  logs: LogEntry[];
  logText: () => string;
}

export async function testServer(opts: ServerOptions = {}): Promise<TestServer> {
  const logs: LogEntry[] = [];
  const server = await startServer({ host: '127.0.0.1', port: 0, adminToken: TOKEN, gatewayTokens: [GATEWAY], log: (e) => void logs.push(e), ...opts });
  return { ...server, logs, logText: () => logs.map((l) => JSON.stringify(l)).join('\n') };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
}

export interface CallOptions {
  headers?: Record<string, string>;
  body?: string;
  /** Bearer token; default the admin token, null for none. */
  token?: string | null;
  /** Connect from this local address (another loopback address is another peer). */
  from?: string;
}

const agents = new Map<string, Agent>();
function agentFrom(localAddress: string): Agent {
  let agent = agents.get(localAddress);
  if (!agent) agents.set(localAddress, (agent = new Agent({ connect: { localAddress } })));
  return agent;
}

export async function call(base: string, method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE', path: string, opts: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? TOKEN : opts.token;
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await request(base + path, { method, headers, body: opts.body, ...(opts.from ? { dispatcher: agentFrom(opts.from) } : {}) });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** POST /v1/report as a gateway. */
export const report = (base: string, sourceId: string, ok: boolean, token: string | null = GATEWAY) =>
  call(base, 'POST', '/v1/report', { body: JSON.stringify({ sourceId, ok }), token });

export const put = (base: string, body: string, headers: Record<string, string>, token?: string | null) =>
  call(base, 'PUT', '/v1/snapshot', { body, headers: { 'content-type': 'application/json', ...headers }, token });
