// `--cache DIR` on a 10,000-model catalog: the cost of validating (and
// compiling) again after one file changed, against the cold run without a
// cache, in the same run. Whole processes, wall time.
//
//   cold           no --cache
//   cold + cache   --cache with an empty folder (what the first run in CI pays: it also writes the cache)
//   one changed    --cache, warm, after one model file changed (a different file each time)
//   unchanged      --cache, warm, nothing changed since (for scale: what stat-ing every file and the fixed costs take)
//   --watch        `validate --watch`, one process kept running: from a model file written to the
//                  report of the run it starts arriving on stdout (the time an editor waits)
//
// Target (issue 12): one changed ≤ 10% of cold. A fresh process cannot get there (node's own
// start and a stat of every file are about a tenth of the cold run); --watch is measured against
// the same cold validate.
// Env: BENCH_INCREMENTAL_MODELS=10000  BENCH_REPS=3  BENCH_STRICT=1.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, median, MODELCTL, prepareCatalog, round } from './large-lib.mjs';

const MODELS = Number(process.env.BENCH_INCREMENTAL_MODELS ?? 10_000);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const TARGET = 0.1;

const scratch = mkdtempSync(join(tmpdir(), 'modelctl-bench-incremental-'));
const results = {};
try {
  const dir = join(scratch, 'catalog');
  prepareCatalog(dir, MODELS);
  const modelFiles = readdirSync(join(dir, 'models'), { recursive: true })
    .filter((f) => String(f).endsWith('.yaml'))
    .map((f) => join(dir, 'models', String(f)))
    .sort();
  let touched = 0;
  /** Changes one model file's content (its order), a different file each call. */
  const changeOneFile = () => {
    const file = modelFiles[(touched++ * 7919) % modelFiles.length];
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^order: (\d+)$/m, (_, n) => `order: ${Number(n) + 100000}`));
  };
  const out = join(scratch, 'snapshot.json');
  for (const [name, args] of [['validate', ['validate', '.']], ['compile', ['compile', '.', '-o', out]]]) {
    const cache = join(scratch, `cache-${name}`);
    measure([MODELCTL, ...args], dir); // page cache
    const runs = { cold: [], coldWithCache: [], oneChanged: [], unchanged: [] };
    for (let r = 0; r < REPS; r++) {
      // Alternating: a cold run, a cold run that fills an empty cache, then a change and a warm run.
      runs.cold.push(measure([MODELCTL, ...args], dir).ms);
      rmSync(cache, { recursive: true, force: true });
      runs.coldWithCache.push(measure([MODELCTL, ...args, '--cache', cache], dir).ms);
      changeOneFile();
      runs.oneChanged.push(measure([MODELCTL, ...args, '--cache', cache], dir).ms);
      runs.unchanged.push(measure([MODELCTL, ...args, '--cache', cache], dir).ms);
    }
    const row = { coldMs: round(median(runs.cold)), coldWithCacheMs: round(median(runs.coldWithCache)), oneChangedMs: round(median(runs.oneChanged)), unchangedMs: round(median(runs.unchanged)) };
    row.ratio = round(row.oneChangedMs / row.coldMs, 2);
    row.ratioVsColdWithCache = round(row.oneChangedMs / row.coldWithCacheMs, 2);
    results[name] = row;
    console.error(`  ${name}: cold ${row.coldMs} ms, cold + cache ${row.coldWithCacheMs} ms, one changed ${row.oneChangedMs} ms, unchanged ${row.unchangedMs} ms`);
  }
  results.watch = await measureWatch(dir, changeOneFile, results.validate.coldMs);
  console.error(`  validate --watch: ${results.watch.oneChangedMs} ms from a write to its report (median of ${results.watch.runs}), first run ${results.watch.firstMs} ms`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** `validate --watch` in `dir`: from a file written to the next report's last line on stdout, REPS × 3 times. */
async function measureWatch(dir, change, coldMs) {
  const started = performance.now();
  const child = spawn(process.execPath, [MODELCTL, 'validate', '--watch', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  let waiting;
  child.stdout.setEncoding('utf8').on('data', (d) => {
    out += d;
    if (/^\d+ errors?, \d+ warnings?$/m.test(out) && waiting) {
      out = '';
      const done = waiting;
      waiting = undefined;
      done(performance.now());
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  const next = () => new Promise((resolve, reject) => {
    waiting = resolve;
    setTimeout(() => reject(new Error(`validate --watch gave no report in 60 s: ${err.slice(-2000)}`)), 60_000).unref();
  });
  try {
    const first = await next();
    while (!err.includes('watching')) await new Promise((r) => setTimeout(r, 20));
    const times = [];
    for (let i = 0; i < REPS * 3; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const reported = next();
      const t0 = performance.now();
      change();
      times.push((await reported) - t0);
    }
    const oneChangedMs = round(median(times));
    return { firstMs: round(first - started), oneChangedMs, runs: times.length, coldMs, ratio: round(oneChangedMs / coldMs, 3) };
  } finally {
    child.kill('SIGINT');
  }
}

const pass = Object.entries(results).filter(([n]) => n !== 'watch').every(([, r]) => r.ratio <= TARGET);
const watchPass = results.watch.ratio <= TARGET;
console.log(`--cache, ${MODELS.toLocaleString('en-US')} models — whole processes, median of ${REPS} runs`);
console.log(`  ${''.padEnd(9)} ${'cold'.padStart(10)} ${'cold+cache'.padStart(11)} ${'1 changed'.padStart(10)} ${'× cold'.padStart(7)} ${'× cold+cache'.padStart(13)} ${'unchanged'.padStart(10)}  target ≤ ${TARGET}× cold`);
for (const [name, r] of Object.entries(results).filter(([n]) => n !== 'watch'))
  console.log(`  ${name.padEnd(9)} ${`${r.coldMs} ms`.padStart(10)} ${`${r.coldWithCacheMs} ms`.padStart(11)} ${`${r.oneChangedMs} ms`.padStart(10)} ${`${r.ratio}×`.padStart(7)} ${`${r.ratioVsColdWithCache}×`.padStart(13)} ${`${r.unchangedMs} ms`.padStart(10)}  ${r.ratio <= TARGET ? 'ok' : 'MISS'}`);
console.log(`  validate --watch: one changed ${results.watch.oneChangedMs} ms from the write to its report = ${results.watch.ratio}× the cold validate (${results.watch.coldMs} ms)  ${watchPass ? 'ok' : 'MISS'}`);
console.log(`BENCH ${JSON.stringify({ bench: 'large-incremental', models: MODELS, reps: REPS, results, target: TARGET, pass, watchPass })}`);
if (process.env.BENCH_STRICT === '1' && !pass) process.exitCode = 1;
