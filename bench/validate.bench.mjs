// Validate benchmark: what `modelctl validate` costs over a generated catalog of
// 1,000 and 10,000 models (one model per file), against a baseline of the least
// any YAML tool must do with the same files.
//
//   BASELINE  list the *.yaml files (fast-glob, same options), read each one
//             (readFileSync: the cheapest plain read), yaml.parseAllDocuments +
//             toJS. Nothing else.
//   BASELINE (async I/O)  the same with one `await readFile` (fs/promises) per
//             file in sequence, the I/O pattern src/load/read.ts uses; shown to
//             separate the cost of that pattern from the cost of the work.
//   VALIDATE  checkCatalog(): what the validate command runs: read, parse
//             (positions computed only where a diagnostic asks), schema
//             validation of every document, every compile rule; no snapshot
//             is built (validate never prints one).
//
// Both run in this process, warm, alternating, REPS times; medians are reported.
// The built-in registry is read once per process (cached), as in the CLI.
// Target (issue): VALIDATE ≤ 1.5× BASELINE at 10,000 models.
// Run `npm run build` first (bench/run.mjs does): this imports dist/.
// Env: BENCH_SIZES=1000,10000  BENCH_REPS=7  BENCH_STRICT=1 (exit 1 on a missed target).
import { mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fg from 'fast-glob';
import { parseAllDocuments } from 'yaml';
import { checkCatalog } from '../dist/pipeline.js';
import { writeCatalog } from './lib/catalog-generator.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 7);
const TARGET = { models: 10_000, ratio: 1.5 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const listYaml = async (dir) => (await fg(['**/*.yaml', '**/*.yml'], { cwd: dir, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: ['**/node_modules/**'] })).sort();

function parseAll(text) {
  let documents = 0;
  for (const doc of parseAllDocuments(text)) {
    doc.toJS();
    documents++;
  }
  return documents;
}

/** The baseline: find, read and YAML-parse the same files, and nothing else. */
async function baseline(dir) {
  let documents = 0;
  for (const file of await listYaml(dir)) documents += parseAll(readFileSync(file, 'utf8'));
  return documents;
}

/** The same work, reading each file with a sequential `await readFile` (the loader's I/O pattern). */
async function baselineAsyncIo(dir) {
  let documents = 0;
  for (const file of await listYaml(dir)) documents += parseAll(await readFile(file, 'utf8'));
  return documents;
}

async function validate(dir) {
  const built = await checkCatalog([dir], dir);
  const errors = built.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`generated catalog is invalid: ${errors.slice(0, 3).map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`);
  return built.documents.length;
}

async function time(fn) {
  const t0 = performance.now();
  const n = await fn();
  return { ms: performance.now() - t0, n };
}

const scratch = mkdtempSync(join(tmpdir(), 'modelctl-bench-validate-'));
const results = [];
try {
  for (const size of SIZES) {
    const dir = join(scratch, `catalog-${size}`);
    const gen = await time(async () => writeCatalog(dir, size).files);
    // One untimed round each: JIT, ajv compilation, registry cache, page cache.
    const docs = await baseline(dir);
    await baselineAsyncIo(dir);
    const validated = await validate(dir);
    if (docs !== validated) throw new Error(`baseline saw ${docs} documents, validate ${validated}`);
    const runs = { base: [], asyncIo: [], val: [] };
    const fns = { base: baseline, asyncIo: baselineAsyncIo, val: validate };
    for (let r = 0; r < REPS; r++) {
      // Rotate which goes first, so none always runs after another's garbage.
      const order = ['base', 'val', 'asyncIo'];
      for (let k = 0; k < order.length; k++) {
        const name = order[(k + r) % order.length];
        runs[name].push((await time(() => fns[name](dir))).ms);
      }
    }
    const row = {
      models: size,
      files: gen.n,
      documents: docs,
      baselineMs: +median(runs.base).toFixed(1),
      baselineAsyncIoMs: +median(runs.asyncIo).toFixed(1),
      validateMs: +median(runs.val).toFixed(1),
    };
    row.ratio = +(row.validateMs / row.baselineMs).toFixed(2);
    row.ratioVsAsyncIo = +(row.validateMs / row.baselineAsyncIoMs).toFixed(2);
    row.perModelUs = +((row.validateMs * 1000) / size).toFixed(1);
    results.push(row);
    console.error(`  ${size} models: baseline ${row.baselineMs} ms, baseline (async I/O) ${row.baselineAsyncIoMs} ms, validate ${row.validateMs} ms (generated in ${gen.ms.toFixed(0)} ms)`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const target = results.find((r) => r.models === TARGET.models);
const pass = target ? target.ratio <= TARGET.ratio : null;
const fmt = (n) => n.toLocaleString('en-US');
console.log(`validate — warm, in process, median of ${REPS} alternating runs`);
console.log(`  ${'models'.padStart(7)} ${'files'.padStart(7)} ${'baseline'.padStart(11)} ${'validate'.padStart(11)} ${'ratio'.padStart(7)}  ${'target'.padEnd(12)} ${'base async I/O'.padStart(15)} ${'ratio'.padStart(7)}`);
for (const r of results) {
  const t = r.models === TARGET.models ? `≤ ${TARGET.ratio}× ${r.ratio <= TARGET.ratio ? 'ok' : 'MISS'}` : '';
  console.log(
    `  ${fmt(r.models).padStart(7)} ${fmt(r.files).padStart(7)} ${(r.baselineMs + ' ms').padStart(11)} ${(r.validateMs + ' ms').padStart(11)} ${(r.ratio + '×').padStart(7)}  ${t.padEnd(12)} ${(r.baselineAsyncIoMs + ' ms').padStart(15)} ${(r.ratioVsAsyncIo + '×').padStart(7)}`,
  );
}
console.log(`BENCH ${JSON.stringify({ bench: 'validate', reps: REPS, results, target: TARGET, pass })}`);
if (process.env.BENCH_STRICT === '1' && pass === false) process.exitCode = 1;
