// What a server holding a 10,000-model snapshot keeps alive, after a forced
// GC: the live data, without the garbage an idle process has not collected
// yet (which server-memory.bench.mjs's resident figure includes). Boots the
// server in this process from a --snapshot file, as `modelctl serve` does.
// Run: node --expose-gc bench/server-heap.mjs [DIST] (default ../dist: build first).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_ENV, generateSnapshot } from './lib/snapshot-generator.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const dist = pathToFileURL(resolve(process.argv[2] ?? new URL('../dist', import.meta.url).pathname)).href;
const { startServer } = await import(`${dist}/server/index.js`);
const { canonicalJson } = await import(`${dist}/runtime/canonical.js`);
const dir = mkdtempSync(join(tmpdir(), 'modelctl-heap-'));
const file = join(dir, 'snapshot.json');
writeFileSync(file, canonicalJson(generateSnapshot(10_000, 1)));
const mb = (x) => Math.round(x / 1048576);
const server = await startServer({ host: '127.0.0.1', port: 0, stateDir: join(dir, 'state'), snapshotFile: file, resolverOptions: { env: BENCH_ENV }, log: () => {} });
await new Promise((r) => setTimeout(r, 1000));
globalThis.gc();
globalThis.gc();
const m = process.memoryUsage();
console.log(`server holding 10,000 models, after a forced GC: heap used ${mb(m.heapUsed)} MB, array buffers ${mb(m.arrayBuffers)} MB, rss ${mb(m.rss)} MB`);
await server.close();
rmSync(dir, { recursive: true, force: true });
