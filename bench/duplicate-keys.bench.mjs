// The duplicate-key check every snapshot push runs (src/snapshot-bytes/json-keys.ts),
// against the JSON.parse the push does anyway, on a 10,000-model snapshot
// (~14.5 MB). Alternating runs, medians; the ratio is what to compare.
//   BENCH_MOMOA=/path/to/@humanwhocodes/momoa/dist/momoa.js  also times momoa's
//   parse plus a walk over its AST (not a dependency: measured when asked).
import { generateSnapshot } from './lib/snapshot-generator.mjs';
import { findDuplicateKey } from '../dist/snapshot-bytes/json-keys.js';

const text = JSON.stringify(generateSnapshot(10_000));
const fns = { 'JSON.parse': () => JSON.parse(text), 'findDuplicateKey': () => findDuplicateKey(text) };
if (process.env.BENCH_MOMOA) {
  const momoa = await import(process.env.BENCH_MOMOA);
  fns['momoa parse + walk'] = () => {
    const walk = (n) => {
      if (n.type === 'Object') {
        const seen = new Set();
        for (const m of n.members) {
          if (seen.has(m.name.value)) return m.name.value;
          seen.add(m.name.value);
          const d = walk(m.value);
          if (d) return d;
        }
      } else if (n.type === 'Array') for (const e of n.elements) { const d = walk(e.value); if (d) return d; }
      return null;
    };
    return walk(momoa.parse(text).body);
  };
}
const times = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
for (let r = 0; r < 7; r++) for (const [k, f] of Object.entries(fns)) {
  const t = performance.now();
  f();
  times[k].push(performance.now() - t);
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const base = median(times['JSON.parse']);
console.log(`duplicate keys, ${(text.length / 1e6).toFixed(1)} MB snapshot (10,000 models), median of 7:`);
for (const k in times) console.log(`  ${k.padEnd(20)} ${median(times[k]).toFixed(1).padStart(8)} ms  ${(median(times[k]) / base).toFixed(2)}× JSON.parse`);
