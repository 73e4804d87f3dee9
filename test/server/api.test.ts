// The gateway API over HTTP: catalog, resolve, report, status, metrics, long
// polling, and requests in flight while snapshots swap.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, GATEWAY, put, report, testServer, type TestServer } from './helpers.js';

const SECRET = 'sk-ant-live-9f8e7d6c5b4a3210';
const env = { ANTHROPIC_API_KEY: SECRET, OPENAI_API_KEY: 'sk-openai-live-0123456789' };
const v1 = baseSnapshot();
const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 1));
const resolveBody = JSON.stringify({ entryPoint: 'cli', groups: ['eng'], model: 'claude-sonnet' });

describe('gateway API', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer({ resolverOptions: { env, random: () => 0.5 } });
    expect((await put(server.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
  });
  afterEach(async () => {
    await server.close();
  });

  it('resolves a request to attempts, prompt and pricing, without credential values', async () => {
    const res = await call(server.url, 'POST', '/v1/resolve', { body: resolveBody, token: null });
    expect(res.status).toBe(200);
    expect(res.headers['x-snapshot-version']).toBe(v1.version);
    const result = res.json();
    expect(result).toMatchObject({ ok: true, model: 'claude-sonnet', pricing: { input: 3, output: 15 } });
    expect(result.attempts[0]).toMatchObject({ provider: 'anthropic', credential: { env: 'ANTHROPIC_API_KEY' } });
    expect(result.systemPrompt).toContain('Prefer small, reviewable diffs.');
    expect(res.text).not.toContain(SECRET);
  });

  it('answers typed resolve errors with 200 and bad requests with 400', async () => {
    const missing = await call(server.url, 'POST', '/v1/resolve', { body: JSON.stringify({ entryPoint: 'cli', groups: [], model: 'nope' }) });
    expect(missing.status).toBe(200);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'model-not-found' } });
    for (const bad of ['{', '[]', JSON.stringify({ groups: [] }), JSON.stringify({ entryPoint: 'cli', groups: 'eng', model: 'x' }), JSON.stringify({ entryPoint: 'cli', groups: [] })]) {
      const res = await call(server.url, 'POST', '/v1/resolve', { body: bad });
      expect(res.status, bad).toBe(400);
      expect(res.json().error.code).toBe('invalid-request');
    }
  });

  it('serves the catalog for an entry point and groups', async () => {
    const res = await call(server.url, 'GET', '/v1/catalog?entryPoint=cli&groups=eng,data&locale=zh');
    expect(res.status).toBe(200);
    const catalog = res.json();
    expect(catalog.defaultModel).toBe('claude-sonnet');
    expect(catalog.models.map((m: { name: string }) => m.name)).toEqual(['claude-sonnet', 'claude-opus', 'gpt-5']);
    expect(catalog.tiers.map((t: { displayName: string }) => t.displayName)).toEqual(['自动', '旗舰']);
    expect((await call(server.url, 'GET', '/v1/catalog?groups=eng')).status).toBe(400);
  });

  it('takes reports, opens breakers, and shows them in status and metrics', async () => {
    const sourceId = v1.models['gpt-5']!.sources[0]!.id;
    for (let i = 0; i < 3; i++) expect((await report(server.url, sourceId, false)).status).toBe(204);
    expect((await call(server.url, 'POST', '/v1/report', { body: JSON.stringify({ sourceId }), token: GATEWAY })).status).toBe(400);
    const status = (await call(server.url, 'GET', '/v1/status')).json();
    expect(status).toMatchObject({ ready: true, version: v1.version });
    expect(Number.isNaN(Date.parse(status.loadedAt))).toBe(false);
    expect(status.breakers).toEqual([expect.objectContaining({ sourceId, state: 'open' })]);
    await call(server.url, 'POST', '/v1/resolve', { body: resolveBody });
    const metrics = await call(server.url, 'GET', '/metrics');
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.text).toContain(`modelctl_snapshot_info{version="${v1.version}"} 1`);
    expect(metrics.text).toContain(`modelctl_circuit_breaker_state{source="${sourceId}",state="open"} 2`);
    expect(metrics.text).toContain('modelctl_http_requests_total{route="/v1/report",method="POST",status="204"} 3');
    expect(metrics.text).toContain('modelctl_http_requests_total{route="/v1/snapshot",method="PUT",status="200"} 1');
    expect(metrics.text).toMatch(/modelctl_resolve_duration_seconds_bucket\{le="\+Inf"\} 1\n/);
    expect(metrics.text).toMatch(/modelctl_resolve_duration_seconds_count 1\n/);
    expect(metrics.text).toContain('modelctl_resolve_results_total{result="ok"} 1');
    expect(metrics.text).toContain('modelctl_ready 1');
    // every sample line is `name{labels} value` or `name value`
    for (const line of metrics.text.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$/);
  });

  it('keeps open circuits across a snapshot push', async () => {
    const sourceId = v1.models['gpt-5']!.sources[0]!.id;
    for (let i = 0; i < 3; i++) expect((await report(server.url, sourceId, false)).status).toBe(204);
    expect((await put(server.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` })).status).toBe(200);
    const status = (await call(server.url, 'GET', '/v1/status')).json();
    expect(status.version).toBe(v2.version);
    expect(status.breakers).toEqual([expect.objectContaining({ sourceId, state: 'open' })]);
  });

  it('long-polls: holds until the version changes', async () => {
    const started = Date.now();
    const waiting = call(server.url, 'GET', '/v1/snapshot?wait=10', { headers: { 'if-none-match': `"${v1.version}"` } });
    await new Promise((r) => setTimeout(r, 150));
    await put(server.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` });
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe(`"${v2.version}"`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('long-polls: answers 304 when the wait expires unchanged', async () => {
    const started = Date.now();
    const res = await call(server.url, 'GET', '/v1/snapshot?wait=1', { headers: { 'if-none-match': `"${v1.version}"` } });
    expect(res.status).toBe(304);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('answers every request while snapshots swap, each from one consistent snapshot', async () => {
    const versions = [v1, ...Array.from({ length: 8 }, (_, i) => edit(v1, (d) => void (d.models['claude-sonnet']!.pricing.output = 16 + i)))];
    let pushing = true;
    const results: Awaited<ReturnType<typeof call>>[] = [];
    const worker = async () => {
      while (pushing) results.push(await call(server.url, 'POST', '/v1/resolve', { body: resolveBody, token: null }));
    };
    const workers = Array.from({ length: 16 }, worker);
    for (let i = 1; i < versions.length; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const res = await put(server.url, JSON.stringify(versions[i]), { 'if-match': `"${versions[i - 1]!.version}"` });
      expect(res.status).toBe(200);
    }
    pushing = false;
    await Promise.all(workers);
    const seen = new Set<string>();
    for (const r of results) {
      expect(r.status).toBe(200);
      const body = r.json();
      expect(body.ok).toBe(true);
      const version = r.headers['x-snapshot-version'] as string;
      seen.add(version);
      const expected = versions.find((v) => v.version === version)!;
      expect(body.pricing.output).toBe(expected.models['claude-sonnet']!.pricing.output);
    }
    expect(results.length).toBeGreaterThan(50);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect((await call(server.url, 'GET', '/v1/status')).json().version).toBe(versions.at(-1)!.version);
  });

  it('answers a request that started before a swap with the snapshot it started with', async () => {
    const { request } = await import('node:http');
    const url = new URL(server.url);
    const reply = new Promise<{ status: number; version: string; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/v1/resolve', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(resolveBody) } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, version: res.headers['x-snapshot-version'] as string, body }));
      });
      req.on('error', reject);
      // Half the body now; the rest after the swap.
      req.write(resolveBody.slice(0, 10));
      setTimeout(async () => {
        const swapped = await put(server.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` });
        expect(swapped.status).toBe(200);
        req.end(resolveBody.slice(10));
      }, 100);
    });
    const res = await reply;
    expect(res.status).toBe(200);
    expect(res.version).toBe(v1.version);
    expect(JSON.parse(res.body).ok).toBe(true);
    expect((await call(server.url, 'GET', '/v1/status')).json().version).toBe(v2.version);
  });

  it('never puts the admin token or credential values in logs or responses', async () => {
    await put(server.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` });
    await put(server.url, JSON.stringify(v2), { 'if-match': '"sha256:stale"' });
    await put(server.url, '{broken', { 'if-match': `"${v2.version}"` }, 'a-wrong-token-guess');
    const replies = await Promise.all([
      call(server.url, 'GET', '/v1/status'),
      call(server.url, 'GET', '/metrics'),
      call(server.url, 'GET', '/v1/history'),
      call(server.url, 'POST', '/v1/resolve', { body: resolveBody }),
      call(server.url, 'GET', '/v1/snapshot'),
    ]);
    const everything = server.logText() + replies.map((r) => r.text + JSON.stringify(r.headers)).join('\n');
    expect(server.logs.length).toBeGreaterThan(0);
    expect(everything).not.toContain('test-admin-token');
    expect(everything).not.toContain(GATEWAY);
    expect(everything).not.toContain('a-wrong-token-guess');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(env.OPENAI_API_KEY);
  });
});
