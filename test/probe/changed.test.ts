// --changed: only the sources a plan against the live snapshot creates or
// changes are probed — pure selection first, then end to end through a file: target.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/pipeline.js';
import { createPlan } from '../../src/plan/index.js';
import { changedSources } from '../../src/probe/index.js';
import { startMockUpstream, type MockUpstream } from '../../src/probe/mock-upstream.js';
import type { ProbeReport } from '../../src/probe/index.js';
import { run } from '../cli/capture.js';
import { CATALOG_ENV, DEFAULT_MODELS, writeCatalog, type ModelSpec } from './catalog.js';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());

const edited: ModelSpec[] = [
  // alpha: only the anthropic route's weight changes.
  { name: 'alpha', sources: [['anthropic', 'claude-good', 50], ['openai', 'gpt-echo'], ['google', 'gemini-good']] },
  DEFAULT_MODELS[1]!,
  DEFAULT_MODELS[2]!,
  { name: 'delta', sources: [['google', 'gemini-new']] },
];

async function snapshots(models: ModelSpec[], bedrockEnv?: string) {
  const live = (await buildSnapshot([await writeCatalog(mock.url)], '/')).snapshot!;
  const desired = (await buildSnapshot([await writeCatalog(mock.url, models, undefined, bedrockEnv)], '/')).snapshot!;
  return { live, desired };
}

describe('changedSources', () => {
  it('a changed source field selects that source; a new model all of its sources; nothing else', async () => {
    const { live, desired } = await snapshots(edited);
    expect([...changedSources(createPlan(live, desired), desired)].sort()).toEqual(['alpha@anthropic:claude-good', 'delta@google:gemini-new']);
  });

  it('a changed provider (its credential) selects every source bound to it', async () => {
    const { live, desired } = await snapshots(DEFAULT_MODELS, 'OTHER_BEDROCK_KEYS');
    expect([...changedSources(createPlan(live, desired), desired)]).toEqual(['beta@bedrock:titan-good']);
  });

  it('no plan changes select nothing', async () => {
    const { live } = await snapshots(DEFAULT_MODELS);
    expect(changedSources(createPlan(live, live), live).size).toBe(0);
  });
});

describe('modelctl test --changed --target', () => {
  it('probes exactly what the plan against the live target touches', async () => {
    const work = await mkdtemp(join(tmpdir(), 'modelctl-changed-'));
    const liveDir = await writeCatalog(mock.url, DEFAULT_MODELS, await mkdtemp(join(work, 'live-')));
    const applied = await run(['apply', liveDir, '--target', 'file:live.json'], work, CATALOG_ENV);
    expect(applied.code).toBe(0);
    const desiredDir = await writeCatalog(mock.url, edited, await mkdtemp(join(work, 'desired-')));
    const before = mock.requests.length;
    const r = await run(['test', desiredDir, '--target', 'file:live.json', '--changed', '--format', 'json'], work, CATALOG_ENV);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ProbeReport;
    expect(report.models.flatMap((m) => m.sources.map((s) => s.id))).toEqual(['alpha@anthropic:claude-good', 'delta@google:gemini-new']);
    expect(mock.requests.slice(before).map((q) => q.model).sort()).toEqual(['claude-good', 'gemini-new']);
    // Without --changed and DIR, --target tests everything live there.
    const all = await run(['test', '--target', 'file:live.json', '--format', 'json'], work, CATALOG_ENV);
    expect((JSON.parse(all.stdout) as ProbeReport).summary.sources).toBe(5);
  });
});
