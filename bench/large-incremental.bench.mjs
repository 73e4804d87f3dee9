// `--cache DIR` on a 10,000-model catalog: the cost of validating (and
// compiling) again after one file changed, against the cold run without a
// cache, in the same run. Whole processes, wall time.
//
//   cold           no --cache
//   cold + cache   --cache with an empty folder (what the first run in CI pays: it also writes the cache)
//   one changed    --cache, warm, after one model file changed (a different file each time)
//   unchanged      --cache, warm, nothing changed since (for scale: what stat-ing every file and the fixed costs take)
//
// Target (issue 12): one changed ≤ 10% of cold.
// Env: BENCH_INCREMENTAL_MODELS=10000  BENCH_REPS=3  BENCH_STRICT=1.
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
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const pass = Object.values(results).every((r) => r.ratio <= TARGET);
console.log(`--cache, ${MODELS.toLocaleString('en-US')} models — whole processes, median of ${REPS} runs`);
console.log(`  ${''.padEnd(9)} ${'cold'.padStart(10)} ${'cold+cache'.padStart(11)} ${'1 changed'.padStart(10)} ${'× cold'.padStart(7)} ${'× cold+cache'.padStart(13)} ${'unchanged'.padStart(10)}  target ≤ ${TARGET}× cold`);
for (const [name, r] of Object.entries(results))
  console.log(`  ${name.padEnd(9)} ${`${r.coldMs} ms`.padStart(10)} ${`${r.coldWithCacheMs} ms`.padStart(11)} ${`${r.oneChangedMs} ms`.padStart(10)} ${`${r.ratio}×`.padStart(7)} ${`${r.ratioVsColdWithCache}×`.padStart(13)} ${`${r.unchangedMs} ms`.padStart(10)}  ${r.ratio <= TARGET ? 'ok' : 'MISS'}`);
console.log(`BENCH ${JSON.stringify({ bench: 'large-incremental', models: MODELS, reps: REPS, results, target: TARGET, pass })}`);
if (process.env.BENCH_STRICT === '1' && !pass) process.exitCode = 1;
