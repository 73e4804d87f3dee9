// Plan benchmark: createPlan over two 10,000-model snapshots that differ in
// 1% of their models (prices, system prompts, availability, a source weight),
// plus the time to format the plan. Imports dist/: build first.
import { createHash } from 'node:crypto';
import { createPlan } from '../dist/plan/index.js';
import { planFormatters } from '../dist/cli/format/plan.js';
import { canonicalJson } from '../dist/runtime/index.js';
import { generateSnapshot, modelName } from './lib/snapshot-generator.mjs';

const N = 10_000;
const CHANGED = N / 100;
const RUNS = 7;
const TARGET_MS = 1000;

const live = generateSnapshot(N, 1);
const desired = structuredClone(live);
for (let k = 0; k < CHANGED; k++) {
  const m = desired.models[modelName(k * 97 % N)];
  switch (k % 4) {
    case 0:
      m.pricing.input += 0.5;
      break;
    case 1:
      m.systemPrompt = `You are model ${k}.\nAnswer briefly.\nCite sources when you can.\n`;
      break;
    case 2:
      m.availability = m.availability === 'all' ? { groups: ['g2'] } : 'all';
      break;
    default:
      m.sources[0].weight = 0;
  }
}
const { version: _v, ...content } = desired;
desired.version = `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;

const time = (fn) => {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const planTimes = [];
let plan;
for (let i = 0; i < RUNS; i++) {
  const [ms, p] = time(() => createPlan(live, desired));
  planTimes.push(ms);
  plan = p;
}
const format = {};
for (const name of ['text', 'markdown', 'json']) format[name] = median(Array.from({ length: 3 }, () => time(() => planFormatters[name](plan, { color: false }))[0]));
const fromNothing = median(Array.from({ length: 3 }, () => time(() => createPlan(null, live))[0]));

const result = {
  bench: 'plan',
  models: N,
  changedModels: CHANGED,
  planMs: +median(planTimes).toFixed(1),
  planMinMs: +Math.min(...planTimes).toFixed(1),
  planFromNothingMs: +fromNothing.toFixed(1),
  changes: plan.changes.length,
  impact: plan.impact.length,
  textMs: +format.text.toFixed(1),
  markdownMs: +format.markdown.toFixed(1),
  jsonMs: +format.json.toFixed(1),
  pass: median(planTimes) <= TARGET_MS && plan.changes.length === CHANGED,
};
console.log(`plan — two ${N.toLocaleString('en-US')}-model snapshots, ${CHANGED} models changed`);
const rows = [
  [`createPlan (median of ${RUNS})`, `${result.planMs} ms`, `≤ ${TARGET_MS} ms`],
  ['createPlan (best)', `${result.planMinMs} ms`, ''],
  ['createPlan from nothing (all create)', `${result.planFromNothingMs} ms`, ''],
  ['changes / impact entries', `${result.changes} / ${result.impact}`, `${CHANGED} changes`],
  ['format text / markdown / json', `${result.textMs} / ${result.markdownMs} / ${result.jsonMs} ms`, ''],
];
for (const [k, v, t] of rows) console.log(`  ${k.padEnd(38)} ${v.padStart(24)}  ${t}`);
console.log(`BENCH ${JSON.stringify(result)}`);
if (!result.pass) process.exitCode = 1;
