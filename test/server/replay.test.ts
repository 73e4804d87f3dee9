// Replay of an older signed snapshot is refused (409 replay) under a verify
// key: the signed serial must rise above the highest ever accepted. An admin
// rollback may make an older serial live without lowering that mark, and the
// mark survives restarts, even when pruning drops the document that set it.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import type { Snapshot } from '../../src/generated/types.js';
import { catalog, QUICKSTART, run } from '../apply/cli-helpers.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, put, tempDir, testServer, TOKEN, type TestServer } from './helpers.js';

const keys = generateSigningKeys();
const A = baseSnapshot();
const B = edit(A, (d) => void (d.models['gpt-5']!.pricing.input = 1));
const C = edit(A, (d) => void (d.models['gpt-5']!.pricing.input = 2));
const signed = (s: Snapshot, serial: number) => JSON.stringify(signSnapshot(s, keys.privateKeyPem, { serial }));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(extra: Parameters<typeof testServer>[0] = {}): Promise<TestServer> {
  const s = await testServer({ verifyKey: keys.publicKeyPem, ...extra });
  cleanups.push(() => s.close());
  return s;
}
async function stateDir(): Promise<string> {
  const t = await tempDir();
  cleanups.push(t.remove);
  return t.dir;
}
const live = async (s: TestServer) => ((await call(s.url, 'GET', '/v1/snapshot')).headers['etag'] as string | undefined)?.slice(1, -1);
const after = (v: string) => ({ 'if-match': `"${v}"` });

describe('signed serials', () => {
  it('refuses a push whose serial is not above the newest accepted, with 409 replay, changing nothing', async () => {
    const s = await server();
    expect((await put(s.url, signed(A, 10), { 'if-none-match': '*' })).status).toBe(200);
    for (const serial of [9, 10]) {
      const res = await put(s.url, signed(B, serial), after(A.version));
      expect(res.status, String(serial)).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'replay' }, serial, newestSerial: 10 });
      expect(res.json().error.message).toMatch(new RegExp(`serial ${serial} is not above 10`));
      expect(await live(s)).toBe(A.version);
    }
    expect((await put(s.url, signed(B, 11), after(A.version))).status).toBe(200);
    expect(await live(s)).toBe(B.version);
    expect(s.logs).toContainEqual(expect.objectContaining({ msg: 'push refused', reason: 'replay', serial: 9, newestSerial: 10 }));
    expect((await call(s.url, 'GET', '/metrics')).text).toContain('modelctl_snapshot_pushes_total{result="replay"} 2');
  });

  it('lets an admin roll back to an older serial, and still refuses the snapshot rolled back from', async () => {
    const s = await server();
    await put(s.url, signed(A, 1), { 'if-none-match': '*' });
    const bEnvelope = signed(B, 2);
    expect((await put(s.url, bEnvelope, after(A.version))).status).toBe(200);
    const rolled = await call(s.url, 'POST', '/v1/rollback', { body: JSON.stringify({ version: A.version }) });
    expect(rolled.status).toBe(200);
    expect(await live(s)).toBe(A.version);
    // The captured envelope of B, pushed again: refused though A (serial 1) is live.
    expect((await put(s.url, bEnvelope, after(A.version))).json().error.code).toBe('replay');
    expect((await put(s.url, signed(C, 2), after(A.version))).status).toBe(409);
    expect((await put(s.url, signed(C, 3), after(A.version))).status).toBe(200);
  });

  it('does not check serials without a verify key (nothing vouches for them)', async () => {
    const s = await testServer();
    cleanups.push(() => s.close());
    await put(s.url, signed(A, 10), { 'if-none-match': '*' });
    expect((await put(s.url, signed(B, 1), after(A.version))).status).toBe(200);
  });
});

describe('the mark survives restarts', () => {
  it('a restarted server still refuses an older serial', async () => {
    const dir = await stateDir();
    const a = await server({ stateDir: dir });
    await put(a.url, signed(A, 100), { 'if-none-match': '*' });
    await a.close();
    expect(JSON.parse(await readFile(join(dir, 'newest-serial.json'), 'utf8'))).toEqual({ serial: 100 });
    const b = await server({ stateDir: dir });
    expect((await put(b.url, signed(B, 99), after(A.version))).json().error.code).toBe('replay');
    expect((await put(b.url, signed(B, 101), after(A.version))).status).toBe(200);
  });

  it('even when rollbacks pruned the document that carried the highest serial', async () => {
    const dir = await stateDir();
    const a = await server({ stateDir: dir, keep: 3 });
    await put(a.url, signed(A, 1), { 'if-none-match': '*' });
    await put(a.url, signed(B, 2), after(A.version));
    const cEnvelope = signed(C, 3);
    await put(a.url, cEnvelope, after(B.version));
    for (const v of [A, B, A]) expect((await call(a.url, 'POST', '/v1/rollback', { body: JSON.stringify({ version: v.version }) })).status).toBe(200);
    const kept = (await call(a.url, 'GET', '/v1/history')).json().versions.map((v: { version: string }) => v.version);
    expect(kept).not.toContain(C.version);
    await a.close();
    const b = await server({ stateDir: dir, keep: 3 });
    expect(await live(b)).toBe(A.version);
    expect((await put(b.url, cEnvelope, after(A.version))).json()).toMatchObject({ error: { code: 'replay' }, newestSerial: 3 });
  });

  it('takes the newest kept document’s serial when the mark lags it (a crash between the two writes)', async () => {
    const dir = await stateDir();
    const a = await server({ stateDir: dir });
    await put(a.url, signed(A, 5), { 'if-none-match': '*' });
    await put(a.url, signed(B, 7), after(A.version));
    await a.close();
    await writeFile(join(dir, 'newest-serial.json'), JSON.stringify({ serial: 5 }));
    const b = await server({ stateDir: dir });
    expect((await put(b.url, signed(C, 6), after(B.version))).status).toBe(409);
  });

  it('refuses to start on a damaged mark rather than forget it', async () => {
    const dir = await stateDir();
    await writeFile(join(dir, 'newest-serial.json'), '{"serial": "soon"}');
    await expect(testServer({ verifyKey: keys.publicKeyPem, stateDir: dir })).rejects.toThrow(/not a serial record/);
  });

  it('refuses an older --snapshot at boot when the state directory saw a newer serial', async () => {
    const dir = await stateDir();
    const a = await server({ stateDir: dir });
    await put(a.url, signed(A, 50), { 'if-none-match': '*' });
    await a.close();
    // Only the mark is left (the kept documents are gone), and an older signed file is offered.
    for (const f of (await import('node:fs')).readdirSync(dir)) if (f.endsWith('.json') && f !== 'newest-serial.json') (await import('node:fs')).rmSync(join(dir, f));
    const file = join(await stateDir(), 'old.json');
    await writeFile(file, signed(B, 40));
    const b = await server({ stateDir: dir, snapshotFile: file });
    expect((await call(b.url, 'GET', '/readyz')).status).toBe(503);
    expect(b.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: '--snapshot rejected: replay', serial: 40, newestSerial: 50 }));
  });
});

describe('CLI', () => {
  it('apply --serial: a replay is refused with exit 3; compile --serial writes the serial; --serial needs --sign-key', async () => {
    const tmp = await stateDir();
    await writeFile(join(tmp, 'ci.key'), keys.privateKeyPem, { mode: 0o600 });
    const s = await server();
    const env = { MODELCTL_ADMIN_TOKEN: TOKEN };
    const first = await run(['apply', QUICKSTART, '--target', s.url, '--sign-key', 'ci.key', '--serial', '100'], { cwd: tmp, env });
    expect(first.code, first.stderr).toBe(0);
    const changed = await catalog(tmp, 'changed', async (root) => {
      const { readdirSync } = await import('node:fs');
      const file = join(root, 'models', readdirSync(join(root, 'models')).sort()[0]!);
      await writeFile(file, (await readFile(file, 'utf8')).replace(/order: (\d+)/, (_m, n) => `order: ${Number(n) + 1}`));
    });
    const replay = await run(['apply', changed, '--target', s.url, '--sign-key', 'ci.key', '--serial', '100'], { cwd: tmp, env });
    expect(replay.code).toBe(3);
    expect(replay.stderr).toMatch(/serial 100 is not above 100/);
    expect(replay.stderr).not.toContain(TOKEN);
    const next = await run(['apply', changed, '--target', s.url, '--sign-key', 'ci.key'], { cwd: tmp, env });
    expect(next.code, next.stderr).toBe(0);

    const compiled = await run(['compile', QUICKSTART, '-o', 'snap.json', '--sign-key', 'ci.key', '--serial', '12345'], { cwd: tmp });
    expect(compiled.code, compiled.stderr).toBe(0);
    const envelope = JSON.parse(await readFile(join(tmp, 'snap.json'), 'utf8'));
    expect(envelope.signature.serial).toBe(12345);
    expect(Object.keys(envelope.snapshot)).not.toContain('serial');
    expect((await run(['compile', QUICKSTART, '-o', 'x.json', '--serial', '5'], { cwd: tmp })).code).toBe(64);
    expect((await run(['compile', QUICKSTART, '-o', 'x.json', '--sign-key', 'ci.key', '--serial', '-5'], { cwd: tmp })).code).toBe(64);
    expect((await run(['apply', QUICKSTART, '--target', s.url, '--serial', '5'], { cwd: tmp, env })).code).toBe(64);
  });

  it('the same catalog signed twice has the same version, whatever the serial', async () => {
    const tmp = await stateDir();
    await writeFile(join(tmp, 'ci.key'), keys.privateKeyPem);
    await run(['compile', QUICKSTART, '-o', 'a.json', '--sign-key', 'ci.key', '--serial', '1'], { cwd: tmp });
    await run(['compile', QUICKSTART, '-o', 'b.json', '--sign-key', 'ci.key', '--serial', '2'], { cwd: tmp });
    const [a, b] = await Promise.all(['a.json', 'b.json'].map(async (f) => JSON.parse(await readFile(join(tmp, f), 'utf8'))));
    expect(a.snapshot).toEqual(b.snapshot);
    expect(a.signature.value).not.toBe(b.signature.value);
  });
});
