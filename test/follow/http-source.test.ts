// The long-poll source's requests, counted at a stand-in primary (node:http on
// loopback, the long poll as design §7 has it): a document the poll brings
// answers the fetchLive its announcement starts without a second request; a
// later fetchLive (the timed check) asks again, conditionally, and gets the
// newest document when the primary moved on.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { request } from 'undici';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openHttpFollowSource } from '../../src/server/follow/http-source.js';
import type { FollowedDocument } from '../../src/io/follow-source.js';
import { makePatch } from '../../src/snapshot-bytes/patch.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { put, testServer } from '../server/helpers.js';

interface Primary {
  url: string;
  /** Each request as "GET /v1/snapshot?wait=N if-none-match". */
  requests: string[];
  publish(version: string): void;
  close(): Promise<void>;
}

async function primary(): Promise<Primary> {
  let live: string | null = null;
  const requests: string[] = [];
  const waiting = new Set<() => void>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers['if-none-match'] ?? '-'}`);
    const wait = Number(new URL(req.url!, 'http://x').searchParams.get('wait') ?? 0);
    const answer = () => {
      if (live === null) return void res.writeHead(404).end();
      if (req.headers['if-none-match'] === `"${live}"`) return void res.writeHead(304).end();
      const body = JSON.stringify({ version: live });
      res.writeHead(200, { etag: `"${live}"`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    };
    if (wait > 0 && live !== null && req.headers['if-none-match'] === `"${live}"`) {
      const wake = () => {
        waiting.delete(wake);
        clearTimeout(timer);
        answer();
      };
      const timer = setTimeout(wake, wait * 1000);
      waiting.add(wake);
      res.on('close', () => (waiting.delete(wake), clearTimeout(timer)));
    } else answer();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    publish(version) {
      live = version;
      for (const wake of [...waiting]) wake();
    },
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const v = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const until = async (what: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('the long-poll source', () => {
  it("hands the poll's document to the fetchLive it starts, once; later ones ask again, conditionally", async () => {
    const p = await primary();
    cleanup.push(p.close);
    p.publish(v(1));
    const source = openHttpFollowSource(p.url, {}, { waitSeconds: 5 });
    cleanup.push(() => source.close());
    const signal = new AbortController().signal;
    const fetched: (string | undefined)[] = [];
    const changes: string[] = [];
    let connected = false;
    const stop = source.watch({
      onConnected: () => void (connected = true),
      onError: () => undefined,
      // What the follower does: a sync on every announcement.
      onChange: (version) => {
        changes.push(version);
        void source.fetchLive(signal).then((d) => fetched.push(d?.version));
      },
    });
    cleanup.push(stop);
    await until(() => fetched.length === 1 && connected);
    // The first poll (not held, to learn it is connected) brought v1; the fetchLive it started asked nothing more.
    await until(() => p.requests.length >= 2);
    expect(p.requests.slice(0, 2)).toEqual(['GET /v1/snapshot -', `GET /v1/snapshot?wait=5 "${v(1)}"`]);

    const before = p.requests.length;
    p.publish(v(2));
    await until(() => fetched.length === 2);
    expect(fetched).toEqual([v(1), v(2)]);
    expect(changes).toEqual([v(1), v(2)]);
    await until(() => p.requests.length >= before + 1);
    await new Promise((r) => setTimeout(r, 100));
    // After the held poll answered v2: only the next poll, held on v2. No GET for the sync.
    expect(p.requests.slice(before)).toEqual([`GET /v1/snapshot?wait=5 "${v(2)}"`]);

    // The timed check: a conditional GET, 304, the document it holds.
    expect((await source.fetchLive(signal))?.version).toBe(v(2));
    expect(p.requests.at(-1)).toBe(`GET /v1/snapshot "${v(2)}"`);
    // Handed over once only: asked again, it asks again.
    const n = p.requests.length;
    await source.fetchLive(signal);
    expect(p.requests.length).toBe(n + 1);
  });

  it('asks a modelctl primary for a patch from the version it holds (A-IM), and rebuilds the document from the 226', async () => {
    const s = await testServer({});
    cleanup.push(() => s.close());
    const v1 = baseSnapshot();
    const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 11));
    expect((await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
    const source = openHttpFollowSource(s.url, {}, { waitSeconds: 5 });
    cleanup.push(() => source.close());
    const docs: FollowedDocument[] = [];
    // As the follower asks: with what it serves (the HTTP source patches from the bytes it brought itself).
    const held = () => (docs.length ? { version: docs.at(-1)!.version, bytes: Buffer.from(docs.at(-1)!.document) } : undefined);
    const stop = source.watch({ onConnected: () => undefined, onError: () => undefined, onChange: () => void source.fetchLive(AbortSignal.timeout(5000), held()).then((d) => docs.push(d!)) });
    cleanup.push(stop);
    await until(() => docs.length === 1);
    expect(docs[0]!.patched).toBeUndefined();
    await new Promise((r) => setTimeout(r, 100)); // the poll is held on v1
    expect((await put(s.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` })).status).toBe(200);
    await until(() => docs.length === 2);
    expect(docs[1]).toMatchObject({ version: v2.version, patched: true });
    const live = Buffer.from(await (await request(`${s.url}/v1/snapshot`)).body.arrayBuffer());
    expect(Buffer.from(docs[1]!.document).equals(live)).toBe(true);
    // The follower could not use it (asked again without what it holds): the document whole.
    const whole = await source.fetchLive(AbortSignal.timeout(5000));
    expect(whole).toEqual({ version: v2.version, document: live });
  });

  it('reads the document whole when a 226 is not a patch of the bytes held, and never loops on a primary that always answers 226', async () => {
    const doc = (n: number) => Buffer.from(JSON.stringify({ version: v(n), pad: 'x'.repeat(2000), n }));
    let live = 1;
    let patch: Buffer | null = null;
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.headers['if-none-match'] ?? '-'} ${req.headers['a-im'] ?? '-'}`);
      if (req.headers['if-none-match'] === `"${v(live)}"`) return void res.writeHead(304).end();
      if (patch && (req.headers['a-im'] || live === 3)) return void res.writeHead(226, { etag: `"${v(live)}"`, im: 'modelctl-patch', 'delta-base': req.headers['if-none-match'] ?? '"x"', 'content-length': patch.length }).end(patch);
      res.writeHead(200, { etag: `"${v(live)}"`, 'content-length': doc(live).length }).end(doc(live));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))));
    const source = openHttpFollowSource(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {}, { waitSeconds: 1 });
    cleanup.push(() => source.close());
    const signal = AbortSignal.timeout(5000);
    expect((await source.fetchLive(signal))?.version).toBe(v(1));
    // A patch of other bytes (its base length does not match): asked again without A-IM, the document whole.
    live = 2;
    patch = makePatch(Buffer.concat([doc(1), Buffer.from(' ')]), doc(2))!;
    expect(await source.fetchLive(signal)).toEqual({ version: v(2), document: doc(2) });
    expect(seen.slice(-2)).toEqual([`"${v(1)}" modelctl-patch`, `"${v(1)}" -`]);
    // A patch that fits but rebuilds something else is handed over as rebuilt: the follower checks it.
    live = 4;
    patch = makePatch(doc(2), Buffer.from(doc(2).toString().replace('"n":2', '"n":5')))!;
    expect(await source.fetchLive(signal)).toMatchObject({ version: v(4), patched: true });
    // A primary answering 226 to a request that asked for no patch: an error, not a loop.
    live = 3;
    patch = Buffer.from('not a patch\n');
    await expect(source.fetchLive(signal)).rejects.toThrow('answered 226 (a patch) to a request for the document');
  });
});
