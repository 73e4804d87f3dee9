// GET /v1/snapshot with delta encoding (RFC 3229): a client holding the
// version the live one replaced, asking with `A-IM: modelctl-patch`, gets
// 226 IM Used and a patch that rebuilds the live document byte for byte; any
// other request gets what it got before (200 with the document, or 304).
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPatch } from '../../src/snapshot-bytes/patch.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, GATEWAY, put, testServer, TOKEN, type TestServer } from './helpers.js';

const v1 = baseSnapshot();
const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 11));
const v3 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 12.5));

async function get(s: TestServer, headers: Record<string, string>, path = '/v1/snapshot', method: 'GET' | 'HEAD' = 'GET') {
  const res = await request(s.url + path, { method, headers });
  return { status: res.statusCode, headers: res.headers, bytes: Buffer.from(await res.body.arrayBuffer()) };
}

describe('GET /v1/snapshot with A-IM: modelctl-patch', () => {
  let s: TestServer;
  const bytes: Record<string, Buffer> = {};
  beforeAll(async () => {
    s = await testServer({ resolverOptions: { env: { ANTHROPIC_API_KEY: 'x', OPENAI_API_KEY: 'y' } } });
    expect((await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
    // A reader asks for patches: from now on every swap makes one.
    bytes[v1.version] = (await get(s, { 'a-im': 'modelctl-patch' })).bytes;
    expect((await put(s.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` })).status).toBe(200);
    bytes[v2.version] = (await get(s, {})).bytes;
  });
  afterAll(async () => {
    await s.close();
  });

  it('answers 226 with a patch from the version the client holds, which rebuilds the live document exactly', async () => {
    const r = await get(s, { 'if-none-match': `"${v1.version}"`, 'a-im': 'vcdiff, modelctl-patch;q=0.9' });
    expect(r.status).toBe(226);
    expect(r.headers).toMatchObject({ etag: `"${v2.version}"`, im: 'modelctl-patch', 'delta-base': `"${v1.version}"`, 'content-type': 'application/vnd.modelctl.patch', 'cache-control': 'no-store' });
    expect(r.bytes.length).toBeLessThan(bytes[v2.version]!.length / 4);
    expect(applyPatch(bytes[v1.version]!, r.bytes, 1 << 30)!.equals(bytes[v2.version]!)).toBe(true);
    const head = await get(s, { 'if-none-match': `"${v1.version}"`, 'a-im': 'modelctl-patch' }, '/v1/snapshot', 'HEAD');
    expect(head.status).toBe(226);
    expect(head.bytes.length).toBe(0);
  });

  it('answers as before otherwise: without A-IM, from another version, with several versions, or holding the live one', async () => {
    for (const headers of [
      { 'if-none-match': `"${v1.version}"` } as Record<string, string>,
      { 'if-none-match': `"${v1.version}"`, 'a-im': 'vcdiff' },
      { 'if-none-match': `"sha256:${'0'.repeat(64)}"`, 'a-im': 'modelctl-patch' },
      { 'if-none-match': `"${v1.version}", "sha256:${'0'.repeat(64)}"`, 'a-im': 'modelctl-patch' },
      { 'a-im': 'modelctl-patch' },
    ]) {
      const r = await get(s, headers);
      expect(r.status, JSON.stringify(headers)).toBe(200);
      expect(r.bytes.equals(bytes[v2.version]!)).toBe(true);
    }
    expect((await get(s, { 'if-none-match': `"${v2.version}"`, 'a-im': 'modelctl-patch' })).status).toBe(304);
  });

  it('a long poll held on the live version answers the next push with a patch from it', async () => {
    const polled = get(s, { 'if-none-match': `"${v2.version}"`, 'a-im': 'modelctl-patch' }, '/v1/snapshot?wait=10');
    await new Promise((r) => setTimeout(r, 100));
    expect((await put(s.url, JSON.stringify(v3), { 'if-match': `"${v2.version}"` })).status).toBe(200);
    const r = await polled;
    expect(r.status).toBe(226);
    expect(r.headers['delta-base']).toBe(`"${v2.version}"`);
    const live = (await get(s, {})).bytes;
    expect(applyPatch(bytes[v2.version]!, r.bytes, 1 << 30)!.equals(live)).toBe(true);
    // A rollback is a swap like any: a patch from what it replaced.
    expect((await call(s.url, 'POST', '/v1/rollback', { body: JSON.stringify({ version: v1.version }), headers: { 'content-type': 'application/json' } })).status).toBe(200);
    const back = await get(s, { 'if-none-match': `"${v3.version}"`, 'a-im': 'modelctl-patch' });
    expect(back.status).toBe(226);
    expect(applyPatch(live, back.bytes, 1 << 30)!.equals(bytes[v1.version]!)).toBe(true);
  });

  it('makes no patch until a reader has asked for one', async () => {
    const t = await testServer({});
    try {
      expect((await put(t.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
      expect((await put(t.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` })).status).toBe(200);
      // The first ask: nothing kept for the swap before it, the document whole.
      const first = await get(t, { 'if-none-match': `"${v1.version}"`, 'a-im': 'modelctl-patch' });
      expect(first.status).toBe(200);
      expect((await put(t.url, JSON.stringify(v3), { 'if-match': `"${v2.version}"` })).status).toBe(200);
      const next = await get(t, { 'if-none-match': `"${v2.version}"`, 'a-im': 'modelctl-patch' });
      expect(next.status).toBe(226);
      expect(applyPatch(first.bytes, next.bytes, 1 << 30)!.equals((await get(t, {})).bytes)).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('shows no credential value or token in a 226, its headers or its body', async () => {
    const secrets = ['sk-ant-planted-7f3a9c1e5b', 'sk-openai-planted-2d8e6b4a0c', GATEWAY, TOKEN];
    const t = await testServer({ requireGatewayToken: true, resolverOptions: { env: { ANTHROPIC_API_KEY: secrets[0]!, OPENAI_API_KEY: secrets[1]! } } });
    try {
      expect((await put(t.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
      await get(t, { authorization: `Bearer ${GATEWAY}`, 'a-im': 'modelctl-patch' });
      expect((await put(t.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` })).status).toBe(200);
      const r = await get(t, { authorization: `Bearer ${GATEWAY}`, 'if-none-match': `"${v1.version}"`, 'a-im': 'modelctl-patch' });
      expect(r.status).toBe(226);
      const shown = JSON.stringify(r.headers) + r.bytes.toString('latin1');
      for (const secret of secrets) expect(shown).not.toContain(secret);
      // And a reader without a token gets no patch either.
      expect((await get(t, { 'if-none-match': `"${v1.version}"`, 'a-im': 'modelctl-patch' })).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
