// Scaling check (promise 3: bad input gets a diagnostic in time linear in its
// size). validate + the text formatter — what `modelctl validate` prints — on
// hostile single files:
//   keys N    one mapping with N unknown keys (N errors, one per key)
//   flow      one ~200 KB flow sequence on a single line (every item a wrong type)
//   flow×2    the same sequence twice as long (~400 KB)
// Reported: median ms of REPS runs, and the ratios 20k/10k, 40k/10k (linear is
// 2 and 4) and flow×2/flow (linear is 2), against the same run's own figures.
// Target (issue 8): 40k/10k < 5. BENCH_STRICT=1 exits 1 on a miss.
// Run `npm run build` first (bench/run.mjs does): this imports dist/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCatalog } from '../dist/pipeline.js';
import { diagnosticFormatters } from '../dist/cli/format/diagnostics.js';

const REPS = Number(process.env.BENCH_REPS ?? 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const header = 'apiVersion: modelctl/v1\nkind: Group\nname: hostile\n';
const keys = (n) => header + Array.from({ length: n }, (_, i) => `unknownKey${i}: ${i}\n`).join('');
const flow = (items) => header + 'aliases: [' + Array.from({ length: items }, (_, i) => `{ item${i}: ${i} }`).join(', ') + ']\n';

const root = mkdtempSync(join(tmpdir(), 'modelctl-scaling-'));
function write(name, text) {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(join(root, `${name}.yaml`), text);
  return join(root, `${name}.yaml`);
}

async function timeValidate(path) {
  const times = [];
  let bytes = 0;
  let diagnostics = 0;
  for (let r = 0; r < REPS; r++) {
    const started = performance.now();
    const built = await checkCatalog([path], root);
    const out = diagnosticFormatters.text(built.diagnostics, { sources: built.sources, color: false });
    times.push(performance.now() - started);
    bytes = out.length;
    diagnostics = built.diagnostics.length;
  }
  return { ms: median(times), bytes, diagnostics };
}

const cases = [
  ['keys 10k', keys(10_000)],
  ['keys 20k', keys(20_000)],
  ['keys 40k', keys(40_000)],
  ['flow', flow(12_000)],
  ['flow×2', flow(24_000)],
];
const results = {};
await checkCatalog([write('warm', keys(100))], root); // registry, ajv compile
for (const [name, text] of cases) {
  const path = write(name.replace(/\W/g, '_'), text);
  const r = await timeValidate(path);
  results[name] = r;
  console.log(`${name.padEnd(9)} ${(text.length / 1024).toFixed(0).padStart(5)} KB  ${r.ms.toFixed(0).padStart(6)} ms  ${r.diagnostics} diagnostics, ${(r.bytes / 1024).toFixed(1)} KB printed`);
}
rmSync(root, { recursive: true, force: true });

const ratio = (a, b) => results[a].ms / results[b].ms;
const r40 = ratio('keys 40k', 'keys 10k');
console.log(`ratios: keys 20k/10k ${ratio('keys 20k', 'keys 10k').toFixed(2)} (linear 2), 40k/10k ${r40.toFixed(2)} (linear 4, target < 5), flow×2/flow ${ratio('flow×2', 'flow').toFixed(2)} (linear 2)`);
if (process.env.BENCH_STRICT === '1' && !(r40 < 5)) {
  console.error('scaling: 40k/10k is over 5');
  process.exitCode = 1;
}
