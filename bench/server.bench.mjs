// Resolver server benchmark: POST /v1/resolve on loopback, 32 connections,
// against a 10,000-model snapshot, measured in the same run against a bare
// node:http server doing the least the same job needs (read the body,
// JSON.parse it, JSON.stringify an answer of the same size and shape, send
// it). Four phases: bare, modelctl idle, modelctl while a new 10k-model
// snapshot is pushed (validated, persisted with fsync, swapped) every second,
// first one where every model changed (the worst case: two unrelated
// snapshots in turn), then one where one model changed (the usual apply,
// which the server checks by difference: src/snapshot-bytes/delta.ts).
// Reports requests/s and p99 as ratios to the bare server, errors (must be
// 0) and pushes (every one must land). Bare and idle run in
// BENCH_SERVER_ROUNDS (default 3) pairs, alternating which goes first; the
// idle ratio is the median of the pairs' ratios: on this shared 2-core
// machine one server under unchanged load moves by half from one phase to
// the next, and a single pair showed it as 0.44x-0.95x.
//
// Each server runs in a child process (this file with --serve / --bare) so
// the load generator does not share its event loop. Imports dist/: build
// first. BENCH_SECONDS sets each phase's duration (default 10).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
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
const ROUNDS = Math.max(1, Number(process.env.BENCH_SERVER_ROUNDS ?? 3));

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
} else if (process.argv[2] === '--bare') {
  // The baseline: what any JSON-over-HTTP resolver must do per request, and nothing else.
  const answer = JSON.parse(process.argv[3]);
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const text = JSON.stringify(answer) + '\n';
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      res.end(text);
    });
  });
  server.keepAliveTimeout = 5_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }) + '\n'));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  await main();
}

function startChild(args, env = {}) {
  // BENCH_SERVER_NODE_ARGS: node flags for the server processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, fileURLToPath(import.meta.url), ...args], {
    env: { ...process.env, ...env },
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

async function stopChild(child) {
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
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

function load(url, requests) {
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests });
}

function phase(name, result) {
  return { name, requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, maxMs: result.latency.max, errors: result.errors + result.timeouts + result.non2xx };
}

/** A new snapshot every second, alternating two, each against the live version (compare-and-swap). */
function startPusher(url, token, docs, live) {
  const times = [];
  let errors = 0;
  let attempts = 0;
  let running = true;
  const done = (async () => {
    for (let i = 1; running; i++) {
      const started = Date.now();
      const next = docs[i % 2];
      attempts++;
      try {
        times.push(await push(url, token, next.text, live));
        live = next.version;
      } catch (err) {
        errors++;
        process.stderr.write(`push failed: ${err.message}\n`);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { times, errors, attempts, live };
    },
  };
}

async function main() {
  const token = randomBytes(24).toString('base64url');
  const stateDir = await mkdtemp(join(tmpdir(), 'modelctl-bench-'));
  const server = startChild(['--serve', stateDir], { MODELCTL_ADMIN_TOKEN: token });
  let bare;
  try {
    const url = await server.url;
    // Two snapshots that differ, pushed in turn: every push is a real swap. As
    // every modelctl client sends them: canonical JSON, encoded once here so
    // the load generator's process spends nothing on it per push.
    const { canonicalJson } = await import('../dist/runtime/canonical.js');
    const { withVersion } = await import('../dist/compile/version.js');
    const a = generateSnapshot(N, 1);
    const b = generateSnapshot(N, 2);
    const docs = [a, b].map((s) => ({ version: s.version, text: Buffer.from(canonicalJson(s)) }));
    await push(url, token, docs[0].text, null);

    const eligible = [];
    for (let i = 0; i < N && eligible.length < 64; i++) if (i % 10 !== 9 && i % 7 !== 6 && i % 50 !== 49) eligible.push(modelName(i * 13 % N));
    const requests = eligible.map((model) => ({
      method: 'POST',
      path: '/v1/resolve',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entryPoint: 'desktop', groups: ['g3', 'idp-g4'], model }),
    }));
    // The bare server answers with a real answer of this snapshot: same size, same shape.
    const sample = await request(`${url}/v1/resolve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: requests[0].body });
    const answer = await sample.body.text();
    if (sample.statusCode !== 200) throw new Error(`resolve answered ${sample.statusCode}: ${answer}`);
    bare = startChild(['--bare', answer]);
    const bareUrl = await bare.url;

    // Warm both up, then measure bare and modelctl back to back.
    await autocannon({ url: bareUrl, connections: CONNECTIONS, duration: 2, requests });
    await autocannon({ url, connections: CONNECTIONS, duration: 2, requests });
    // Bare and idle in pairs, alternating which runs first; each pair gives a ratio, and the median pair stands for both.
    const pairs = [];
    for (let r = 0; r < ROUNDS; r++) {
      const runBare = async () => phase('bare node:http', await load(bareUrl, requests));
      const runIdle = async () => phase('modelctl idle', await load(url, requests));
      let withBare, withIdle;
      if (r % 2 === 0) {
        withBare = await runBare();
        withIdle = await runIdle();
      } else {
        withIdle = await runIdle();
        withBare = await runBare();
      }
      pairs.push({ bare: withBare, idle: withIdle, ratio: withIdle.requestsPerSecond / withBare.requestsPerSecond });
    }
    const middle = [...pairs].sort((x, y) => x.ratio - y.ratio)[Math.floor(pairs.length / 2)];
    const phases = [middle.bare, middle.idle];
    const pusher = startPusher(url, token, docs, docs[0].version);
    phases.push(phase('modelctl + push/s', await load(url, requests)));
    const pushes = await pusher.stop();
    // The usual apply: the live snapshot with one model changed, and back.
    const { version: _v, ...content } = structuredClone(a);
    content.models[modelName(4321)].order += 1;
    const one = [docs[0], { version: withVersion(content).version, text: Buffer.from(canonicalJson(withVersion(content))) }];
    await push(url, token, one[0].text, pushes.live);
    const applier = startPusher(url, token, one, one[0].version);
    phases.push(phase('modelctl + apply/s', await load(url, requests)));
    const applies = await applier.stop();

    const [baseline, idle, pushing, applying] = phases;
    const ratio = (x, y) => Math.round((x / y) * 100) / 100;
    /** A push phase against the bare server, and its pushes. */
    const underPushes = (p, run) => {
      const sorted = [...run.times].sort((x, y) => x - y);
      return {
        throughputRatio: ratio(p.requestsPerSecond, baseline.requestsPerSecond),
        p99Ratio: ratio(p.p99Ms, Math.max(baseline.p99Ms, 1)),
        landed: run.times.length,
        attempts: run.attempts,
        errors: run.errors,
        medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
        maxMs: Math.round(sorted.at(-1) ?? 0),
      };
    };
    const summary = {
      bench: 'server',
      models: N,
      seconds: SECONDS,
      connections: CONNECTIONS,
      phases,
      idleThroughputRatio: ratio(idle.requestsPerSecond, baseline.requestsPerSecond),
      idlePairs: pairs.map((p) => ({ bare: p.bare.requestsPerSecond, idle: p.idle.requestsPerSecond, ratio: ratio(p.idle.requestsPerSecond, p.bare.requestsPerSecond) })),
      idleP99Ratio: ratio(idle.p99Ms, Math.max(baseline.p99Ms, 1)),
      // Every model changed per push; one model changed per push (the usual apply).
      pushing: underPushes(pushing, pushes),
      applying: underPushes(applying, applies),
      snapshotBytes: docs[0].text.length,
      answerBytes: answer.length,
    };
    summary.pass = phases.every((p) => p.errors === 0) && pushes.errors === 0 && applies.errors === 0;
    console.log(`resolver server — ${N.toLocaleString('en-US')} models, ${CONNECTIONS} connections, ${SECONDS} s per phase; answers ${answer.length} bytes`);
    console.log(`  ${'phase'.padEnd(20)} ${'req/s'.padStart(10)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)} ${'errors'.padStart(7)}`);
    for (const p of phases) console.log(`  ${p.name.padEnd(20)} ${p.requestsPerSecond.toLocaleString('en-US').padStart(10)} ${`${p.p50Ms}ms`.padStart(7)} ${`${p.p99Ms}ms`.padStart(7)} ${`${p.maxMs}ms`.padStart(7)} ${String(p.errors).padStart(7)}`);
    console.log(`  idle vs bare:     ${summary.idleThroughputRatio}x requests/s, ${summary.idleP99Ratio}x p99 (median of ${pairs.length} alternating pairs: ${summary.idlePairs.map((p) => `${p.ratio}x`).join(', ')})`);
    for (const [label, f, what] of [
      ['pushing', summary.pushing, 'every model changed'],
      ['applying', summary.applying, 'one model changed'],
    ]) {
      console.log(`  ${`${label} vs bare:`.padEnd(17)} ${f.throughputRatio}x requests/s, ${f.p99Ratio}x p99`);
      console.log(`    ${f.landed}/${f.attempts} landed, median ${f.medianMs} ms, max ${f.maxMs} ms (snapshot ${(summary.snapshotBytes / 1e6).toFixed(1)} MB, ${what})`);
    }
    console.log(`BENCH ${JSON.stringify(summary)}`);
    if (!summary.pass) process.exitCode = 1;
  } finally {
    if (bare) await stopChild(bare.child);
    await stopChild(server.child);
    await rm(stateDir, { recursive: true, force: true });
  }
}
