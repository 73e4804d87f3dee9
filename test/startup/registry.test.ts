// The built-in registry is read at build time (src/generated/registry.ts, from
// `npm run gen`) instead of at every start. It must be exactly what the loader
// and buildRegistry make of models/ (the same models, values and order, and no
// diagnostic), and the generator must refuse a registry file they would refuse.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/compile/index.js';
import { registryModels } from '../../src/generated/registry.js';
import { readRegistryDocuments } from '../../src/load/registry.js';
import { loadRegistry } from '../../src/pipeline.js';
import { ROOT } from '../compile/helpers.js';

const work = mkdtempSync(join(tmpdir(), 'modelctl-registry-gen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs scripts/registry-module.mjs on a models directory; its module text, or the error it stops with. */
function generate(modelsDir: string): { text?: string; error?: string } {
  const code = `
    import { registryModule } from ${JSON.stringify(join(ROOT, 'scripts/registry-module.mjs'))};
    import { schemas, SCHEMA_BASE } from ${JSON.stringify(join(ROOT, 'dist/generated/schemas.js'))};
    try { process.stdout.write(registryModule({ banner: '', modelsDir: process.argv[1], schemas, base: SCHEMA_BASE })); }
    catch (e) { process.stderr.write(e.message); process.exitCode = 1; }`;
  try {
    return { text: execFileSync(process.execPath, ['--input-type=module', '-e', code, modelsDir], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (err) {
    return { error: String((err as { stderr: string }).stderr) };
  }
}

const GOOD = `id: acme/widget-1
vendor: acme
displayName: Widget 1
description: A test model.
purpose: chat
releaseDate: "2025-01-01"
contextLimit: 1000
maxOutputTokens: 100
capabilities: [text]
pricing: { input: 1, output: 2 }
reference: https://example.com/widget-1
`;

describe('the built-in registry, generated at build time', () => {
  it('equals what the loader and buildRegistry make of models/: same ids in the same order, same values, no diagnostic', async () => {
    const { documents, diagnostics } = await readRegistryDocuments();
    const built = buildRegistry(documents);
    expect([...diagnostics, ...built.diagnostics]).toEqual([]);
    expect(built.registry.size).toBeGreaterThan(20);
    expect(Object.entries(registryModels)).toStrictEqual([...built.registry.entries()]);
    const loaded = await loadRegistry();
    expect(loaded.diagnostics).toEqual([]);
    expect([...loaded.registry.entries()]).toStrictEqual([...built.registry.entries()]);
  });

  it('the generator accepts a well-formed registry file', () => {
    const dir = join(work, 'good');
    mkdirSync(join(dir, 'acme'), { recursive: true });
    writeFileSync(join(dir, 'acme/widget-1.yaml'), GOOD);
    const r = generate(dir);
    expect(r.error).toBeUndefined();
    expect(r.text).toContain('"acme/widget-1": {');
  });

  it.each([
    { name: 'an id that does not match the path', text: GOOD.replace('acme/widget-1', 'acme/widget-2'), error: /models\/acme\/widget-1\.yaml: registry id 'acme\/widget-2' does not match its path/ },
    { name: 'a schema violation', text: GOOD + 'colour: blue\n', error: /models\/acme\/widget-1\.yaml: .*must NOT have additional properties/ },
    { name: 'a YAML error', text: GOOD + 'vendor: again\n  bad: [\n', error: /models\/acme\/widget-1\.yaml: / },
    { name: 'two documents in one file', text: `${GOOD}---\n${GOOD}`, error: /models\/acme\/widget-1\.yaml: a registry file holds exactly one YAML document/ },
  ])('the generator stops at $name, naming the file', ({ text, error }) => {
    const dir = join(work, `bad-${Math.random().toString(36).slice(2)}`);
    mkdirSync(join(dir, 'acme'), { recursive: true });
    writeFileSync(join(dir, 'acme/widget-1.yaml'), text);
    const r = generate(dir);
    expect(r.text).toBeUndefined();
    expect(r.error).toMatch(error);
  });
});
