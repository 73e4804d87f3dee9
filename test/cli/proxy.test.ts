// HTTP_PROXY / HTTPS_PROXY / NO_PROXY for --target URLs (undici's
// EnvHttpProxyAgent): a forwarding proxy on 127.0.0.1 sees the absolute-URI
// requests of plan and apply; NO_PROXY bypasses it; an https target is
// tunnelled with CONNECT. Nothing but 127.0.0.1 is ever contacted, and the
// proxy password is never printed.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proxyFromEnv } from '../../src/apply/http-target.js';
import { testServer, TOKEN, type TestServer } from '../server/helpers.js';
import { run, type Captured } from './capture.js';

const QUICKSTART = fileURLToPath(new URL('../../examples/quickstart', import.meta.url));
const PROXY_USER = 'proxyuser';
const PROXY_PASS = 'planted-proxy-pass-8d2f';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** A forwarding proxy that forwards to 127.0.0.1 only, records every request, and refuses every CONNECT. */
async function startProxy(opts: { answer407?: boolean } = {}): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    if (opts.answer407) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url!);
    if (target.hostname !== '127.0.0.1') {
      res.writeHead(403).end('this test proxy forwards to 127.0.0.1 only');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest({ host: '127.0.0.1', port: target.port, path: target.pathname + target.search, method: req.method, headers, agent: false }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    seen.push({ method: 'CONNECT', url: req.url!, headers: req.headers });
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${PROXY_USER}:${PROXY_PASS}@127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function deadPort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const expectClean = (...outs: Captured[]) => {
  for (const o of outs) for (const s of [PROXY_PASS, encodeURIComponent(PROXY_PASS), TOKEN]) expect(o.stdout + o.stderr).not.toContain(s);
};

let tmp: string;
let catalog: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'modelctl-proxy-'));
  catalog = join(tmp, 'catalog');
  await cp(QUICKSTART, catalog, { recursive: true });
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('proxyFromEnv', () => {
  it('reads lowercase before uppercase; unset is empty', () => {
    expect(proxyFromEnv({})).toEqual({ httpProxy: '', httpsProxy: '', noProxy: '' });
    expect(proxyFromEnv({ HTTP_PROXY: 'http://a:1', http_proxy: 'http://b:2', HTTPS_PROXY: 'http://c:3', NO_PROXY: 'x' })).toEqual({
      httpProxy: 'http://b:2',
      httpsProxy: 'http://c:3',
      noProxy: 'x',
    });
  });
});

describe('plan and apply through a proxy', () => {
  let server: TestServer;
  let state: string;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeEach(async () => {
    state = await mkdtemp(join(tmp, 'state-'));
    server = await testServer({ stateDir: state });
    proxy = await startProxy();
  });
  afterEach(async () => {
    await proxy.close();
    await server.close();
    await rm(state, { recursive: true, force: true });
  });

  it('HTTP_PROXY: every request goes to the proxy as an absolute URI, with the proxy credentials', async () => {
    const env = { HTTP_PROXY: proxy.url, MODELCTL_ADMIN_TOKEN: TOKEN };
    const plan = await run(['plan', catalog, '--target', server.url], tmp, env);
    expect(plan.code, plan.stderr).toBe(0);
    const applied = await run(['apply', catalog, '--target', server.url, '--format', 'json'], tmp, env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout).status).toBe('applied');
    const base = server.url.replace(/\/$/, '');
    expect(proxy.seen.map((s) => `${s.method} ${s.url}`)).toEqual([`GET ${base}/v1/snapshot`, `GET ${base}/v1/snapshot`, `PUT ${base}/v1/snapshot`]);
    const basic = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASS}`).toString('base64')}`;
    for (const s of proxy.seen) expect(s.headers['proxy-authorization']).toBe(basic);
    expectClean(plan, applied);
  });

  it('NO_PROXY=127.0.0.1: the proxy sees nothing, the request still lands', async () => {
    for (const noProxy of ['127.0.0.1', 'example.com, 127.0.0.1', `127.0.0.1:${new URL(server.url).port}`]) {
      const out = await run(['plan', catalog, '--target', server.url], tmp, { HTTP_PROXY: proxy.url, NO_PROXY: noProxy });
      expect(out.code, `${noProxy}: ${out.stderr}`).toBe(0);
    }
    expect(proxy.seen).toEqual([]);
    // A NO_PROXY entry for another port does not bypass.
    expect((await run(['plan', catalog, '--target', server.url], tmp, { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1:1' })).code).toBe(0);
    expect(proxy.seen).toHaveLength(1);
  });

  it('lowercase http_proxy wins over HTTP_PROXY; no variable, no proxy', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`;
    const out = await run(['plan', catalog, '--target', server.url], tmp, { http_proxy: proxy.url, HTTP_PROXY: dead });
    expect(out.code, out.stderr).toBe(0);
    expect(proxy.seen).toHaveLength(1);
    expect((await run(['plan', catalog, '--target', server.url], tmp, {})).code).toBe(0);
    expect(proxy.seen).toHaveLength(1);
  });
});

describe('proxy failures never print the proxy password', () => {
  it('a proxy that is down: exit 1, a message without the password', async () => {
    const port = await deadPort();
    const url = `http://${PROXY_USER}:${PROXY_PASS}@127.0.0.1:${port}`;
    const out = await run(['plan', catalog, '--target', 'http://127.0.0.1:9/'], tmp, { HTTP_PROXY: url });
    expect(out.code).toBe(1);
    // The refused connection is the proxy's (its port), not the target's.
    expect(out.stderr).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expectClean(out);
  });

  it('a proxy that answers 407: exit 1, says so, no password', async () => {
    const proxy = await startProxy({ answer407: true });
    try {
      const out = await run(['apply', catalog, '--target', 'http://127.0.0.1:9/', '--format', 'json'], tmp, { HTTP_PROXY: proxy.url, MODELCTL_ADMIN_TOKEN: TOKEN });
      expect(out.code).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('407');
      expect(proxy.seen.length).toBeGreaterThan(0);
      expectClean(out);
    } finally {
      await proxy.close();
    }
  });

  it('HTTPS_PROXY: an https target is tunnelled with CONNECT (refused here: exit 1, no password)', async () => {
    const proxy = await startProxy();
    try {
      const port = await deadPort();
      const out = await run(['plan', catalog, '--target', `https://127.0.0.1:${port}`], tmp, { HTTPS_PROXY: proxy.url });
      expect(out.code).toBe(1);
      expect(proxy.seen.map((s) => `${s.method} ${s.url}`)).toEqual([`CONNECT 127.0.0.1:${port}`]);
      expect(proxy.seen[0]!.headers['proxy-authorization']).toMatch(/^Basic /);
      expectClean(out);
    } finally {
      await proxy.close();
    }
  });

  it('a proxy URL that does not parse: exit 1, the value not echoed', async () => {
    const out = await run(['plan', catalog, '--target', 'http://127.0.0.1:9/'], tmp, { HTTP_PROXY: `http://${PROXY_USER}:${PROXY_PASS}@[bad` });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('HTTP_PROXY is not a valid URL');
    expectClean(out);
  });
});
