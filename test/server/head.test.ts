// HEAD answers like GET, without a body (it was 405).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseSnapshot } from '../plan/fixtures.js';
import { call, put, testServer, type TestServer } from './helpers.js';

const v1 = baseSnapshot();

describe('HEAD', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer({ resolverOptions: { env: { ANTHROPIC_API_KEY: 'x', OPENAI_API_KEY: 'y' } } });
    expect((await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
  });
  afterAll(async () => {
    await s.close();
  });

  for (const path of ['/healthz', '/readyz', '/v1/snapshot', '/v1/catalog?entryPoint=cli&groups=eng', '/v1/status', '/metrics']) {
    it(`HEAD ${path}: GET's status and headers, no body`, async () => {
      const get = await call(s.url, 'GET', path);
      const head = await call(s.url, 'HEAD', path);
      expect(head.status).toBe(200);
      expect(head.status).toBe(get.status);
      expect(head.text).toBe('');
      expect(get.text.length).toBeGreaterThan(0);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
      if (path !== '/metrics' && path !== '/v1/status') expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.text)));
    });
  }

  it('HEAD /v1/snapshot carries the ETag and answers 304 to If-None-Match', async () => {
    const head = await call(s.url, 'HEAD', '/v1/snapshot');
    expect(head.headers['etag']).toBe(`"${v1.version}"`);
    expect((await call(s.url, 'HEAD', '/v1/snapshot', { headers: { 'if-none-match': `"${v1.version}"` } })).status).toBe(304);
  });

  it('HEAD keeps a GET route’s errors (400 without entryPoint) and 405 where there is no GET', async () => {
    expect((await call(s.url, 'HEAD', '/v1/catalog')).status).toBe(400);
    const res = await call(s.url, 'HEAD', '/v1/resolve');
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('POST');
  });
});
