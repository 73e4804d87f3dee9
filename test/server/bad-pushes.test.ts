// A bad push never replaces the live snapshot: garbage, truncated JSON, schema
// failures, a forged version, oversized bodies, and — with a verify key —
// unsigned or wrongly signed snapshots.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, put, testServer, type TestServer } from './helpers.js';

const v1 = baseSnapshot();
const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 1));

async function liveVersion(server: TestServer): Promise<string | undefined> {
  return (await call(server.url, 'GET', '/v1/snapshot')).headers['etag'] as string | undefined;
}

describe('bad pushes (no verify key)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer({ maxBodyBytes: 256 * 1024 });
    expect((await put(server.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  const good = JSON.stringify(v2);
  const invalid = structuredClone(v2) as unknown as Record<string, any>;
  invalid['models']['gpt-5'].purpose = 'telepathy';
  const cases: [string, string, number, string][] = [
    ['garbage', '\u0000\u00ffnot json at all', 400, 'invalid'],
    ['truncated JSON', good.slice(0, Math.floor(good.length / 2)), 400, 'invalid'],
    ['an empty body', '', 400, 'invalid'],
    ['a JSON array', '[]', 400, 'invalid'],
    ['a schema failure', JSON.stringify(invalid), 400, 'invalid'],
    ['a version that does not match the content', JSON.stringify({ ...v2, version: v1.version.replace(/.$/, '0') }), 400, 'invalid'],
    ['a dangling reference', JSON.stringify(edit(v2, (d) => void (d.tiers['auto']!.models = ['nope']))), 400, 'invalid'],
    ['an oversized body', JSON.stringify({ ...v2, padding: 'x'.repeat(300 * 1024) }), 413, 'too-large'],
  ];
  for (const [name, text, status, code] of cases) {
    it(`refuses ${name} with ${status} and keeps the live snapshot`, async () => {
      const res = await put(server.url, text, { 'if-match': `"${v1.version}"` });
      expect(res.status).toBe(status);
      expect(res.json().error.code).toBe(code);
      if (status === 400 && code === 'invalid' && name !== 'garbage') expect(res.json().error.errors.length).toBeGreaterThan(0);
      expect(await liveVersion(server)).toBe(`"${v1.version}"`);
    });
  }

  it('refuses a chunked body that grows past the limit', async () => {
    const { request } = await import('undici');
    async function* chunks() {
      for (let i = 0; i < 64; i++) yield Buffer.alloc(16 * 1024, 0x20);
    }
    const res = await request(server.url + '/v1/snapshot', {
      method: 'PUT',
      headers: { authorization: 'Bearer test-admin-token-6d1f0c2a9b7e', 'if-match': `"${v1.version}"` },
      body: Readable.from(chunks()),
    }).catch((err: Error) => ({ statusCode: 0, error: err }));
    // Either the 413 arrives, or the server closes the connection while we still send.
    expect([0, 413]).toContain(res.statusCode);
    if ('body' in res) await res.body.text();
    expect(await liveVersion(server)).toBe(`"${v1.version}"`);
  });

  it('still takes a good push afterwards', async () => {
    expect((await put(server.url, good, { 'if-match': `"${v1.version}"` })).status).toBe(200);
    expect(await liveVersion(server)).toBe(`"${v2.version}"`);
  });
});

describe('bad pushes with a verify key', () => {
  const keys = generateSigningKeys();
  const other = generateSigningKeys();
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer({ verifyKey: keys.publicKeyPem });
    expect((await put(server.url, JSON.stringify(signSnapshot(v1, keys.privateKeyPem, { serial: 1 })), { 'if-none-match': '*' })).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses an unsigned snapshot', async () => {
    const res = await put(server.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('signature');
    expect(await liveVersion(server)).toBe(`"${v1.version}"`);
  });

  it('refuses a snapshot signed by another key', async () => {
    const res = await put(server.url, JSON.stringify(signSnapshot(v2, other.privateKeyPem)), { 'if-match': `"${v1.version}"` });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('signature');
    expect(await liveVersion(server)).toBe(`"${v1.version}"`);
  });

  it('refuses a signature over different content', async () => {
    const envelope = { snapshot: v2, signature: signSnapshot(v1, keys.privateKeyPem).signature };
    const res = await put(server.url, JSON.stringify(envelope), { 'if-match': `"${v1.version}"` });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('signature');
    expect(await liveVersion(server)).toBe(`"${v1.version}"`);
  });

  it('accepts a snapshot signed by the key, and serves the envelope', async () => {
    const envelope = signSnapshot(v2, keys.privateKeyPem, { serial: 2 });
    expect((await put(server.url, JSON.stringify(envelope), { 'if-match': `"${v1.version}"` })).status).toBe(200);
    const got = await call(server.url, 'GET', '/v1/snapshot');
    expect(got.headers['etag']).toBe(`"${v2.version}"`);
    expect(JSON.parse(got.text)).toEqual(envelope);
  });
});

describe('bad pushes, checked in the worker thread (built dist/)', () => {
  const keys = generateSigningKeys();
  let server: { url: string; close(): Promise<void> };
  const logs: { msg: string; verifyIn?: string }[] = [];
  beforeAll(async () => {
    // dist/ is built by the test global setup; sources run by vitest verify inline.
    const dist = (await import(new URL('../../dist/server/index.js', import.meta.url).href)) as typeof import('../../src/server/index.js');
    server = await dist.startServer({ host: '127.0.0.1', port: 0, adminToken: 'test-admin-token-6d1f0c2a9b7e', verifyKey: keys.publicKeyPem, verifyInlineMaxBytes: 0, log: (e) => void logs.push(e as never) });
  });
  afterAll(async () => {
    await server.close();
  });

  it('runs the worker, refuses bad pushes and takes a good one', async () => {
    expect(logs.find((l) => l.msg === 'listening')?.verifyIn).toBe('worker');
    expect((await put(server.url, '{"truncated', { 'if-none-match': '*' })).json().error.code).toBe('invalid');
    expect((await put(server.url, JSON.stringify(v1), { 'if-none-match': '*' })).json().error.code).toBe('signature');
    expect((await put(server.url, JSON.stringify(signSnapshot(v1, generateSigningKeys().privateKeyPem)), { 'if-none-match': '*' })).json().error.code).toBe('signature');
    expect((await call(server.url, 'GET', '/v1/snapshot')).status).toBe(404);
    expect((await put(server.url, JSON.stringify(signSnapshot(v1, keys.privateKeyPem)), { 'if-none-match': '*' })).status).toBe(200);
    expect((await call(server.url, 'GET', '/v1/snapshot')).headers['etag']).toBe(`"${v1.version}"`);
  });
});
