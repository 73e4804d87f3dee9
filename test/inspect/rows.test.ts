// The pure core of inspect: statuses from live state, filters, and the CLI's
// catalog / snapshot-file paths (no live state) and usage errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterModels, modelRows, parseStatus, presenceFromResolves, type LiveStatus } from '../../src/inspect/index.js';
import { buildSnapshot } from '../../src/pipeline.js';
import type { Snapshot } from '../../src/generated/types.js';
import { run } from '../cli/capture.js';
import { CATALOG, ROOT } from './serve.js';

let snapshot: Snapshot;
let dir: string;
beforeAll(async () => {
  const built = await buildSnapshot([CATALOG], ROOT, {});
  snapshot = built.snapshot!;
  dir = await mkdtemp(join(tmpdir(), 'modelctl-inspect-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const live = (breakers: Record<string, string>, credentials: Record<string, Record<string, boolean>> | null): LiveStatus =>
  parseStatus({
    breakers: Object.entries(breakers).map(([sourceId, state]) => ({ sourceId, state, consecutiveFailures: 3, openUntil: 1, cooldownSeconds: 30 })),
    ...(credentials ? { credentials: Object.fromEntries(Object.entries(credentials).map(([p, b]) => [p, Object.fromEntries(Object.entries(b).map(([k, present]) => [k, { ref: 'env X', present }]))])) } : {}),
  });

describe('model status', () => {
  const rows: { name: string; live: LiveStatus | null; expected: Record<string, string> }[] = [
    { name: 'no live state: active or inactive only', live: null, expected: { alpha: 'active', beta: 'active', claude: 'active', gamma: 'inactive' } },
    { name: 'presence unknown never hides', live: live({}, null), expected: { alpha: 'active', claude: 'active' } },
    { name: 'missing credential hides', live: live({}, { anthropic: { default: false } }), expected: { claude: 'hidden', alpha: 'active' } },
    { name: 'one of two breakers open: degraded', live: live({ 'alpha@openai:gpt-5': 'open' }, null), expected: { alpha: 'degraded' } },
    { name: 'every breaker open: circuit-open', live: live({ 'alpha@openai:gpt-5': 'open', 'alpha@openrouter:openai/gpt-5': 'open' }, null), expected: { alpha: 'circuit-open' } },
    { name: 'half-open is offered: not open', live: live({ 'beta@openai:gpt-5-mini': 'half-open' }, null), expected: { beta: 'active' } },
    { name: 'open source plus a missing one: circuit-open over what is left', live: live({ 'alpha@openai:gpt-5': 'open' }, { openrouter: { default: false } }), expected: { alpha: 'circuit-open' } },
    { name: 'inactive wins over everything', live: live({ 'gamma@openai:gpt-4.1': 'open' }, { openai: { default: false } }), expected: { gamma: 'inactive' } },
  ];
  it.each(rows)('$name', ({ live, expected }) => {
    const status = Object.fromEntries(modelRows(snapshot, live).map((r) => [r.name, r.status]));
    expect(status).toMatchObject(expected);
  });

  it('counts usable sources without open breakers or missing credentials', () => {
    const r = modelRows(snapshot, live({ 'alpha@openai:gpt-5': 'open' }, null)).find((m) => m.name === 'alpha')!;
    expect(r.sources).toEqual({ usable: 1, total: 2 });
  });
});

describe('filters', () => {
  const names = (f: Parameters<typeof filterModels>[2]) => filterModels(snapshot, modelRows(snapshot, null), f).map((r) => r.name);
  it.each([
    [{ search: 'ALPHA' }, ['alpha']],
    [{ search: '德尔塔' }, ['delta']],
    [{ group: 'everyone' }, ['claude', 'alpha', 'beta', 'gamma', 'titles']],
    [{ group: 'Engineering', entryPoint: 'cli', access: 'public', status: 'active' as const }, ['claude', 'alpha', 'beta', 'delta']],
    [{ entryPoint: 'desktop', vendor: 'XAI' }, []],
    [{ protocol: 'openai-chat-completions' }, ['alpha', 'delta']],
  ])('%j', (f, expected) => expect(names(f)).toEqual(expected));
});

describe('derived presence', () => {
  it('marks a binding present when any routed source uses it, missing on no-route, unknown when nothing speaks for it', () => {
    const p = presenceFromResolves(snapshot, { alpha: { ok: true, attempts: [{ sourceId: 'alpha@openrouter:openai/gpt-5' }] }, claude: { ok: false, error: { code: 'no-route' } } }, { 'alpha@openai:gpt-5': 'open' });
    expect(p).toEqual({ openai: { default: true }, openrouter: { default: true }, anthropic: { default: false } });
  });
});

describe('get and access from a catalog or a snapshot file', () => {
  it('reads a compiled snapshot with the same rows as its catalog', async () => {
    const file = join(dir, 'snapshot.json');
    expect((await run(['compile', CATALOG, '-o', file], ROOT)).code).toBe(0);
    const fromFile = await run(['get', 'models', '--snapshot', file, '-o', 'wide'], ROOT);
    const fromDir = await run(['get', 'models', CATALOG, '-o', 'wide'], ROOT);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe(fromDir.stdout);
    expect(fromDir.stdout).not.toMatch(/hidden|circuit-open|degraded/);
    expect((await run(['get', 'providers', CATALOG], ROOT)).stdout).toMatch(/env INSPECT_ANTHROPIC_KEY +unknown/);
    const acc = await run(['access', '--snapshot', file, '--model', 'claude', '--format', 'json'], ROOT);
    expect(JSON.parse(acc.stdout).where.length).toBeGreaterThan(0);
  });

  it('selects one resource by NAME, and exits 1 with a did-you-mean for an unknown one', async () => {
    const one = await run(['get', 'tier', 'auto', CATALOG, '-o', 'json'], ROOT);
    expect(JSON.parse(one.stdout).items.map((t: { name: string }) => t.name)).toEqual(['auto']);
    const bad = await run(['get', 'tools', 'web-serch', CATALOG], ROOT);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("did you mean 'web-search'?");
    const model = await run(['access', CATALOG, '--model', 'alpah'], ROOT);
    expect(model.code).toBe(1);
    expect(model.stderr).toContain("did you mean 'alpha'?");
  });

  it('refuses bad usage with 64', async () => {
    for (const args of [['get'], ['get', 'widgets', CATALOG], ['get', 'providers', CATALOG, '--status', 'hidden'], ['get', 'models', CATALOG, '-o', 'xml'], ['get', 'models', 'a', 'b', '--snapshot', 'x.json'], ['access', CATALOG, '--snapshot', 'x.json'], ['access', CATALOG, '--format', 'yaml'], ['explain', '--target', 'http://127.0.0.1:9', CATALOG, '--entry-point', 'cli']]) {
      expect((await run(args, ROOT)).code, args.join(' ')).toBe(64);
    }
  });
});
