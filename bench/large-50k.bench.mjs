// 50,000 models: `modelctl validate` and `modelctl compile -o` against the bare
// YAML parse of the same files, whole processes: wall time (process start to
// exit, seen from the parent) and peak RSS (the child's maxRSS).
//
//   bare parse   list the *.yaml files (fast-glob), read each (readFileSync),
//                yaml.parseAllDocuments + toJS. Nothing else. (bench/large-child.mjs)
//   validate     node bin/modelctl.js validate .        (every rule, no snapshot)
//   compile      node bin/modelctl.js compile . -o FILE (snapshot written, ~73 MB)
//
// Targets (issue 12): validate and compile ≤ 1.3× the bare parse's time and
// ≤ 3× its peak RSS. Runs alternate; medians of REPS; the largest RSS seen.
// Env: BENCH_LARGE_MODELS=50000  BENCH_REPS=3  BENCH_STRICT=1.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternate, measure, MODELCTL, prepareCatalog, round, summary } from './large-lib.mjs';

const MODELS = Number(process.env.BENCH_LARGE_MODELS ?? 50_000);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const TARGET = { time: 1.3, rss: 3 };

const scratch = mkdtempSync(join(tmpdir(), 'modelctl-bench-50k-'));
let row;
try {
  const dir = join(scratch, 'catalog');
  const t0 = performance.now();
  const catalog = prepareCatalog(dir, MODELS);
  console.error(`  wrote ${MODELS} models in ${catalog.files} files in ${(performance.now() - t0).toFixed(0)} ms`);
  const out = join(scratch, 'snapshot.json');
  const commands = {
    bare: () => measure(['--bare-parse', '.'], dir),
    validate: () => measure([MODELCTL, 'validate', '.'], dir),
    compile: () => measure([MODELCTL, 'compile', '.', '-o', out], dir),
  };
  commands.bare(); // page cache
  const runs = alternate(commands, REPS);
  const bare = summary(runs.bare);
  const ratios = (s) => ({ ...s, time: round(s.ms / bare.ms, 2), rss: round(s.maxRssMb / bare.maxRssMb, 2) });
  row = { models: MODELS, files: catalog.files, snapshotBytes: statSync(out).size, bare, validate: ratios(summary(runs.validate)), compile: ratios(summary(runs.compile)) };
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const ok = (r) => r.time <= TARGET.time && r.rss <= TARGET.rss;
const pass = ok(row.validate) && ok(row.compile);
console.log(`${MODELS.toLocaleString('en-US')} models (${row.files.toLocaleString('en-US')} files, snapshot ${(row.snapshotBytes / 1e6).toFixed(1)} MB) — whole processes, median of ${REPS} alternating runs`);
console.log(`  ${''.padEnd(11)} ${'time'.padStart(10)} ${'× bare'.padStart(7)} ${'peak RSS'.padStart(10)} ${'× bare'.padStart(7)}  target ≤ ${TARGET.time}× time, ≤ ${TARGET.rss}× RSS`);
console.log(`  ${'bare parse'.padEnd(11)} ${`${row.bare.ms} ms`.padStart(10)} ${''.padStart(7)} ${`${row.bare.maxRssMb} MB`.padStart(10)}`);
for (const name of ['validate', 'compile']) {
  const r = row[name];
  console.log(`  ${name.padEnd(11)} ${`${r.ms} ms`.padStart(10)} ${`${r.time}×`.padStart(7)} ${`${r.maxRssMb} MB`.padStart(10)} ${`${r.rss}×`.padStart(7)}  ${ok(r) ? 'ok' : 'MISS'}`);
}
console.log(`BENCH ${JSON.stringify({ bench: 'large-50k', reps: REPS, ...row, target: TARGET, pass })}`);
if (process.env.BENCH_STRICT === '1' && !pass) process.exitCode = 1;
