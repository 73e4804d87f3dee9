// PUT /v1/snapshot takes Content-Encoding: gzip (a 73 MB snapshot travels as
// a few MB); the limit bounds both the wire and the decoded size, so a small
// gzip bomb is refused; what GET /v1/snapshot serves is the decoded document,
// byte for byte. Checked inline and in the worker thread (built dist/).
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { startServer as StartServer } from '../../src/server/index.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, TOKEN, type TestServer, testServer } from './helpers.js';

const v1 = baseSnapshot();
const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 1));
const v3 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 2));

async function putBytes(url: string, body: Buffer, headers: Record<string, string>) {
  const res = await request(`${url}/v1/snapshot`, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, body });
  const text = await res.body.text();
  return { status: res.statusCode, json: () => JSON.parse(text) };
}

const distStart = async (): Promise<typeof StartServer> => ((await import(new URL('../../dist/server/index.js', import.meta.url).href)) as { startServer: typeof StartServer }).startServer;

for (const mode of ['inline', 'worker'] as const) {
  describe(`gzip pushes (${mode})`, () => {
    let server: Pick<TestServer, 'url' | 'close'>;
    beforeAll(async () => {
      const opts = { host: '127.0.0.1', port: 0, adminToken: TOKEN, maxBodyBytes: 64 * 1024, log: () => {} };
      server = mode === 'inline' ? await testServer({ ...opts, verifyIn: 'inline' }) : await (await distStart())({ ...opts, verifyIn: 'worker', verifyInlineMaxBytes: 0 });
    });
    afterAll(() => server.close());

    it('applies a gzip body and serves the decoded document byte for byte', async () => {
      const pretty = JSON.stringify(v1, null, 2);
      const res = await putBytes(server.url, gzipSync(pretty), { 'content-encoding': 'gzip', 'if-none-match': '*' });
      expect(res.status).toBe(200);
      expect(res.json().version).toBe(v1.version);
      const got = await call(server.url, 'GET', '/v1/snapshot', { token: null });
      expect(got.text).toBe(pretty);
      expect(got.headers['etag']).toBe(`"${v1.version}"`);
    });

    it('refuses a gzip body that is not gzip, and one in an unknown encoding, leaving the live state alone', async () => {
      const bad = await putBytes(server.url, Buffer.from(JSON.stringify(v2)), { 'content-encoding': 'gzip', 'if-match': `"${v1.version}"` });
      expect(bad.status).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'invalid', message: 'the body is not valid gzip' });
      const br = await putBytes(server.url, Buffer.from(JSON.stringify(v2)), { 'content-encoding': 'br', 'if-match': `"${v1.version}"` });
      expect(br.status).toBe(415);
      expect((await call(server.url, 'GET', '/v1/snapshot', { token: null })).headers['etag']).toBe(`"${v1.version}"`);
    });

    it('refuses a small body that decompresses past the limit (a gzip bomb), naming the limit and the flag', async () => {
      const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
      expect(bomb.length).toBeLessThan(64 * 1024);
      const res = await putBytes(server.url, bomb, { 'content-encoding': 'gzip', 'if-match': `"${v1.version}"` });
      expect(res.status).toBe(413);
      expect(res.json().error.message).toMatch(/decompresses to over 65536 bytes.*--max-body-bytes/);
      expect(res.json().maxBodyBytes).toBe(65536);
    });

    it('still applies plain and gzip pushes after the refusals', async () => {
      expect((await putBytes(server.url, Buffer.from(JSON.stringify(v2)), { 'if-match': `"${v1.version}"` })).status).toBe(200);
      expect((await putBytes(server.url, gzipSync(JSON.stringify(v3)), { 'content-encoding': 'GZIP', 'if-match': `"${v2.version}"` })).status).toBe(200);
      const status = (await call(server.url, 'GET', '/v1/status', { token: null })).json();
      expect(status.version).toBe(v3.version);
    });
  });
}
