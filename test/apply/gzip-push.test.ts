// Large pushes travel gzip-compressed when the server says it takes gzip
// (pushEncodings in /v1/status), and as they are when it does not say.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTarget } from '../../src/apply/index.js';
// @ts-expect-error: a plain .mjs bench helper without types
import { BENCH_ENV, generateSnapshot } from '../../bench/lib/snapshot-generator.mjs';
import { testServer, TOKEN } from '../server/helpers.js';
import type { Snapshot } from '../../src/generated/types.js';

// ~1,000 models: well over the 1 MiB at which a push first asks /v1/status.
const big = generateSnapshot(1000, 1) as Snapshot;
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A server that records each PUT's encoding and decoded body; status says what `encodings` it takes. */
async function recorder(encodings: string[] | undefined) {
  const puts: { encoding: string | undefined; wire: number; text: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/status') return res.end(JSON.stringify({ maxBodyBytes: 256 * 1024 * 1024, ...(encodings ? { pushEncodings: encodings } : {}) }));
      const wire = Buffer.concat(chunks);
      const encoding = req.headers['content-encoding'];
      puts.push({ encoding, wire: wire.length, text: (encoding === 'gzip' ? gunzipSync(wire) : wire).toString('utf8') });
      res.end(JSON.stringify({ version: big.version, previous: null }));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, puts };
}

describe('compressed pushes', () => {
  it('gzips a large push when the server takes gzip: the decoded body is the document', async () => {
    const s = await recorder(['gzip', 'identity']);
    const t = new HttpTarget(s.url, { token: TOKEN });
    expect(await t.write(big, { ifMatch: null })).toMatchObject({ status: 'ok' });
    expect(s.puts).toHaveLength(1);
    expect(s.puts[0]!.encoding).toBe('gzip');
    expect(JSON.parse(s.puts[0]!.text)).toEqual(big);
    expect(s.puts[0]!.wire).toBeLessThan(s.puts[0]!.text.length / 4);
    await t.close();
  });

  it('sends it as is to a server that does not say it takes gzip', async () => {
    const s = await recorder(undefined);
    const t = new HttpTarget(s.url, { token: TOKEN });
    expect(await t.write(big, { ifMatch: null })).toMatchObject({ status: 'ok' });
    expect(s.puts[0]!.encoding).toBeUndefined();
    expect(JSON.parse(s.puts[0]!.text)).toEqual(big);
    await t.close();
  });

  it('lands on a real server, which serves the document it decoded', async () => {
    const server = await testServer({ resolverOptions: { env: BENCH_ENV } });
    try {
      const t = new HttpTarget(server.url, { token: TOKEN });
      expect(await t.write(big, { ifMatch: null })).toMatchObject({ status: 'ok', version: big.version });
      expect((await t.read()).snapshot).toEqual(big);
      expect(server.logs.find((l) => l.msg === 'snapshot pushed')).toMatchObject({ version: big.version });
      await t.close();
    } finally {
      await server.close();
    }
  });
});
