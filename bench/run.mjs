#!/usr/bin/env node
// `npm run bench`: builds dist/ (scripts/build.mjs: tsc, then the CLI bundle), then runs every
// bench/*.bench.mjs in sorted order, each in its own node process, streaming
// its output. Exits non-zero when the build or any bench fails.
//   BENCH_ONLY=name   run one bench: `compile`, `compile.bench`, or `compile.bench.mjs`
//                     (a comma-separated list runs several)
// Other BENCH_* variables pass through to the benches.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '..');

function run(args, label) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      process.stderr.write(`${label}: ${err.message}\n`);
      resolve({ code: 1, seconds: 0 });
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code: code ?? (signal ? 1 : 0), signal, seconds: (performance.now() - started) / 1000 });
    });
  });
}

const all = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map((s) => s.replace(/\.mjs$/, '').replace(/\.bench$/, ''));
const selected = only.length ? all.filter((f) => only.includes(f.replace(/\.bench\.mjs$/, ''))) : all;
const unknown = only.filter((o) => !all.some((f) => f.replace(/\.bench\.mjs$/, '') === o));
if (unknown.length) {
  process.stderr.write(`BENCH_ONLY: no bench named ${unknown.join(', ')}; available: ${all.map((f) => f.replace(/\.bench\.mjs$/, '')).join(', ')}\n`);
  process.exit(64);
}

// The same build as npm ci's: tsc alone would leave the CLI bundle older than dist/, and bin/modelctl.js would run the per-file build instead.
process.stderr.write('bench: building dist/ (scripts/build.mjs: tsc, then the CLI bundle)\n');
const build = await run([join(root, 'scripts', 'build.mjs')], 'build');
if (build.code !== 0) {
  process.stderr.write('bench: build failed\n');
  process.exit(1);
}

const summary = [];
for (const file of selected) {
  process.stderr.write(`\n=== ${file}\n`);
  const r = await run([join(benchDir, file)], file);
  summary.push({ file, ...r });
  process.stderr.write(`=== ${file}: ${r.code === 0 ? 'ok' : `FAILED (${r.signal ?? `exit ${r.code}`})`} in ${r.seconds.toFixed(1)} s\n`);
}

const failed = summary.filter((s) => s.code !== 0);
process.stderr.write(`\nbench: ${summary.length - failed.length}/${summary.length} passed${failed.length ? `; failed: ${failed.map((f) => f.file).join(', ')}` : ''}\n`);
process.exitCode = failed.length ? 1 : 0;
