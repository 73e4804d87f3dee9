// Start-up benchmark: how long whole `modelctl` processes take, as a ratio to a
// bare `node -e 0` measured in the same run — what a pre-commit hook or an
// editor task feels.
//
//   BASELINE  node -e 0
//   --version node bin/modelctl.js --version
//   validate  node bin/modelctl.js validate examples/quickstart
//
// Paired and alternating: each round runs the baseline next to each command,
// in an order that flips every round (B A, then A B), and a ratio is taken
// pair by pair, so a machine that speeds up or slows down during the run moves
// both sides of a pair alike. Medians over the rounds are reported; min and max
// of the ratios show the spread (a wide one means a noisy machine).
// Wall time of the child from spawn to exit, output captured and checked.
// Targets (issue 12): --version ≤ 1.5×, validate examples/quickstart ≤ 2.5×.
// Run `npm run build` first (bench/run.mjs does): bin/ runs dist/bundle/ (dist/ when the bundle is missing or stale).
// Env: BENCH_RUNS=20 (rounds)  BENCH_WARMUP=2  BENCH_STRICT=1 (exit 1 on a missed target).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const version = JSON.parse((await import('node:fs')).readFileSync(join(root, 'package.json'), 'utf8')).version;

const BASELINE = { name: 'node -e 0', args: ['-e', '0'], check: (r) => r.status === 0 };
const COMMANDS = [
  { name: '--version', args: ['bin/modelctl.js', '--version'], target: 1.5, check: (r) => r.status === 0 && r.stdout.trim() === version },
  { name: 'validate examples/quickstart', args: ['bin/modelctl.js', 'validate', 'examples/quickstart'], target: 2.5, check: (r) => r.status === 0 && /\b0 errors\b/.test(r.stdout) },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** One whole process, timed from spawn to exit; throws when it did not do its job. */
function time(cmd) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, cmd.args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  if (!cmd.check(r)) throw new Error(`${cmd.name}: unexpected result (exit ${r.status}): ${(r.stdout + r.stderr).slice(0, 300)}`);
  return ms;
}

const pairs = new Map(COMMANDS.map((c) => [c.name, { a: [], b: [], ratio: [] }]));
for (let round = -WARMUP; round < RUNS; round++) {
  for (const cmd of COMMANDS) {
    const flip = (round & 1) === 1;
    const first = time(flip ? cmd : BASELINE);
    const second = time(flip ? BASELINE : cmd);
    if (round < 0) continue;
    const [a, b] = flip ? [first, second] : [second, first];
    const p = pairs.get(cmd.name);
    p.a.push(a);
    p.b.push(b);
    p.ratio.push(a / b);
  }
}

const results = COMMANDS.map((cmd) => {
  const p = pairs.get(cmd.name);
  const ratio = +median(p.ratio).toFixed(2);
  return {
    command: cmd.name,
    ms: +median(p.a).toFixed(1),
    baselineMs: +median(p.b).toFixed(1),
    ratio,
    ratioMin: +Math.min(...p.ratio).toFixed(2),
    ratioMax: +Math.max(...p.ratio).toFixed(2),
    target: cmd.target,
    pass: ratio <= cmd.target,
  };
});

console.log(`start-up — whole processes, ${RUNS} paired rounds (alternating order), medians; baseline: ${BASELINE.name}`);
console.log(`  ${'command'.padEnd(30)} ${'median'.padStart(9)} ${'baseline'.padStart(9)} ${'ratio'.padStart(7)} ${'min–max'.padStart(12)}  target`);
for (const r of results) {
  console.log(`  ${r.command.padEnd(30)} ${(r.ms + ' ms').padStart(9)} ${(r.baselineMs + ' ms').padStart(9)} ${(r.ratio + '×').padStart(7)} ${`${r.ratioMin}–${r.ratioMax}`.padStart(12)}  ≤ ${r.target}× ${r.pass ? 'ok' : 'MISS'}`);
}
const pass = results.every((r) => r.pass);
console.log(`BENCH ${JSON.stringify({ bench: 'startup', runs: RUNS, node: process.version, results, pass })}`);
if (process.env.BENCH_STRICT === '1' && !pass) process.exitCode = 1;
