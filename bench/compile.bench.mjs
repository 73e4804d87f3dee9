// Compile benchmark: what `modelctl compile` costs over a generated catalog of
// 1,000 and 10,000 models (one model per file), against the same baseline as
// validate.bench.mjs: list (fast-glob), read (readFileSync) and YAML-parse
// (parseAllDocuments + toJS) the files, nothing else.
//
//   COMPILE   buildStreamContent() + snapshotStream(): what compile -o runs: read,
//             parse, schema validation, every rule, then each resolved model
//             built and its canonical bytes made and hashed (the sha256
//             version), piece by piece (not written to disk).
//
// COLD: each run in a fresh `node` process (this file with --child), so no JIT,
// no module cache, no ajv code and no registry cache survive between runs; the
// time is performance.now() at the end of the child, i.e. everything since the
// process started: Node bootstrap, module loading, the work. The baseline child
// loads only fast-glob and yaml. Peak RSS is the child's resourceUsage().maxRSS.
// WARM: the same work repeated in this process, for reference.
// Runs alternate (baseline, compile, baseline, …); medians are reported.
// Target (issue): cold COMPILE ≤ 1.3× BASELINE at 10,000 models.
// Run `npm run build` first (bench/run.mjs does): this imports dist/.
// Env: BENCH_SIZES=1000,10000  BENCH_REPS=5 (cold and warm)  BENCH_STRICT=1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Everything else is imported dynamically, so a --child loads only what its mode needs.

async function baseline(dir) {
  const [{ default: fg }, { parseAllDocuments }] = await Promise.all([import('fast-glob'), import('yaml')]);
  const files = (await fg(['**/*.yaml', '**/*.yml'], { cwd: dir, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: ['**/node_modules/**'] })).sort();
  let documents = 0;
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      doc.toJS();
      documents++;
    }
  }
  return documents;
}

async function compile(dir) {
  const [{ buildStreamContent }, { snapshotStream }] = await Promise.all([import('../dist/pipeline.js'), import('../dist/compile/stream.js')]);
  const built = await buildStreamContent([dir], dir);
  if (!built.content) throw new Error(`generated catalog is invalid: ${built.diagnostics.filter((d) => d.severity === 'error').slice(0, 3).map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`);
  const stream = snapshotStream(built.content);
  let bytes = 0;
  for (const piece of stream.chunks) bytes += piece.length;
  return { documents: built.documents.length, bytes, version: stream.version() };
}

const MODES = { baseline, compile };

if (process.argv[2] === '--child') {
  // Child: one cold run, one JSON line on stdout.
  const [, , , mode, dir] = process.argv;
  const out = await MODES[mode](dir);
  const ms = performance.now();
  process.stdout.write(JSON.stringify({ mode, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, out }) + '\n');
} else {
  await parent();
}

async function parent() {
  const { writeCatalog } = await import('./lib/catalog-generator.mjs');
  const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
  const REPS = Number(process.env.BENCH_REPS ?? 5);
  const TARGET = { models: 10_000, coldRatio: 1.3 };
  const self = fileURLToPath(import.meta.url);
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  };
  const cold = (mode, dir) => {
    const t0 = performance.now();
    const line = execFileSync(process.execPath, [self, '--child', mode, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
    return { ...JSON.parse(line), wallMs: performance.now() - t0 };
  };
  const warm = async (fn, dir) => {
    const t0 = performance.now();
    const out = await fn(dir);
    return { ms: performance.now() - t0, out };
  };
  const round = (x) => +x.toFixed(1);

  const scratch = mkdtempSync(join(tmpdir(), 'modelctl-bench-compile-'));
  const results = [];
  try {
    for (const size of SIZES) {
      const dir = join(scratch, `catalog-${size}`);
      const written = writeCatalog(dir, size);
      const runs = { coldBase: [], coldCompile: [], warmBase: [], warmCompile: [] };
      // Cold first: one untimed pair warms the page cache only.
      cold('baseline', dir);
      const first = cold('compile', dir);
      if (first.out.documents !== written.documents) throw new Error(`compile read ${first.out.documents} documents, ${written.documents} written`);
      for (let r = 0; r < REPS; r++) {
        const order = r % 2 ? ['compile', 'baseline'] : ['baseline', 'compile'];
        for (const mode of order) (mode === 'baseline' ? runs.coldBase : runs.coldCompile).push(cold(mode, dir));
      }
      await warm(baseline, dir);
      await warm(compile, dir);
      for (let r = 0; r < REPS; r++) {
        const order = r % 2 ? [compile, baseline] : [baseline, compile];
        for (const fn of order) (fn === baseline ? runs.warmBase : runs.warmCompile).push((await warm(fn, dir)).ms);
      }
      const row = {
        models: size,
        files: written.files,
        snapshotBytes: first.out.bytes,
        cold: {
          baselineMs: round(median(runs.coldBase.map((r) => r.ms))),
          compileMs: round(median(runs.coldCompile.map((r) => r.ms))),
          baselineWallMs: round(median(runs.coldBase.map((r) => r.wallMs))),
          compileWallMs: round(median(runs.coldCompile.map((r) => r.wallMs))),
          baselinePeakRssMb: round(Math.max(...runs.coldBase.map((r) => r.maxRssMb))),
          compilePeakRssMb: round(Math.max(...runs.coldCompile.map((r) => r.maxRssMb))),
        },
        warm: { baselineMs: round(median(runs.warmBase)), compileMs: round(median(runs.warmCompile)) },
      };
      row.cold.ratio = +(row.cold.compileMs / row.cold.baselineMs).toFixed(2);
      row.warm.ratio = +(row.warm.compileMs / row.warm.baselineMs).toFixed(2);
      results.push(row);
      console.error(`  ${size} models: cold baseline ${row.cold.baselineMs} ms, cold compile ${row.cold.compileMs} ms, warm ${row.warm.baselineMs} / ${row.warm.compileMs} ms`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const target = results.find((r) => r.models === TARGET.models);
  const pass = target ? target.cold.ratio <= TARGET.coldRatio : null;
  const fmt = (n) => n.toLocaleString('en-US');
  const ms = (x) => `${x} ms`;
  console.log(`compile — median of ${REPS} alternating runs; cold = fresh node process, time since process start`);
  console.log(`  ${'models'.padStart(7)} ${'cold base'.padStart(11)} ${'cold compile'.padStart(13)} ${'ratio'.padStart(6)} ${'warm base'.padStart(11)} ${'warm compile'.padStart(13)} ${'ratio'.padStart(6)} ${'peak RSS base/compile'.padStart(22)}  target`);
  for (const r of results) {
    const t = r.models === TARGET.models ? `cold ≤ ${TARGET.coldRatio}×  ${r.cold.ratio <= TARGET.coldRatio ? 'ok' : 'MISS'}` : '';
    console.log(
      `  ${fmt(r.models).padStart(7)} ${ms(r.cold.baselineMs).padStart(11)} ${ms(r.cold.compileMs).padStart(13)} ${(r.cold.ratio + '×').padStart(6)} ${ms(r.warm.baselineMs).padStart(11)} ${ms(r.warm.compileMs).padStart(13)} ${(r.warm.ratio + '×').padStart(6)} ${`${r.cold.baselinePeakRssMb} / ${r.cold.compilePeakRssMb} MB`.padStart(22)}  ${t}`,
    );
  }
  console.log(`BENCH ${JSON.stringify({ bench: 'compile', reps: REPS, results, target: TARGET, pass })}`);
  if (process.env.BENCH_STRICT === '1' && pass === false) process.exitCode = 1;
}
