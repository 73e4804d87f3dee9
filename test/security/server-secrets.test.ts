// Every output path added for issue 8 — 401 and 429 bodies and headers, the
// per-window refusal log line, replay refusals, the listening line with
// gateway tokens, serve's stderr — is driven with planted tokens and
// credential values, and none of them appears anywhere in what comes out.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, put, tempDir, testServer, type Reply, type TestServer } from '../server/helpers.js';

const ADMIN = 'planted-admin-token-a1b2c3d4e5';
const GW_NEW = 'planted-gateway-new-f6a7b8c9d0';
const GW_OLD = 'planted-gateway-old-0e1f2a3b4c';
const GUESS = 'planted-attacker-guess-5d6e7f8a9b';
const CREDENTIAL = 'sk-planted-credential-value-1c2d3e';
const PLANTED = [ADMIN, GW_NEW, GW_OLD, GUESS, CREDENTIAL];

const keys = generateSigningKeys();
const v1 = baseSnapshot();
const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 1));
const sourceId = v1.models['gpt-5']!.sources[0]!.id;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const dump = (replies: Reply[]) => replies.map((r) => `${r.status} ${JSON.stringify(r.headers)} ${r.text}`).join('\n');

function expectClean(text: string): void {
  for (const p of PLANTED) expect(text).not.toContain(p);
  // Not even a prefix long enough to help a guesser.
  for (const p of PLANTED) expect(text).not.toContain(p.slice(0, 16));
}

describe('planted secrets never come out of the new paths', () => {
  it('HTTP answers and logs: 401, 429, window lines, replay, reports, metrics', async () => {
    const clock = { now: 1_700_000_000_000 };
    const s: TestServer = await testServer({
      adminToken: ADMIN,
      gatewayTokens: [GW_NEW, GW_OLD],
      requireGatewayToken: true,
      verifyKey: keys.publicKeyPem,
      authLimit: { limit: 2, now: () => clock.now },
      resolverOptions: { env: { ANTHROPIC_API_KEY: CREDENTIAL, OPENAI_API_KEY: CREDENTIAL } },
    });
    const replies: Reply[] = [];
    const r = async (p: Promise<Reply>) => replies.push(await p);
    await r(put(s.url, JSON.stringify(signSnapshot(v1, keys.privateKeyPem, { serial: 5 })), { 'if-none-match': '*' }, ADMIN));
    await r(put(s.url, JSON.stringify(signSnapshot(v2, keys.privateKeyPem, { serial: 4 })), { 'if-match': `"${v1.version}"` }, ADMIN)); // replay
    await r(call(s.url, 'POST', '/v1/report', { body: JSON.stringify({ sourceId, ok: false }), token: GW_OLD }));
    await r(call(s.url, 'POST', '/v1/resolve', { body: JSON.stringify({ entryPoint: 'cli', groups: ['eng'], model: 'gpt-5' }), token: GW_NEW }));
    await r(call(s.url, 'POST', '/v1/report', { body: JSON.stringify({ sourceId, ok: true }), token: ADMIN })); // wrong role
    await r(call(s.url, 'GET', '/v1/history', { token: GW_NEW })); // wrong role
    for (let i = 0; i < 4; i++) await r(call(s.url, 'GET', '/v1/catalog?entryPoint=cli&groups=eng', { token: `${GUESS}${i}` })); // the budget (2) is spent: 429s
    await r(call(s.url, 'GET', '/v1/snapshot', { token: GW_NEW })); // limited peer: 429 even for a good token
    clock.now += 61_000;
    await r(call(s.url, 'GET', '/v1/history', { token: GUESS, from: '127.0.0.2' }));
    await r(call(s.url, 'GET', '/v1/status', { token: null }));
    await r(call(s.url, 'GET', '/metrics', { token: null }));
    await s.close();
    expect(replies.map((x) => x.status)).toEqual([200, 409, 204, 200, 401, 401, 429, 429, 429, 429, 429, 401, 200, 200]);
    expect(s.logs.filter((l) => l.msg === 'authentication refused').length).toBeGreaterThanOrEqual(2);
    expectClean(dump(replies));
    expectClean(s.logText());
  });

  it('serve: stderr with tokens and a gateway rotation set, through start, refusals and stop', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    await writeFile(join(t.dir, 'pub.pem'), keys.publicKeyPem);
    const { main } = await import('../../src/cli/main.js');
    const stop = new AbortController();
    let stderr = '';
    let stdout = '';
    const done = main(['serve', '--port', '0', '--state-dir', join(t.dir, 'state'), '--verify-key', 'pub.pem', '--require-gateway-token'], {
      stdout: { write: (x: string) => void (stdout += x) },
      stderr: { write: (x: string) => void (stderr += x) },
      env: { MODELCTL_ADMIN_TOKEN: ADMIN, MODELCTL_GATEWAY_TOKEN: `${GW_NEW}, ${GW_OLD}`, ANTHROPIC_API_KEY: CREDENTIAL },
      cwd: t.dir,
      signal: stop.signal,
    });
    for (let i = 0; i < 300 && !stderr.includes('"msg":"listening"'); i++) await new Promise((res) => setTimeout(res, 10));
    const listening = JSON.parse(stderr.split('\n').find((l) => l.includes('"msg":"listening"'))!);
    expect(listening).toMatchObject({ gatewayTokens: 2, gatewayTokenRequired: true, signatureRequired: true });
    const url = listening.url as string;
    expect((await call(url, 'POST', '/v1/report', { body: JSON.stringify({ sourceId, ok: false }), token: GUESS })).status).toBe(401);
    expect((await put(url, JSON.stringify(v1), { 'if-none-match': '*' }, GUESS)).status).toBe(401);
    expect((await call(url, 'GET', '/v1/catalog?entryPoint=cli', { token: GW_OLD })).status).toBe(503);
    stop.abort();
    expect(await done).toBe(0);
    expect(stderr).toContain('"msg":"authentication refused"');
    expectClean(stderr + stdout);
  });
});
