// catalog → compile → export litellm → import litellm → compile gives the same
// routes, prices and capabilities, on every example.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot, SnapshotModel } from '../../src/generated/types.js';
import { buildSnapshot } from '../../src/pipeline.js';
import { run } from '../cli/capture.js';
import { credentialArgs, EXAMPLES, ROOT } from './support.js';

/** What LiteLLM routes for a model, independent of provider names (import names providers itself). */
function routes(s: Snapshot, m: SnapshotModel, envOf: (provider: string, binding: string, cred: SnapshotModel['sources'][number]['credential']) => string) {
  return m.sources
    .filter((x) => x.status === 'active' && x.weight > 0)
    .map((x) => ({
      type: x.providerType,
      model: x.model,
      protocol: x.protocol,
      priority: x.priority,
      weight: x.weight,
      baseUrl: x.baseUrl,
      region: s.providers[x.provider]?.region ?? null,
      key: envOf(x.provider, x.binding, x.credential),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe.each(Object.keys(EXAMPLES))('round trip of examples/%s', (example) => {
  it('keeps routes, prices, capabilities, purpose, limits and access groups', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-roundtrip-'));
    const before = (await buildSnapshot([`examples/${example}`], ROOT)).snapshot!;
    const exported = await run(['export', 'litellm', `examples/${example}`, ...credentialArgs(example)], ROOT);
    expect(exported.code).toBe(0);
    writeFileSync(join(dir, 'config.yaml'), exported.stdout);
    const imported = await run(['import', 'litellm', join(dir, 'config.yaml'), '--out', join(dir, 'catalog')], ROOT);
    expect(imported.stderr).not.toMatch(/ error /);
    expect(imported.code).toBe(0);
    const built = await buildSnapshot([join(dir, 'catalog')], ROOT);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const after = built.snapshot!;

    const mapping = new Map(EXAMPLES[example]!.map((m) => m.split('=') as [string, string]));
    const envBefore = (provider: string, binding: string, cred: { env: string } | { file: string }) => ('env' in cred ? cred.env : (mapping.get(`${provider}:${binding}`) ?? mapping.get(provider)!));
    const envAfter = (_p: string, _b: string, cred: { env: string } | { file: string }) => ('env' in cred ? cred.env : 'FILE');
    // The models LiteLLM serves: active, available to someone, with a routed source.
    const served = Object.entries(before.models)
      .filter(([, m]) => m.status === 'active' && m.availability !== 'none' && m.sources.some((x) => x.status === 'active' && x.weight > 0))
      .map(([n]) => n)
      .sort();
    expect(Object.keys(after.models).sort()).toEqual(served);
    for (const name of served) {
      const a = before.models[name]!;
      const b = after.models[name]!;
      expect(routes(after, b, envAfter), name).toEqual(routes(before, a, envBefore));
      expect(b.pricing, name).toEqual(a.pricing);
      expect(b.capabilities, name).toEqual(a.capabilities);
      expect(b.purpose, name).toBe(a.purpose);
      expect(b.contextLimit, name).toBe(a.contextLimit);
      expect(b.maxOutputTokens, name).toBe(a.maxOutputTokens);
      expect(b.availability, name).toEqual(a.availability === 'all' ? 'all' : a.availability);
    }
    expect(after.settings.circuitBreaker.failureThreshold).toBe(before.settings.circuitBreaker.failureThreshold);
    expect(after.settings.circuitBreaker.cooldownSeconds).toBe(before.settings.circuitBreaker.cooldownSeconds);
  });
});
