// Failed authentication per peer: past the budget, 429 with Retry-After and no
// token check at all; one log line per peer per window with the counts; other
// peers unaffected. Peers are loopback addresses (127.0.0.1 and 127.0.0.2),
// both talking to the server on 127.0.0.1. The clock is injected: no timing.
import { afterEach, describe, expect, it } from 'vitest';
import { peerKey } from '../../src/server/auth-limit.js';
import { baseSnapshot } from '../plan/fixtures.js';
import { call, GATEWAY, put, report, testServer, TOKEN, type TestServer } from './helpers.js';

const v1 = baseSnapshot();
const sourceId = v1.models['gpt-5']!.sources[0]!.id;
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function limited(limit = 3) {
  const clock = { now: 1_700_000_000_000 };
  const s = await testServer({ authLimit: { limit, windowSeconds: 60, now: () => clock.now } });
  servers.push(s);
  const refusals = () => s.logs.filter((l) => l.msg === 'authentication refused');
  return { s, clock, refusals };
}

describe('failed-auth budget per peer', () => {
  it('answers 429 with Retry-After past the budget, even to the right token, and logs one line per window', async () => {
    const { s, clock, refusals } = await limited(3);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await put(s.url, '{}', { 'if-none-match': '*' }, `guess-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, ...Array(17).fill(429)]);
    const res = await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' }, TOKEN);
    expect(res.status).toBe(429);
    expect(res.json().error.code).toBe('rate-limited');
    expect(res.headers['retry-after']).toBe('60');
    clock.now += 45_000;
    expect((await call(s.url, 'GET', '/v1/history', { token: 'x' })).headers['retry-after']).toBe('15');
    // Nothing logged per request: the window is still open.
    expect(refusals()).toHaveLength(0);

    clock.now += 15_000; // the window ends: the right token works again
    expect((await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' }, TOKEN)).status).toBe(200);
    expect((await report(s.url, sourceId, false, 'bad-gateway-guess')).status).toBe(401);
    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]).toMatchObject({ level: 'warn', peer: '127.0.0.1', failures: 3, rateLimited: 19, windowSeconds: 60, routes: ['/v1/history', '/v1/snapshot'], reasons: ['wrong'] });

    await s.close(); // the second window is logged at stop
    expect(refusals()).toHaveLength(2);
    expect(refusals()[1]).toMatchObject({ failures: 1, rateLimited: 0, routes: ['/v1/report'] });
    const text = s.logText();
    for (let i = 0; i < 20; i++) expect(text).not.toContain(`guess-${i}`);
    expect(text).not.toContain('bad-gateway-guess');
    expect(text).not.toContain(TOKEN);
  });

  it('another peer keeps working while one is limited, and a limited peer is not checked at all', async () => {
    const { s } = await limited(2);
    for (let i = 0; i < 5; i++) await report(s.url, sourceId, false, 'nope');
    expect((await report(s.url, sourceId, false, GATEWAY)).status).toBe(429);
    expect((await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' }, TOKEN)).status).toBe(429);
    // 127.0.0.2 is another peer on the same loopback.
    expect((await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' }, TOKEN)).status).toBe(429);
    const other = await call(s.url, 'PUT', '/v1/snapshot', { body: JSON.stringify(v1), headers: { 'if-none-match': '*' }, token: TOKEN, from: '127.0.0.2' });
    expect(other.status).toBe(200);
    expect((await call(s.url, 'POST', '/v1/report', { body: JSON.stringify({ sourceId, ok: false }), token: GATEWAY, from: '127.0.0.2' })).status).toBe(204);
    const metrics = (await call(s.url, 'GET', '/metrics')).text;
    expect(metrics).toContain('modelctl_auth_refusals_total{role="gateway",result="wrong"} 2');
    expect(metrics).toMatch(/modelctl_auth_refusals_total\{role="gateway",result="rate-limited"\} 4\n/);
    expect(metrics).toContain('modelctl_auth_refusals_total{role="admin",result="rate-limited"} 2');
  });

  it('successful calls do not count, open routes are never limited', async () => {
    const { s } = await limited(2);
    for (let i = 0; i < 10; i++) expect((await call(s.url, 'GET', '/v1/history')).status).toBe(200);
    await call(s.url, 'GET', '/v1/history', { token: 'a' });
    await call(s.url, 'GET', '/v1/history', { token: 'b' });
    expect((await call(s.url, 'GET', '/v1/history')).status).toBe(429);
    expect((await call(s.url, 'GET', '/healthz', { token: 'c' })).status).toBe(200);
    expect((await call(s.url, 'GET', '/v1/status', { token: 'd' })).status).toBe(200);
  });

  it('keys peers by address, IPv6 by its /64, IPv4-mapped IPv6 as IPv4', () => {
    expect(peerKey('127.0.0.1')).toBe('127.0.0.1');
    expect(peerKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(peerKey('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(peerKey('2001:db8:0:12:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(peerKey('::1')).toBe('0:0:0:0::/64');
    expect(peerKey('fe80::')).toBe('fe80:0:0:0::/64');
    expect(peerKey(undefined)).toBe('unknown');
  });
});
