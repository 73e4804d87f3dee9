// The http target retries transient failures only: connection refused or
// reset and 502/503/504 — never a 4xx — and sends the admin token. A write
// is retried only when it never reached the server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTarget } from '../../src/apply/index.js';
import { baseSnapshot } from '../plan/fixtures.js';

const snapshot = baseSnapshot();
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function stub(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void, port = 0): Promise<{ url: string; calls: () => number; seen: IncomingMessage[] }> {
  let n = 0;
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    req.resume();
    handler(req, res, ++n);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls: () => n, seen };
}

const ok = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json', etag: `"${snapshot.version}"` });
  res.end(JSON.stringify(snapshot));
};
const fast = { backoffMs: 10, attempts: 4 };

describe('http target retries', () => {
  it('retries 502, 503 and 504, then succeeds', async () => {
    const s = await stub((_req, res, n) => (n <= 3 ? (res.writeHead([502, 503, 504][n - 1]!), res.end()) : ok(res)));
    const t = new HttpTarget(s.url, fast);
    expect((await t.read()).version).toBe(snapshot.version);
    expect(s.calls()).toBe(4);
    await t.close();
  });

  it('gives up after its attempts with an error naming the status', async () => {
    const s = await stub((_req, res) => (res.writeHead(503), res.end('{"error":{"code":"x","message":"overloaded"}}')));
    const t = new HttpTarget(s.url, { backoffMs: 5, attempts: 3 });
    await expect(t.read()).rejects.toThrow(/answered 503: overloaded/);
    expect(s.calls()).toBe(3);
    await t.close();
  });

  it('never retries a 4xx', async () => {
    for (const status of [400, 401, 404, 409, 412, 429]) {
      const s = await stub((_req, res) => (res.writeHead(status, { 'content-type': 'application/json' }), res.end('{"current":null}')));
      const t = new HttpTarget(s.url, fast);
      await t.write(snapshot, { ifMatch: null }).catch(() => undefined);
      expect(s.calls(), `status ${status}`).toBe(1);
      await t.close();
    }
  });

  it('retries a connection reset', async () => {
    const s = await stub((req, res, n) => (n === 1 ? req.socket.destroy() : ok(res)));
    const t = new HttpTarget(s.url, fast);
    expect((await t.read()).version).toBe(snapshot.version);
    expect(s.calls()).toBe(2);
    await t.close();
  });

  it('retries a refused connection until the server is up', async () => {
    const probe = await stub(() => undefined);
    const port = Number(new URL(probe.url).port);
    await new Promise((r) => servers.pop()!.close(r));
    const t = new HttpTarget(`http://127.0.0.1:${port}`, { backoffMs: 100, attempts: 6 });
    const reading = t.read();
    await new Promise((r) => setTimeout(r, 120));
    await stub((_req, res) => ok(res), port);
    expect((await reading).version).toBe(snapshot.version);
    await t.close();
  });

  it('fails with a clear error when nothing ever listens', async () => {
    const probe = await stub(() => undefined);
    const port = Number(new URL(probe.url).port);
    await new Promise((r) => servers.pop()!.close(r));
    const t = new HttpTarget(`http://127.0.0.1:${port}`, { backoffMs: 5, attempts: 2 });
    await expect(t.read()).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/v1\/snapshot: .*ECONNREFUSED|connect/i);
    await t.close();
  });

  it('sends the token as a bearer header and preconditions as entity tags', async () => {
    const s = await stub((_req, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify({ version: snapshot.version, previous: null }))));
    const t = new HttpTarget(s.url, { token: 'tok-123' });
    await t.write(snapshot, { ifMatch: null });
    await t.write(snapshot, { ifMatch: 'sha256:abc' });
    expect(s.seen[0]!.headers['authorization']).toBe('Bearer tok-123');
    expect(s.seen[0]!.headers['if-none-match']).toBe('*');
    expect(s.seen[1]!.headers['if-match']).toBe('"sha256:abc"');
    await t.close();
  });

  it('never shows credentials of the URL in its description', () => {
    expect(new HttpTarget('http://user:pa55@127.0.0.1:9/base').description).toBe('http://127.0.0.1:9/base');
  });

  describe('writes', () => {
    it('a replica (405 replica) is a read-only refusal naming the source, sent once', async () => {
      const s = await stub((_req, res) => (res.writeHead(405, { 'content-type': 'application/json', allow: 'GET, HEAD' }), res.end('{"error":{"code":"replica","message":"this server is a replica of redis://***@h:6379/0?key=prod: apply there"}}')));
      const t = new HttpTarget(s.url, fast);
      expect(await t.write(snapshot, { ifMatch: null })).toEqual({ status: 'refused', reason: 'read-only', message: 'this server is a replica of redis://***@h:6379/0?key=prod: apply there', errors: [] });
      expect(s.calls()).toBe(1);
      await t.close();
    });

    it('never resends a push after a response arrived, even a 503', async () => {
      const s = await stub((_req, res) => (res.writeHead(503, { 'content-type': 'application/json' }), res.end('{"error":{"code":"x","message":"overloaded"}}')));
      const t = new HttpTarget(s.url, fast);
      await expect(t.write(snapshot, { ifMatch: null })).rejects.toThrow(/answered 503: overloaded/);
      expect(s.calls()).toBe(1);
      await t.close();
    });

    it('never resends a push whose connection was cut after the body was sent (a refusal looks like that)', async () => {
      const s = await stub((req) => req.on('end', () => req.socket.destroy()));
      const t = new HttpTarget(s.url, fast);
      await expect(t.write(snapshot, { ifMatch: null })).rejects.toThrow(/PUT http:\/\/127\.0\.0\.1:\d+\/v1\/snapshot/);
      expect(s.calls()).toBe(1);
      await t.close();
    });

    it('retries a push that never reached the server (connection refused), once it is up', async () => {
      const probe = await stub(() => undefined);
      const port = Number(new URL(probe.url).port);
      await new Promise((r) => servers.pop()!.close(r));
      const t = new HttpTarget(`http://127.0.0.1:${port}`, { backoffMs: 100, attempts: 6 });
      const pending = t.write(snapshot, { ifMatch: null });
      await new Promise((r) => setTimeout(r, 150));
      const s = await stub((_req, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify({ version: snapshot.version, previous: null }))), port);
      expect(await pending).toMatchObject({ status: 'ok', version: snapshot.version });
      expect(s.calls()).toBe(1);
      await t.close();
    });
  });
});

describe('http target answers are read up to a limit', () => {
  const limit = 256 * 1024;

  it('an answer that streams without end is dropped at the limit with a clear error, once (not retried)', async () => {
    let sent = 0;
    let closed = false;
    const s = await stub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        while (!closed && res.write(chunk)) sent += chunk.length;
      };
      res.on('drain', pump);
      res.on('close', () => (closed = true));
      pump();
    });
    // A password in the URL and the admin token are planted: the error shows neither.
    const t = new HttpTarget(s.url.replace('http://', 'http://admin:url-pass-0451@'), { ...fast, maxBytes: limit, token: 'admin-token-0451' });
    const err = (await t.read().catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/GET .*\/v1\/snapshot: the answer is larger than 262144 bytes, the most this client reads/);
    expect(err.message).not.toContain('url-pass-0451');
    expect(err.message).not.toContain('admin-token-0451');
    expect(s.calls()).toBe(1);
    await expect.poll(() => closed).toBe(true);
    // The server stops once the client lets go: what it wrote is bounded by the limit and the two sockets' kernel buffers (a few MiB each on loopback), not by time.
    expect(sent).toBeLessThan(limit + 32 * 1024 * 1024);
  });

  it('a declared length over the limit is refused before the body is read', async () => {
    const s = await stub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(limit + 1) });
      res.write('{');
    });
    const t = new HttpTarget(s.url, { ...fast, maxBytes: limit });
    await expect(t.read()).rejects.toThrow(/the answer is larger than 262144 bytes/);
    expect(s.calls()).toBe(1);
  });

  it('an answer at the limit is read whole', async () => {
    const body = JSON.stringify(snapshot);
    const s = await stub((_req, res) => ok(res));
    expect((await new HttpTarget(s.url, { ...fast, maxBytes: Buffer.byteLength(body) }).read()).version).toBe(snapshot.version);
    await expect(new HttpTarget(s.url, { ...fast, maxBytes: Buffer.byteLength(body) - 1 }).read()).rejects.toThrow(/larger than/);
  });
});
