// POST /v1/report takes a gateway token (never the admin token), admin routes
// never take a gateway token, several gateway tokens rotate, and with
// requireGatewayToken catalog, resolve and snapshot reads take one too.
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { baseSnapshot } from '../plan/fixtures.js';
import { call, GATEWAY, put, report, testServer, TOKEN, type TestServer } from './helpers.js';

const v1 = baseSnapshot();
const sourceId = v1.models['gpt-5']!.sources[0]!.id;
const resolveBody = JSON.stringify({ entryPoint: 'cli', groups: ['eng'], model: 'gpt-5' });
const env = { ANTHROPIC_API_KEY: 'x', OPENAI_API_KEY: 'y' };

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(opts: Parameters<typeof testServer>[0] = {}): Promise<TestServer> {
  const s = await testServer({ resolverOptions: { env }, ...opts });
  servers.push(s);
  expect((await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
  return s;
}

const breakerState = async (s: TestServer) => (await call(s.url, 'GET', '/v1/status')).json().breakers.find((b: { sourceId: string }) => b.sourceId === sourceId)?.state ?? 'closed';

describe('POST /v1/report', () => {
  it('refuses anonymous reports: nine of them no longer open a breaker', async () => {
    const s = await server();
    for (let i = 0; i < 9; i++) {
      const res = await report(s.url, sourceId, false, null);
      expect(res.status).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="modelctl-gateway"');
    }
    expect(await breakerState(s)).toBe('closed');
    expect((await call(s.url, 'POST', '/v1/resolve', { body: resolveBody, token: null })).json().attempts[0].sourceId).toBe(sourceId);
  });

  it('refuses the admin token: the roles are distinct', async () => {
    const s = await server();
    for (let i = 0; i < 3; i++) expect((await report(s.url, sourceId, false, TOKEN)).status).toBe(401);
    expect(await breakerState(s)).toBe('closed');
  });

  it('takes the gateway token, and an anonymous {ok:true} cannot close what gateways opened', async () => {
    const s = await server();
    for (let i = 0; i < 3; i++) expect((await report(s.url, sourceId, false)).status).toBe(204);
    expect(await breakerState(s)).toBe('open');
    expect((await report(s.url, sourceId, true, null)).status).toBe(401);
    expect((await report(s.url, sourceId, true, 'guess')).status).toBe(401);
    expect(await breakerState(s)).toBe('open');
  });

  it('accepts every configured token during a rotation, and no other', async () => {
    const s = await server({ gatewayTokens: ['gw-new-7f3a9e', 'gw-old-2b8c41'] });
    expect((await report(s.url, sourceId, false, 'gw-new-7f3a9e')).status).toBe(204);
    expect((await report(s.url, sourceId, false, 'gw-old-2b8c41')).status).toBe(204);
    expect((await report(s.url, sourceId, false, GATEWAY)).status).toBe(401);
    expect((await report(s.url, sourceId, false, 'gw-new-7f3a9')).status).toBe(401);
    expect((await report(s.url, sourceId, false, 'gw-new-7f3a9e,gw-old-2b8c41')).status).toBe(401);
  });

  it('is refused outright when the server has no gateway token (never open by default)', async () => {
    const s = await server({ gatewayTokens: [] });
    const res = await report(s.url, sourceId, false, GATEWAY);
    expect(res.status).toBe(401);
    expect(res.json().error.message).toMatch(/MODELCTL_GATEWAY_TOKEN/);
    expect((await report(s.url, sourceId, false, TOKEN)).status).toBe(401);
  });
});

describe('admin routes never take a gateway token', () => {
  it('PUT /v1/snapshot, GET /v1/history and POST /v1/rollback answer 401 to it', async () => {
    const s = await server();
    expect((await put(s.url, JSON.stringify(v1), { 'if-match': `"${v1.version}"` }, GATEWAY)).status).toBe(401);
    expect((await call(s.url, 'GET', '/v1/history', { token: GATEWAY })).status).toBe(401);
    expect((await call(s.url, 'POST', '/v1/rollback', { token: GATEWAY, body: JSON.stringify({ version: v1.version }) })).status).toBe(401);
    expect((await call(s.url, 'GET', '/v1/history')).status).toBe(200);
  });

  it('a server refuses to start with the admin token among the gateway tokens', async () => {
    await expect(startServer({ host: '127.0.0.1', port: 0, adminToken: 'same-token-123', gatewayTokens: ['other', 'same-token-123'], log: () => undefined })).rejects.toThrow(/different tokens/);
    await expect(startServer({ host: '127.0.0.1', port: 0, requireGatewayToken: true, log: () => undefined })).rejects.toThrow(/at least one gateway token/);
  });
});

describe('read routes', () => {
  it('catalog, resolve and snapshot stay open by default', async () => {
    const s = await server();
    expect((await call(s.url, 'GET', '/v1/catalog?entryPoint=cli&groups=eng', { token: null })).status).toBe(200);
    expect((await call(s.url, 'POST', '/v1/resolve', { body: resolveBody, token: null })).status).toBe(200);
    expect((await call(s.url, 'GET', '/v1/snapshot', { token: null })).status).toBe(200);
  });

  it('with requireGatewayToken they take a gateway token; the snapshot takes the admin token too; probes stay open', async () => {
    const s = await server({ requireGatewayToken: true });
    for (const token of [null, 'wrong', TOKEN]) {
      expect((await call(s.url, 'GET', '/v1/catalog?entryPoint=cli&groups=eng', { token })).status, String(token)).toBe(401);
      expect((await call(s.url, 'POST', '/v1/resolve', { body: resolveBody, token })).status, String(token)).toBe(401);
    }
    expect((await call(s.url, 'GET', '/v1/catalog?entryPoint=cli&groups=eng', { token: GATEWAY })).status).toBe(200);
    expect((await call(s.url, 'POST', '/v1/resolve', { body: resolveBody, token: GATEWAY })).json().ok).toBe(true);
    expect((await call(s.url, 'GET', '/v1/snapshot', { token: null })).status).toBe(401);
    expect((await call(s.url, 'GET', '/v1/snapshot', { token: 'wrong' })).status).toBe(401);
    expect((await call(s.url, 'GET', '/v1/snapshot', { token: GATEWAY })).status).toBe(200);
    expect((await call(s.url, 'GET', '/v1/snapshot', { token: TOKEN })).status).toBe(200);
    for (const path of ['/healthz', '/readyz', '/metrics', '/v1/status']) expect((await call(s.url, 'GET', path, { token: null })).status, path).toBe(200);
  });
});

describe('metrics', () => {
  it('counts refused authentications by role and result', async () => {
    const s = await server();
    await report(s.url, sourceId, false, null);
    await report(s.url, sourceId, false, 'wrong');
    await put(s.url, '{}', { 'if-match': '"x"' }, 'wrong');
    const text = (await call(s.url, 'GET', '/metrics')).text;
    expect(text).toContain('modelctl_auth_refusals_total{role="gateway",result="missing"} 1');
    expect(text).toContain('modelctl_auth_refusals_total{role="gateway",result="wrong"} 1');
    expect(text).toContain('modelctl_auth_refusals_total{role="admin",result="wrong"} 1');
  });
});
