// Resolver server benchmark: POST /v1/resolve under load against a
// 10,000-model snapshot, while a new snapshot is pushed (validated, persisted
// with fsync, swapped) every second. Reports requests/s, latency and errors
// (which must be zero: a swap never fails a request).
//
// The server runs in a child process (this file with --serve) so the load
// generator does not share its event loop. Imports dist/: build first.
// BENCH_SECONDS sets the duration (default 10).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { request } from 'undici';
import { BENCH_ENV, generateSnapshot, modelName } from './lib/snapshot-generator.mjs';

const N = 10_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;

if (process.argv[2] === '--serve') {
  const { startServer } = await import('../dist/server/index.js');
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    stateDir: process.argv[3],
    adminToken: process.env.MODELCTL_ADMIN_TOKEN,
    resolverOptions: { env: BENCH_ENV },
    log: (e) => void (e.level === 'error' && process.stderr.write(JSON.stringify(e) + '\n')),
  });
  process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
} else {
  await main();
}

function startChild(stateDir, token) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', stateDir], {
    env: { ...process.env, MODELCTL_ADMIN_TOKEN: token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]).url);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, url };
}

async function push(url, token, text, ifMatch) {
  const t0 = performance.now();
  const res = await request(`${url}/v1/snapshot`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(ifMatch ? { 'if-match': `"${ifMatch}"` } : { 'if-none-match': '*' }) },
    body: text,
  });
  const body = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`push answered ${res.statusCode}: ${body.slice(0, 200)}`);
  return performance.now() - t0;
}

async function main() {
  const token = randomBytes(24).toString('base64url');
  const stateDir = await mkdtemp(join(tmpdir(), 'modelctl-bench-'));
  const { child, url: urlPromise } = startChild(stateDir, token);
  try {
    const url = await urlPromise;
    // Two snapshots that differ, pushed in turn: every push is a real swap.
    const a = generateSnapshot(N, 1);
    const b = generateSnapshot(N, 2);
    const docs = [a, b].map((s) => ({ version: s.version, text: JSON.stringify(s) }));
    await push(url, token, docs[0].text, null);
    let live = docs[0].version;

    const eligible = [];
    for (let i = 0; i < N && eligible.length < 64; i++) if (i % 10 !== 9 && i % 7 !== 6 && i % 50 !== 49) eligible.push(modelName(i * 13 % N));
    const requests = eligible.map((model) => ({
      method: 'POST',
      path: '/v1/resolve',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entryPoint: 'desktop', groups: ['g3', 'idp-g4'], model }),
    }));

    const pushTimes = [];
    let pushErrors = 0;
    let running = true;
    const pusher = (async () => {
      for (let i = 1; running; i++) {
        const started = Date.now();
        const next = docs[i % 2];
        try {
          pushTimes.push(await push(url, token, next.text, live));
          live = next.version;
        } catch (err) {
          pushErrors++;
          process.stderr.write(`push failed: ${err.message}\n`);
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
      }
    })();

    const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests });
    running = false;
    await pusher;

    const errors = result.errors + result.timeouts + result.non2xx;
    const sorted = [...pushTimes].sort((x, y) => x - y);
    const summary = {
      bench: 'server',
      models: N,
      seconds: SECONDS,
      connections: CONNECTIONS,
      requestsPerSecond: Math.round(result.requests.average),
      totalRequests: result.requests.total,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      errors,
      pushes: pushTimes.length,
      pushErrors,
      pushMedianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      pushMaxMs: Math.round(sorted.at(-1) ?? 0),
      snapshotBytes: docs[0].text.length,
      pass: errors === 0 && pushErrors === 0,
    };
    const rows = [
      ['requests/s (POST /v1/resolve)', summary.requestsPerSecond.toLocaleString('en-US')],
      ['latency p50', `${summary.latencyP50Ms} ms`],
      ['latency p99', `${summary.latencyP99Ms} ms`],
      ['latency max', `${summary.latencyMaxMs} ms`],
      ['errors (must be 0)', String(summary.errors)],
      ['snapshot pushes (1/s)', `${summary.pushes} ok, ${summary.pushErrors} failed`],
      ['push time median / max', `${summary.pushMedianMs} / ${summary.pushMaxMs} ms`],
      ['snapshot size', `${(summary.snapshotBytes / 1e6).toFixed(1)} MB`],
    ];
    console.log(`resolver server — ${N.toLocaleString('en-US')} models, ${CONNECTIONS} connections, ${SECONDS} s, a push every second`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(32)} ${v.padStart(16)}`);
    console.log(`BENCH ${JSON.stringify(summary)}`);
    if (!summary.pass) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    await rm(stateDir, { recursive: true, force: true });
  }
}
