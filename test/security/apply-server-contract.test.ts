// The server side rollback relies on (GET /v1/history?version=V, admin
// token only), and a replay refusal from the server mapped to exit 3.
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, put, tempDir, testServer, TOKEN, type TestServer } from '../server/helpers.js';
import { catalog, run } from '../apply/cli-helpers.js';

describe('GET /v1/history?version=V', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer();
  });
  afterEach(async () => server.close());

  it('returns a kept document to the admin token only, 404 for one not kept', async () => {
    const v1 = baseSnapshot();
    const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 1));
    expect((await put(server.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
    expect((await put(server.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` })).status).toBe(200);
    const path = `/v1/history?version=${encodeURIComponent(v1.version)}`;
    const kept = await call(server.url, 'GET', path);
    expect(kept.status).toBe(200);
    expect(kept.json()).toEqual(v1);
    expect((await call(server.url, 'GET', path, { token: null })).status).toBe(401);
    expect((await call(server.url, 'GET', path, { token: 'not-the-token' })).status).toBe(401);
    expect((await call(server.url, 'GET', `/v1/history?version=sha256:${'0'.repeat(64)}`)).status).toBe(404);
    // Without the parameter it is still the list.
    expect((await call(server.url, 'GET', '/v1/history')).json().versions).toHaveLength(2);
  });
});

describe('a replay refusal', () => {
  let stub: Server;
  let url: string;
  let tmp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    tmp = await tempDir();
    // Nothing live; every push refused as a replay (as a serial-checking server answers).
    stub = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const [status, body] = req.method === 'PUT' ? [409, { error: { code: 'replay', message: 'signed serial 1 is not above 2' } }] : [404, { error: { code: 'not-found', message: 'none' } }];
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(stub.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    await new Promise((r) => stub.close(r));
    await tmp.remove();
  });

  it('exits 3 from apply', async () => {
    const v1 = await catalog(tmp.dir, 'v1');
    const res = await run(['apply', v1, '--target', url], { cwd: tmp.dir, env: { MODELCTL_ADMIN_TOKEN: TOKEN } });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('signed serial 1 is not above 2');
    expect(res.stderr).not.toContain(TOKEN);
  });
});
