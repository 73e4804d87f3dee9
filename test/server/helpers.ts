// Test helpers: temp dirs, a server on 127.0.0.1 port 0 with captured logs, raw HTTP calls.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { request } from 'undici';
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

/** node:http, since undici's connector does not pass localAddress on. */
function callFrom(localAddress: string, url: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function call(base: string, method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE', path: string, opts: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? TOKEN : opts.token;
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (opts.from) return callFrom(opts.from, new URL(base + path), method, headers, opts.body);
  const res = await request(base + path, { method, headers, body: opts.body });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** POST /v1/report as a gateway. */
export const report = (base: string, sourceId: string, ok: boolean, token: string | null = GATEWAY) =>
  call(base, 'POST', '/v1/report', { body: JSON.stringify({ sourceId, ok }), token });

export const put = (base: string, body: string, headers: Record<string, string>, token?: string | null) =>
  call(base, 'PUT', '/v1/snapshot', { body, headers: { 'content-type': 'application/json', ...headers }, token });
