// Golden snapshots: each example compiles to exactly the bytes in
// test/compile/golden/<example>.snapshot.json. Regenerate on purpose with
//   UPDATE_GOLDEN=1 npx vitest run test/compile/golden.test.ts
// and review the diff like any other change of output.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serializeSnapshot } from '../../src/compile/index.js';
import { buildSnapshot } from '../../src/pipeline.js';
import { loadSnapshot } from '../../src/runtime/envelope.js';
import { validateSnapshot } from '../../src/runtime/validate-snapshot.js';
import { EXAMPLES, ROOT } from './helpers.js';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const goldenPath = (example: string) => `${GOLDEN_DIR}${example}.snapshot.json`;

describe.each(EXAMPLES)('golden snapshot: examples/%s', (example) => {
  it('compiles without errors to the golden bytes', async () => {
    const built = await buildSnapshot([`examples/${example}`], ROOT);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(built.snapshot).toBeDefined();
    const bytes = serializeSnapshot(built.snapshot!);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(goldenPath(example), bytes);
    }
    if (!existsSync(goldenPath(example))) throw new Error(`no golden file for ${example}; run with UPDATE_GOLDEN=1 to create it`);
    const golden = readFileSync(goldenPath(example), 'utf8');
    // Structure first, for a readable diff (canonical JSON is one long line), then every byte.
    expect(JSON.parse(bytes)).toEqual(JSON.parse(golden));
    expect(bytes).toBe(golden);
  });

  it('the golden file is a valid snapshot whose version matches its content', async () => {
    const golden = readFileSync(goldenPath(example), 'utf8');
    expect(golden.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(golden) as unknown;
    const checked = validateSnapshot(parsed);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    // loadSnapshot also recomputes the sha256 version from the content.
    const loaded = await loadSnapshot(golden);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    // And the file is canonical: parsing and re-serialising gives the same bytes.
    if (checked.ok) expect(serializeSnapshot(checked.snapshot)).toBe(golden);
  });
});
