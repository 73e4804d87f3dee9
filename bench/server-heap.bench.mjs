// What a server holding a 10,000-model snapshot keeps alive, after a forced
// GC: the live data, without the garbage an idle process has not collected
// yet (which server-memory.bench.mjs's resident figure includes). The
// baseline, in the same process and run: the same file read and JSON.parsed,
// the parsed value kept. The server boots from the file as `modelctl serve
// --snapshot` does. Re-runs itself under --expose-gc.
// `node bench/server-heap.bench.mjs [DIST]` (default dist/: build first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_ENV, generateSnapshot } from './lib/snapshot-generator.mjs';

if (typeof globalThis.gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const N = 10_000;
const dist = pathToFileURL(resolve(process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url)))).href;
const { startServer } = await import(`${dist}/server/index.js`);
const { canonicalJson } = await import(`${dist}/runtime/canonical.js`);
const dir = mkdtempSync(join(tmpdir(), 'modelctl-heap-'));
const file = join(dir, 'snapshot.json');
writeFileSync(file, canonicalJson(generateSnapshot(N, 1)));
const mb = (x) => Math.round(x / 1048576);
const settle = async () => {
  await new Promise((r) => setTimeout(r, 500));
  globalThis.gc();
  globalThis.gc();
};
/** Heap used plus array buffers: what the process keeps alive. */
const live = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
try {
  await settle();
  const empty = live();
  let parsed = JSON.parse(readFileSync(file, 'utf8'));
  await settle();
  const parseOnly = live() - empty;
  parsed = null; // the baseline dropped before the server starts
  await settle();
  const before = live();
  const server = await startServer({ host: '127.0.0.1', port: 0, stateDir: join(dir, 'state'), snapshotFile: file, resolverOptions: { env: BENCH_ENV }, log: () => {} });
  await settle();
  const serving = live() - before;
  await server.close();
  const ratio = Math.round((serving / parseOnly) * 100) / 100;
  console.log(`server heap — ${N.toLocaleString('en-US')} models, live after a forced GC (heap used + array buffers)`);
  console.log(`  server holding the snapshot  ${mb(serving)} MB`);
  console.log(`  the parsed value alone       ${mb(parseOnly)} MB`);
  console.log(`  ratio                        ${ratio}x`);
  console.log(`BENCH ${JSON.stringify({ bench: 'server-heap', models: N, servingMB: mb(serving), parseOnlyMB: mb(parseOnly), ratio })}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
