// Fleet convergence (issue 13): time from an apply returning to the last of N
// replicas (`modelctl serve --follow`, real processes) serving the new
// version, for N = 10, 25, 50, through Redis and through a primary's long
// poll; median and max over BENCH_FLEET_APPLIES applies of a compiled 1,000-model
// catalog (bench/lib/catalog-generator.mjs, one model's price changed each
// time). Target: < 1 s at N = 50.
//
// How it is measured: before each apply, every replica gets a HEAD
// /v1/snapshot?wait=60 with If-None-Match of the live version (its own long
// poll: no body, no busy polling, no load on the replicas while they work);
// each answers the moment that replica swaps. The apply is the Target API's
// write (what `modelctl apply` ends with), timed until it returns.
// Baseline, in the same run: N = 1 (one replica alone), so the ratios show
// what N replicas cost over one. Every replica is a node process on this
// machine: with N of them on few cores, each apply's checks (parse, schema,
// hash, signature-free here), persists (fsync) and swaps run N at a time on
// the same cores; os.availableParallelism() is printed beside the figures.
// Applies are BENCH_FLEET_GAP_MS apart (default 1500 ms). A 1,000-model
// document (1.5 MB) is checked on each replica's event loop, under the
// server's 2 MiB inline limit: no verify worker is involved.
//
// Env: BENCH_FLEET_APPLIES (default 20; e.g. 5 for a quick run),
// BENCH_FLEET_SIZES (default 10,25,50), BENCH_FLEET_MODELS (default 1000),
// BENCH_FLEET_GAP_MS, BENCH_FLEET_LOGS (a folder for each server's log),
// BENCH_FLEET_MODES (default redis,http; redis is
// skipped, loudly, without redis-server). `BENCH_ONLY=fleet npm run bench`
// runs this one alone.
// Imports dist/: build first (bench/run.mjs does).
import { spawn } from 'node:child_process';
import { accessSync, constants, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { CATALOG_ENV, writeCatalog } from './lib/catalog-generator.mjs';

const APPLIES = Number(process.env.BENCH_FLEET_APPLIES ?? 20);
const SIZES = (process.env.BENCH_FLEET_SIZES ?? '10,25,50').split(',').map(Number);
const MODELS = Number(process.env.BENCH_FLEET_MODELS ?? 1000);
const GAP_MS = Number(process.env.BENCH_FLEET_GAP_MS ?? 1500);
const MODES = (process.env.BENCH_FLEET_MODES ?? 'redis,http').split(',');
const TARGET_MS = 1000;
const BIN = fileURLToPath(new URL('../bin/modelctl.js', import.meta.url));
const TOKEN = 'bench-fleet-admin-token-0123456789';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`;

/** CPU time (user + system, all threads) a process has used, in ms; null where /proc is not there. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks: 100 a second on Linux
  } catch {
    return null;
  }
}
const cpuOf = (pids) => {
  const each = pids.map(cpuMs);
  return each.includes(null) ? null : each.reduce((a, b) => a + b, 0);
};

function redisBinary() {
  for (const c of [process.env.REDIS_SERVER, ...(process.env.PATH ?? '').split(delimiter).map((d) => d && join(d, 'redis-server')), '/usr/bin/redis-server']) {
    if (!c) continue;
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** `modelctl serve …`; resolves with its URL once it listens. */
function serve(stateDir, args) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--state-dir', stateDir, '--keep', '2', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // The catalog's credential variables: replicas route as in production (without them every model is hidden).
    env: { PATH: process.env.PATH, MODELCTL_ADMIN_TOKEN: TOKEN, ...CATALOG_ENV },
  });
  children.add(child);
  // BENCH_FLEET_LOGS=DIR keeps every server's log as DIR/<pid>.log, to see what replicas did.
  if (process.env.BENCH_FLEET_LOGS) child.stderr.pipe(createWriteStream(join(process.env.BENCH_FLEET_LOGS, `${child.pid}.log`)));
  let err = '';
  const url = new Promise((resolve, reject) => {
    child.stderr.on('data', (c) => {
      if (err.length < 100_000) err += c;
      const m = /"msg":"listening","url":"(http:[^"]+)"/.exec(err);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err.slice(-600)}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  return {
    url,
    pid: child.pid,
    stop: () => {
      child.kill('SIGTERM');
      children.delete(child);
      return exited;
    },
  };
}

async function startRedis(bin, dir) {
  const port = await freePort();
  const child = spawn(bin, ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', ''], { stdio: 'ignore' });
  children.add(child);
  const exited = new Promise((r) => child.once('exit', r));
  return { url: `redis://127.0.0.1:${port}/0?key=fleet`, port, pid: child.pid, stop: () => (child.kill('SIGTERM'), children.delete(child), exited) };
}

/** Resolves when `url` serves something other than `known` (HEAD: no body), with that version and the time. */
async function nextVersion(url, known) {
  for (;;) {
    const res = await request(`${url}/v1/snapshot?wait=60`, { method: 'HEAD', headers: known ? { 'if-none-match': `"${known}"` } : {}, headersTimeout: 90_000 });
    await res.body.dump();
    const tag = String(res.headers.etag ?? '').replace(/"/g, '');
    if (res.statusCode === 200 && tag && tag !== known) return { version: tag, at: performance.now() };
  }
}

/** The snapshot with model `i % n`'s price set from `i`: a real change, a fresh version. */
function variant(withVersion, base, i) {
  const { version: _v, ...content } = structuredClone(base);
  const names = Object.keys(content.models).sort();
  const model = content.models[names[i % names.length]];
  model.pricing = { ...model.pricing, input: 1 + i / 100 };
  return withVersion(content);
}

async function waitAll(urls, version) {
  await Promise.all(
    urls.map(async (u) => {
      let seen = null;
      while (seen !== version) seen = (await nextVersion(u, seen)).version;
    }),
  );
}

async function main() {
  const [{ buildSnapshot }, { withVersion }, { openTarget }] = await Promise.all([import('../dist/pipeline.js'), import('../dist/compile/version.js'), import('../dist/apply/open-target.js')]);
  const scratch = mkdtempSync(join(tmpdir(), 'modelctl-bench-fleet-'));
  try {
    const catalog = join(scratch, 'catalog');
    writeCatalog(catalog, MODELS);
    const built = await buildSnapshot([catalog], catalog);
    if (!built.snapshot) throw new Error('the generated catalog does not compile');
    const base = built.snapshot;
    const bytes = Buffer.byteLength(JSON.stringify(base));
    process.stdout.write(
      `fleet: ${MODELS}-model snapshot (${(bytes / 1e6).toFixed(2)} MB), ${APPLIES} applies per fleet size, ${GAP_MS} ms apart; ` +
        `replicas are node processes on this machine: ${availableParallelism()} cores for all of them\n`,
    );
    let serial = 0;
    const sizes = [1, ...SIZES.filter((n) => n > 1)].sort((a, b) => a - b);
    const results = [];
    for (const mode of MODES) {
      const redisBin = redisBinary();
      if (mode === 'redis' && !redisBin) {
        process.stdout.write('\n!!! fleet: redis-server is not installed: the Redis mode did NOT run (apt-get install redis-server)\n');
        continue;
      }
      const dir = join(scratch, mode);
      let source;
      let target;
      if (mode === 'redis') {
        source = await startRedis(redisBin, scratch);
        target = openTarget(source.url, { cwd: scratch, env: {} });
      } else {
        const primary = serve(join(dir, 'primary'), []);
        source = { url: await primary.url, pid: primary.pid, stop: primary.stop };
        target = openTarget(source.url, { cwd: scratch, env: { MODELCTL_ADMIN_TOKEN: TOKEN } });
      }
      let live = variant(withVersion, base, serial++);
      const first = await target.write(live, { ifMatch: (await target.read()).version });
      if (first.status !== 'ok') throw new Error(`the first apply was ${first.status}`);
      const replicas = [];
      for (const n of sizes) {
        // Grow the fleet to n, ten at a time, and let every newcomer load the live version.
        while (replicas.length < n) {
          const batch = [];
          for (let k = 0; k < 10 && replicas.length + batch.length < n; k++) {
            const i = replicas.length + batch.length;
            batch.push(serve(join(dir, `replica-${i}`), ['--follow', source.url, '--follow-interval', '5s']));
          }
          const started = await Promise.all(batch.map(async (r) => ({ ...r, url: await r.url })));
          await waitAll(
            started.map((r) => r.url),
            live.version,
          );
          replicas.push(...started);
        }
        const urls = replicas.map((r) => r.url);
        const last = [];
        const firstIn = [];
        await sleep(GAP_MS);
        const cpuBefore = cpuOf(replicas.map((r) => r.pid));
        const sourceBefore = source.pid === undefined ? null : cpuMs(source.pid);
        for (let a = 0; a < APPLIES; a++) {
          const next = variant(withVersion, base, serial++);
          const watching = urls.map((u) => nextVersion(u, live.version));
          const written = await target.write(next, { ifMatch: live.version });
          const applied = performance.now();
          if (written.status !== 'ok') throw new Error(`apply ${a} was ${written.status}`);
          const seen = await Promise.all(watching);
          const wrong = seen.find((s) => s.version !== next.version);
          if (wrong) throw new Error(`a replica moved to ${wrong.version}, not ${next.version}`);
          last.push(Math.max(...seen.map((s) => s.at)) - applied);
          firstIn.push(Math.min(...seen.map((s) => s.at)) - applied);
          live = next;
          await sleep(GAP_MS);
        }
        const cpuAfter = cpuOf(replicas.map((r) => r.pid));
        // The source's own CPU per apply (Redis, or the primary: the swap, and what the replicas read: a patch each, or the whole document each).
        const sourceAfter = source.pid === undefined ? null : cpuMs(source.pid);
        const sourcePerApply = sourceBefore === null || sourceAfter === null ? null : (sourceAfter - sourceBefore) / APPLIES;
        // What one replica spends on one apply (fetch, check in its worker, persist, swap, idle timers): on N replicas sharing few cores, the convergence time is about N times this over the cores.
        const cpuPerApply = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / (n * APPLIES);
        const row = { mode, replicas: n, medianMs: median(last), maxMs: Math.max(...last), firstMedianMs: median(firstIn), cpuPerApply, sourcePerApply };
        results.push(row);
        process.stdout.write(
          `  ${mode.padEnd(5)} N=${String(n).padStart(2)}: last replica median ${ms(row.medianMs)}, max ${ms(row.maxMs)} (first replica median ${ms(row.firstMedianMs)})` +
            `${cpuPerApply === null ? '' : `; CPU per replica per apply ${ms(cpuPerApply)}`}` +
            `${sourcePerApply === null ? '' : `; ${mode === 'redis' ? 'Redis' : 'primary'} CPU per apply ${ms(sourcePerApply)}`}\n`,
        );
      }
      await Promise.all(replicas.map((r) => r.stop()));
      await target.close();
      await source.stop();
    }

    process.stdout.write('\nfleet: time from apply returning to the last replica serving the new version\n');
    process.stdout.write('  mode   N   median     max        median vs N=1  CPU/replica/apply\n');
    for (const r of results) {
      const one = results.find((x) => x.mode === r.mode && x.replicas === 1);
      process.stdout.write(`  ${r.mode.padEnd(5)} ${String(r.replicas).padStart(3)}  ${ms(r.medianMs).padEnd(9)}  ${ms(r.maxMs).padEnd(9)}  ${`${(r.medianMs / one.medianMs).toFixed(1)}x`.padEnd(13)}  ${r.cpuPerApply === null ? '-' : ms(r.cpuPerApply)}\n`);
    }
    for (const mode of MODES) {
      const at50 = results.find((r) => r.mode === mode && r.replicas === Math.max(...SIZES));
      if (at50) process.stdout.write(`  target < ${TARGET_MS} ms at N=${at50.replicas} (${mode}): median ${at50.medianMs < TARGET_MS ? 'met' : 'NOT met'}, max ${at50.maxMs < TARGET_MS ? 'met' : 'NOT met'}\n`);
    }
  } finally {
    for (const c of children) c.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
