// Resident memory of `modelctl serve` holding a snapshot, against a process
// that only reads and JSON.parses the same file, measured in the same run.
// Target (issue 12): the server's steady RSS ≤ 2x the parse-only process's.
// BENCH_MEMORY_MODELS sets the sizes (default 10000,50000). Imports dist/.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { spawnServe } from './lib/serve.mjs';
import { BENCH_ENV, generateSnapshot } from './lib/snapshot-generator.mjs';

const SIZES = (process.env.BENCH_MEMORY_MODELS ?? '10000,50000').split(',').map(Number);

/** VmRSS and VmHWM of a live process, in MB. */
async function rssOf(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

// Past the verify worker's idle stop (5 s): steady state, not the load.
const settle = () => new Promise((r) => setTimeout(r, 6500));

async function parseOnly(file) {
  const child = spawn(process.execPath, ['-e', `globalThis.kept = JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8')); process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => child.stdout.once('data', r));
  await settle();
  const m = await rssOf(child.pid);
  child.kill();
  return m;
}

async function server(file, stateDir) {
  const { child, url, stop } = await spawnServe(['--snapshot', file, '--state-dir', stateDir], BENCH_ENV);
  for (let i = 0; i < 600; i++) {
    const res = await request(`${url}/readyz`).catch(() => null);
    if (res) await res.body.dump();
    if (res?.statusCode === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await settle();
  const m = await rssOf(child.pid);
  await stop();
  return m;
}

const dir = await mkdtemp(join(tmpdir(), 'modelctl-mem-'));
const rows = [];
try {
  for (const n of SIZES) {
    const file = join(dir, `snapshot-${n}.json`);
    await writeFile(file, JSON.stringify(generateSnapshot(n, 1)));
    const base = await parseOnly(file);
    const served = await server(file, join(dir, `state-${n}`));
    rows.push({ models: n, parseOnlyMb: Math.round(base.rss), serverMb: Math.round(served.rss), serverPeakMb: Math.round(served.peak), ratio: Math.round((served.rss / base.rss) * 100) / 100 });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
console.log('server memory — steady RSS with a loaded snapshot vs a process that only parses it');
for (const r of rows) console.log(`  ${String(r.models).padStart(6)} models: server ${r.serverMb} MB (peak ${r.serverPeakMb}), parse-only ${r.parseOnlyMb} MB -> ${r.ratio}x (target <= 2x)`);
const summary = { bench: 'server-memory', rows, pass: rows.every((r) => r.ratio <= 2) };
console.log(`BENCH ${JSON.stringify(summary)}`);
