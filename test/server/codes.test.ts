// Status codes of the snapshot API: 401, 428, 412, 304, 404, 405, and the happy path.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, put, testServer, type TestServer } from './helpers.js';

const v1 = baseSnapshot();
const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 1));
const body = (s: unknown) => JSON.stringify(s);

describe('snapshot API status codes', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('answers 404 and readyz 503 before any snapshot', async () => {
    expect((await call(server.url, 'GET', '/v1/snapshot')).status).toBe(404);
    expect((await call(server.url, 'GET', '/readyz')).status).toBe(503);
    expect((await call(server.url, 'GET', '/healthz')).status).toBe(200);
    expect((await call(server.url, 'POST', '/v1/resolve', { body: body({ entryPoint: 'cli', groups: [], model: 'x' }) })).status).toBe(503);
  });

  it('needs the admin token: 401 without it or with a wrong one', async () => {
    const none = await put(server.url, body(v1), { 'if-none-match': '*' }, null);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await put(server.url, body(v1), { 'if-none-match': '*' }, 'wrong-token')).status).toBe(401);
    expect((await call(server.url, 'GET', '/v1/history', { token: null })).status).toBe(401);
    expect((await call(server.url, 'POST', '/v1/rollback', { token: 'nope', body: body({ version: v1.version }) })).status).toBe(401);
    expect((await call(server.url, 'GET', '/v1/snapshot')).status).toBe(404);
  });

  it('refuses every write when the server has no admin token', async () => {
    const open = await testServer({ adminToken: undefined });
    try {
      const res = await put(open.url, body(v1), { 'if-none-match': '*' });
      expect(res.status).toBe(401);
      expect(res.json().error.message).toMatch(/admin API is disabled/);
    } finally {
      await open.close();
    }
  });

  it('needs a precondition: 428 without If-Match or If-None-Match', async () => {
    const res = await put(server.url, body(v1), {});
    expect(res.status).toBe(428);
    expect(res.json().error.code).toBe('precondition-required');
  });

  it('creates with If-None-Match: *, then serves it with an ETag and 304', async () => {
    const created = await put(server.url, body(v1), { 'if-none-match': '*' });
    expect(created.status).toBe(200);
    expect(created.json()).toEqual({ version: v1.version, previous: null, warnings: expect.any(Array) });
    const got = await call(server.url, 'GET', '/v1/snapshot');
    expect(got.status).toBe(200);
    expect(got.headers['etag']).toBe(`"${v1.version}"`);
    expect(JSON.parse(got.text)).toEqual(v1);
    expect((await call(server.url, 'GET', '/v1/snapshot', { headers: { 'if-none-match': `"${v1.version}"` } })).status).toBe(304);
    expect((await call(server.url, 'GET', '/v1/snapshot', { headers: { 'if-none-match': `"${v2.version}"` } })).status).toBe(200);
    expect((await call(server.url, 'GET', '/readyz')).status).toBe(200);
  });

  it('answers 412 with the live version when the precondition does not hold', async () => {
    await put(server.url, body(v1), { 'if-none-match': '*' });
    const again = await put(server.url, body(v2), { 'if-none-match': '*' });
    expect(again.status).toBe(412);
    expect(again.json().current).toBe(v1.version);
    const wrong = await put(server.url, body(v2), { 'if-match': `"${v2.version}"` });
    expect(wrong.status).toBe(412);
    expect(wrong.json()).toMatchObject({ error: { code: 'stale' }, current: v1.version });
    const right = await put(server.url, body(v2), { 'if-match': `"${v1.version}"` });
    expect(right.status).toBe(200);
    expect(right.json()).toEqual({ version: v2.version, previous: v1.version, warnings: expect.any(Array) });
  });

  it('answers 404 for unknown routes and 405 for unknown methods', async () => {
    expect((await call(server.url, 'GET', '/v2/nothing')).status).toBe(404);
    const res = await call(server.url, 'DELETE', '/v1/snapshot');
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD, PUT');
  });

  it('rolls back over HTTP to a kept version, honouring If-Match', async () => {
    await put(server.url, body(v1), { 'if-none-match': '*' });
    await put(server.url, body(v2), { 'if-match': `"${v1.version}"` });
    const history = await call(server.url, 'GET', '/v1/history');
    expect(history.json().versions.map((v: { version: string }) => v.version)).toEqual([v2.version, v1.version]);
    expect((await call(server.url, 'POST', '/v1/rollback', { body: body({ version: v1.version }), headers: { 'if-match': `"${v1.version}"` } })).status).toBe(412);
    expect((await call(server.url, 'POST', '/v1/rollback', { body: body({ version: 'sha256:' + 'f'.repeat(64) }) })).status).toBe(404);
    const ok = await call(server.url, 'POST', '/v1/rollback', { body: body({ version: v1.version }), headers: { 'if-match': `"${v2.version}"` } });
    expect(ok.json()).toEqual({ version: v1.version, previous: v2.version, warnings: expect.any(Array) });
    expect((await call(server.url, 'GET', '/v1/snapshot')).headers['etag']).toBe(`"${v1.version}"`);
  });
});
