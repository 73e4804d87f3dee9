// Durable state: restarts boot from the last good snapshot; damaged files are
// skipped with a clear log line; a process killed (SIGKILL) while persisting
// leaves a complete snapshot, old or new, never a torn one.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/runtime/index.js';
import { baseSnapshot, edit, finalize, model } from '../plan/fixtures.js';
import { call, put, tempDir, testServer, TOKEN, type TestServer } from './helpers.js';

const v1 = baseSnapshot();
const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 1));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function dir(): Promise<string> {
  const t = await tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

async function server(stateDir: string, extra = {}): Promise<TestServer> {
  const s = await testServer({ stateDir, ...extra });
  cleanups.push(() => s.close());
  return s;
}

/** A large snapshot, so a write takes long enough for a kill to land inside it. */
function big(tag: number) {
  const d = structuredClone(v1) as any;
  for (let i = 0; i < 400; i++) d.models[`bulk-${i}`] = model(`bulk-${i}`, { order: 100 + i, systemPrompt: `Variant ${tag}. `.repeat(40) });
  return finalize(d);
}

async function stateFiles(stateDir: string): Promise<string[]> {
  return (await readdir(stateDir)).sort();
}

describe('state directory', () => {
  it('restarts from the last pushed snapshot', async () => {
    const stateDir = await dir();
    const a = await server(stateDir);
    await put(a.url, JSON.stringify(v1), { 'if-none-match': '*' });
    await put(a.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` });
    await a.close();
    const b = await server(stateDir);
    expect((await call(b.url, 'GET', '/readyz')).status).toBe(200);
    expect((await call(b.url, 'GET', '/v1/snapshot')).headers['etag']).toBe(`"${v2.version}"`);
    expect((await call(b.url, 'GET', '/v1/history')).json().versions.map((v: { version: string }) => v.version)).toEqual([v2.version, v1.version]);
  });

  it('keeps only the last N versions', async () => {
    const stateDir = await dir();
    const s = await server(stateDir, { keep: 3 });
    let prev: string | null = null;
    for (let i = 0; i < 6; i++) {
      const snap = edit(v1, (d) => void (d.models['gpt-5']!.pricing.output = 30 + i));
      const res = await put(s.url, JSON.stringify(snap), prev ? { 'if-match': `"${prev}"` } : { 'if-none-match': '*' });
      expect(res.status).toBe(200);
      prev = snap.version;
    }
    expect(await stateFiles(stateDir)).toHaveLength(3);
    expect((await call(s.url, 'GET', '/v1/history')).json().versions).toHaveLength(3);
  });

  it('skips a damaged newest state file, loading the newest good one, and says so', async () => {
    const stateDir = await dir();
    const a = await server(stateDir);
    await put(a.url, JSON.stringify(v1), { 'if-none-match': '*' });
    await put(a.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` });
    await a.close();
    const newest = (await stateFiles(stateDir)).at(-1)!;
    const text = await readFile(join(stateDir, newest), 'utf8');
    await writeFile(join(stateDir, newest), text.slice(0, text.length / 2));
    const b = await server(stateDir);
    expect((await call(b.url, 'GET', '/v1/snapshot')).headers['etag']).toBe(`"${v1.version}"`);
    expect(b.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'state file rejected, trying an older one', version: v2.version }));
  });

  it('stays up, not ready, when no state file loads — and recovers on a push', async () => {
    const stateDir = await dir();
    await writeFile(join(stateDir, `000000000001-${'a'.repeat(64)}.json`), '{"formatVersion": 1, "trunc');
    await writeFile(join(stateDir, '.tmp-leftover-123'), 'partial');
    const s = await server(stateDir);
    expect((await call(s.url, 'GET', '/healthz')).status).toBe(200);
    expect((await call(s.url, 'GET', '/readyz')).status).toBe(503);
    expect(s.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'no snapshot loaded: /readyz answers 503 until one is pushed' }));
    expect(await stateFiles(stateDir)).not.toContain('.tmp-leftover-123');
    expect((await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
    expect((await call(s.url, 'GET', '/readyz')).status).toBe(200);
  });

  it('starts from --snapshot when the state directory is empty', async () => {
    const stateDir = await dir();
    const file = join(await dir(), 'snapshot.json');
    await writeFile(file, JSON.stringify(v1));
    const s = await server(stateDir, { snapshotFile: file });
    expect((await call(s.url, 'GET', '/v1/snapshot')).headers['etag']).toBe(`"${v1.version}"`);
    expect(await stateFiles(stateDir)).toHaveLength(1);
  });
});

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function spawnNode(args: string[]): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, args, { env: { ...process.env, MODELCTL_ADMIN_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(async () => void child.kill('SIGKILL'));
  const firstLine = new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.stderr!.on('data', (c) => (err += c));
    child.on('exit', (code) => reject(new Error(`child exited ${code} before it was ready: ${err}`)));
  });
  return { child, firstLine };
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Every kept file is a complete snapshot, and the newest is one of `allowed`. */
async function expectIntact(stateDir: string, allowed: string[]): Promise<void> {
  const files = (await stateFiles(stateDir)).filter((f) => !f.startsWith('.tmp-'));
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    const loaded = await loadSnapshot(await readFile(join(stateDir, f), 'utf8'));
    expect(loaded.ok, f).toBe(true);
  }
  const s = await testServer({ stateDir });
  try {
    expect((await call(s.url, 'GET', '/readyz')).status).toBe(200);
    expect(allowed).toContain(((await call(s.url, 'GET', '/v1/snapshot')).headers['etag'] as string).slice(1, -1));
  } finally {
    await s.close();
  }
}

describe('SIGKILL while persisting', () => {
  const A = big(1);
  const B = big(2);

  it('a server killed mid-push in a loop restarts with a complete snapshot, old or new', async () => {
    const stateDir = await dir();
    for (let round = 0; round < 4; round++) {
      const { child, firstLine } = spawnNode([here('./fixtures/serve-child.mjs'), stateDir]);
      const { url } = JSON.parse(await firstLine) as { url: string };
      // The restarted server must come up with what the last one persisted.
      let live = ((await call(url, 'GET', '/v1/snapshot')).headers['etag'] as string | undefined)?.slice(1, -1) ?? null;
      if (round > 0) expect([A.version, B.version]).toContain(live);
      let stop = false;
      let acked!: () => void;
      const firstAck = new Promise<void>((r) => (acked = r));
      const pushing = (async () => {
        for (let i = 0; !stop; i++) {
          const next = live === A.version ? B : A;
          const res = await put(url, JSON.stringify(next), live ? { 'if-match': `"${live}"` } : { 'if-none-match': '*' }).catch(() => null);
          if (!res) return;
          if (res.status === 200) {
            live = next.version;
            acked();
          }
        }
      })();
      // Kill at a random moment once pushes are flowing.
      await firstAck;
      await new Promise((r) => setTimeout(r, Math.random() * 300));
      child.kill('SIGKILL');
      await killed(child);
      stop = true;
      await pushing;
    }
    await expectIntact(stateDir, [A.version, B.version]);
  });

  it('a bare persist loop killed at random never leaves a torn state file', async () => {
    const stateDir = await dir();
    const docs = await dir();
    await writeFile(join(docs, 'a.json'), JSON.stringify(A));
    await writeFile(join(docs, 'b.json'), JSON.stringify(B));
    for (let round = 0; round < 5; round++) {
      const { child, firstLine } = spawnNode([here('./fixtures/persist-loop.mjs'), stateDir, join(docs, 'a.json'), join(docs, 'b.json')]);
      await firstLine;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 200));
      child.kill('SIGKILL');
      await killed(child);
      await expectIntact(stateDir, [A.version, B.version]);
    }
  });
});
