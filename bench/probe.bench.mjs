// Probe benchmark: `modelctl test` over 300 models × 3 sources (Anthropic
// Messages, OpenAI Responses, Gemini; 900 probes) against the mock upstream
// answering each after 50 ms, at concurrency 8. The ideal is
// 900 × 50 ms / 8 = 5.6 s; the ratio measured / ideal is the probe's overhead
// (request building, undici, scheduling, classification). The mock runs in a
// child process so its own CPU time is not charged to the probe.
// Imports dist/: build first.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent } from 'undici';
import { runProbes } from '../dist/probe/index.js';

const MODELS = 300;
const LATENCY_MS = 50;
const CONCURRENCY = 8;
const RUNS = Number(process.env.BENCH_PROBE_RUNS ?? 3);
const TARGET_RATIO = 1.25;

const child = spawn(
  process.execPath,
  ['--input-type=module', '-e', `import { startMockUpstream } from ${JSON.stringify(new URL('../dist/probe/mock-upstream.js', import.meta.url).href)};
const m = await startMockUpstream({ fallback: { latencyMs: ${LATENCY_MS} } });
process.stdout.write(m.url + '\\n');
process.stdin.on('end', () => m.close().then(() => process.exit(0)));
process.stdin.resume();`],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const [firstLine] = await once(child.stdout, 'data');
const mock = { url: String(firstLine).trim() };
const routes = [
  ['anthropic', 'anthropic', 'anthropic-messages', ''],
  ['openai', 'openai', 'openai-responses', '/v1'],
  ['google', 'google', 'gemini-generate-content', ''],
];
const targets = [];
for (let i = 0; i < MODELS; i++) {
  const model = `model-${String(i).padStart(3, '0')}`;
  for (const [provider, type, protocol, suffix] of routes)
    targets.push({ sourceId: `${model}@${provider}:${model}-up`, model, purpose: 'chat', capabilities: ['text'], provider, providerType: type, upstreamModel: `${model}-up`, protocol, baseUrl: mock.url + suffix, credential: { env: 'BENCH_KEY' } });
}
const env = { BENCH_KEY: 'bench-key-not-a-secret' };
const ideal = (targets.length * LATENCY_MS) / CONCURRENCY;

const times = [];
for (let run = 0; run < RUNS; run++) {
  const dispatcher = new Agent({ connections: CONCURRENCY });
  const started = performance.now();
  const report = await runProbes(targets, { env, concurrency: CONCURRENCY, perProvider: CONCURRENCY, dispatcher });
  times.push(performance.now() - started);
  await dispatcher.close();
  if (report.summary.usable !== targets.length) throw new Error(`expected ${targets.length} usable, got ${JSON.stringify(report.summary)}`);
}
child.stdin.end();
await once(child, 'exit');

times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const ratio = median / ideal;
console.log(`probe: ${targets.length} probes (${MODELS} models × ${routes.length} sources), mock latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}`);
console.log(`  runs: ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}`);
console.log(`  median ${(median / 1000).toFixed(2)} s vs ideal ${(ideal / 1000).toFixed(2)} s (${targets.length} × ${LATENCY_MS} ms / ${CONCURRENCY}): ratio ${ratio.toFixed(3)} (target ≤ ${TARGET_RATIO})`);
if (ratio > TARGET_RATIO) process.exitCode = 1;
