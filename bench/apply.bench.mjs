// `modelctl apply` end to end: process start to the new version live on an
// idle server, for 1,000- and 10,000-model catalogs (one model's description
// changed since the live version). Also the server-side PUT alone (the
// canonical document a client sends, timed from request to response). The
// issue's targets are absolute (apply ≤ 1 s / ≤ 4 s, PUT ≤ 300 ms at 10k);
// a bare `node -e 0` in the same run gives the machine's pace.
// BENCH_APPLY_MODELS sets the sizes (default 1000,10000); BENCH_APPLY_RUNS the runs (default 3).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { writeCatalog } from './lib/catalog-generator.mjs';
import { spawnServe } from './lib/serve.mjs';

const SIZES = (process.env.BENCH_APPLY_MODELS ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_APPLY_RUNS ?? 3);
const bin = fileURLToPath(new URL('../bin/modelctl.js', import.meta.url));
const TOKEN = 'bench-admin-token-0123456789';

function timeProcess(args, env = {}) {
  const t0 = performance.now();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  return performance.now() - t0;
}

const startServer = (stateDir) => spawnServe(['--state-dir', stateDir], { MODELCTL_ADMIN_TOKEN: TOKEN });

/** Changes the first model's description, so each apply is a real change. */
async function editModel(dir, to) {
  const models = join(dir, 'models');
  const sub = (await readdir(models))[0];
  const file = join(models, sub, (await readdir(join(models, sub)))[0]);
  const text = await readFile(file, 'utf8');
  const next = text.replace(/^description: .*$/m, `description: benchmark edit ${to}`);
  if (next === text) throw new Error(`no description line in ${file}`);
  await writeFile(file, next);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const root = await mkdtemp(join(tmpdir(), 'modelctl-apply-bench-'));
const rows = [];
try {
  const nodeMs = median(Array.from({ length: 5 }, () => timeProcess(['-e', '0'])));
  for (const n of SIZES) {
    const dir = join(root, `catalog-${n}`);
    writeCatalog(dir, n, { seed: 3 });
    const server = await startServer(join(root, `state-${n}`));
    try {
      const env = { MODELCTL_ADMIN_TOKEN: TOKEN };
      timeProcess([bin, 'apply', dir, '--target', server.url], env);
      const applyMs = [];
      for (let i = 0; i < RUNS; i++) {
        await editModel(dir, `${i + 1}.${n % 97}`);
        applyMs.push(timeProcess([bin, 'apply', dir, '--target', server.url], env));
      }
      // The server-side PUT alone: the live document and the one before it, pushed in turn
      // (each a real swap) to the same idle server, timed from request to response.
      const docs = [];
      for (const v of (await (await request(`${server.url}/v1/history`, { headers: { authorization: `Bearer ${TOKEN}` } })).body.json()).versions.slice(0, 2)) {
        docs.push({ version: v.version, text: await (await request(`${server.url}/v1/history?version=${encodeURIComponent(v.version)}`, { headers: { authorization: `Bearer ${TOKEN}` } })).body.text() });
      }
      if (docs.length < 2) throw new Error(`history holds ${docs.length} version(s)`);
      const putMs = [];
      let live = docs[0].version;
      for (let i = 0; i < RUNS * 2; i++) {
        const next = docs[(i + 1) % 2];
        const t0 = performance.now();
        const res = await request(`${server.url}/v1/snapshot`, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}`, 'if-match': `"${live}"`, 'content-type': 'application/json' }, body: next.text });
        await res.body.text();
        if (res.statusCode !== 200) throw new Error(`PUT answered ${res.statusCode}`);
        putMs.push(performance.now() - t0);
        live = next.version;
        await new Promise((r) => setTimeout(r, 200));
      }
      const doc = docs[0].text;
      rows.push({ models: n, applyMs: Math.round(median(applyMs)), applyVsNode: Math.round((median(applyMs) / nodeMs) * 10) / 10, putMs: Math.round(median(putMs)), documentBytes: doc.length });
    } finally {
      await server.stop();
    }
  }
  console.log(`apply end to end (median of ${RUNS}; node -e 0 takes ${Math.round(nodeMs)} ms here)`);
  for (const r of rows) console.log(`  ${String(r.models).padStart(6)} models: apply ${r.applyMs} ms (${r.applyVsNode}x node -e 0), server-side PUT ${r.putMs} ms (${(r.documentBytes / 1e6).toFixed(1)} MB)`);
  console.log(`BENCH ${JSON.stringify({ bench: 'apply', nodeMs: Math.round(nodeMs), rows })}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
