// src/io/undici-lite.ts reaches into undici's lib/ to skip loading its whole
// index. These tests pin that what it hands out is undici's own: the same
// agent class the index exports, and a request that behaves like the index's
// `request` (method, path and query, headers, body, status, streamed body).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as undici from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, EnvHttpProxyAgent, request } from '../../src/io/undici-lite.js';

type Seen = { method?: string; url?: string; auth?: string | undefined; body: string };

describe('undici-lite', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const c of req) body += c;
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      res.writeHead(req.url?.startsWith('/missing') ? 404 : 200, { 'content-type': 'application/json', etag: '"v1"' });
      res.end(JSON.stringify({ echo: body.length }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('hands out the agent classes undici itself exports', () => {
    expect(EnvHttpProxyAgent).toBe(undici.EnvHttpProxyAgent);
    expect(Agent).toBe(undici.Agent);
  });

  it('sends what undici.request sends and reads the same answer', async () => {
    const agent = new EnvHttpProxyAgent({ httpProxy: '', httpsProxy: '', noProxy: '' });
    try {
      const opts = { method: 'PUT' as const, headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: '{"a":1}', dispatcher: agent };
      const mine = await request(`${base}/v1/snapshot?wait=5`, opts);
      const theirs = await undici.request(`${base}/v1/snapshot?wait=5`, opts);
      expect(mine.statusCode).toBe(theirs.statusCode);
      expect(mine.headers['etag']).toBe('"v1"');
      expect(await mine.body.json()).toEqual(await theirs.body.json());
      expect(seen.at(-2)).toEqual(seen.at(-1));
      expect(seen.at(-1)).toEqual({ method: 'PUT', url: '/v1/snapshot?wait=5', auth: 'Bearer t', body: '{"a":1}' });
      const missing = await request(new URL(`${base}/missing`), { method: 'GET', dispatcher: agent });
      expect(missing.statusCode).toBe(404);
      expect(await missing.body.text()).toBe('{"echo":0}');
    } finally {
      await agent.close();
    }
  });

  it('rejects like undici when nothing listens', async () => {
    const agent = new EnvHttpProxyAgent({ httpProxy: '', httpsProxy: '', noProxy: '' });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    try {
      await expect(request(`http://127.0.0.1:${port}/`, { method: 'GET', dispatcher: agent })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await agent.close();
    }
  });
});
