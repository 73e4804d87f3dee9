// Shared by the large-catalog benches (bench/large-*.bench.mjs): catalogs on
// disk, whole processes timed from the outside with their peak RSS, medians.
// Not a bench itself (bench/run.mjs runs *.bench.mjs only).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCatalog } from './lib/catalog-generator.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./large-child.mjs', import.meta.url));

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
export const round = (x, digits = 1) => +x.toFixed(digits);

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.yaml')) out.push(p);
  }
  return out;
}

/**
 * A generated catalog of `models` models, one per file. With `singleDocuments`,
 * files that hold several documents (providers, groups, tiers) are split into
 * one file per document: ajv-cli reads a YAML file as one document, so this is
 * the only way to give both tools exactly the same files.
 */
export function prepareCatalog(dir, models, { singleDocuments = false, seed = 1 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  const written = writeCatalog(dir, models, { seed });
  if (singleDocuments) {
    for (const file of walk(dir)) {
      const text = readFileSync(file, 'utf8');
      const parts = text.split(/^---\n/m);
      if (parts.length < 2) continue;
      const header = parts[0].startsWith('#') ? parts[0].slice(0, parts[0].indexOf('\n') + 1) : '';
      rmSync(file);
      parts.forEach((part, i) => writeFileSync(file.replace(/\.yaml$/, `-${i}.yaml`), i === 0 ? part : header + part));
    }
  }
  return { ...written, files: walk(dir).length };
}

/**
 * Runs `node <args>` in `cwd` through bench/large-child.mjs, stdout to
 * /dev/null, and returns the wall time seen from here (process start to exit),
 * the child's peak RSS and its exit code.
 */
export function measure(args, cwd, { expectCode = 0 } = {}) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CHILD, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26, encoding: 'utf8' });
  const ms = performance.now() - started;
  const report = r.output?.[3] ? JSON.parse(r.output[3]) : {};
  if (r.status !== expectCode) throw new Error(`node ${args.join(' ')} (in ${cwd}) exited ${r.status}, expected ${expectCode}:\n${(r.stderr ?? '').slice(0, 2000)}`);
  return { ms, maxRssMb: (report.maxRssKb ?? NaN) / 1024, code: r.status };
}

/** Runs each named command `reps` times, rotating which goes first; returns per name the runs. */
export function alternate(commands, reps) {
  const names = Object.keys(commands);
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < reps; r++)
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length];
      runs[name].push(commands[name]());
    }
  return runs;
}

/** Median wall time and the largest peak RSS of a list of runs. */
export function summary(runs) {
  return { ms: round(median(runs.map((r) => r.ms))), maxRssMb: round(Math.max(...runs.map((r) => r.maxRssMb))) };
}

/** The CLI measured; BENCH_MODELCTL=path/to/bin/modelctl.js measures another build (say, the one before a change). */
export const MODELCTL = process.env.BENCH_MODELCTL ? resolve(process.env.BENCH_MODELCTL) : join(ROOT, 'bin', 'modelctl.js');
