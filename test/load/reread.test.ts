// Files read by the fast path are not kept: a position or a code frame asked for
// later re-reads the file, and only if it is byte for byte what was parsed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCatalog, loadCatalog, loadRegistry } from '../../src/pipeline.js';
import { check } from '../../src/compile/index.js';
import { FileChangedError } from '../../src/load/reread.js';
import { diagnosticFormatters } from '../../src/cli/format/diagnostics.js';

const scratch = mkdtempSync(join(tmpdir(), 'modelctl-reread-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MODEL = `apiVersion: modelctl/v1
kind: Model
name: m1
capabilities: [text]
sources:
  - provider: nowhere
    model: x-1
`;

/** A fresh folder holding one model file (an unknown provider: a rule diagnostic, found after loading). */
function catalog(name: string): { dir: string; file: string } {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'm1.yaml');
  writeFileSync(file, MODEL);
  return { dir, file };
}

describe('re-reading a file for positions and frames', () => {
  it('an unchanged file gives the located diagnostic and its code frame', async () => {
    const { dir } = catalog('same');
    const { diagnostics, sources } = await checkCatalog([dir], dir);
    const unknown = diagnostics.find((d) => d.code === 'unknown-provider');
    expect(unknown).toMatchObject({ file: 'm1.yaml', line: 6, column: 15 });
    expect(diagnosticFormatters.text(diagnostics, { sources, color: false })).toContain('   6 |   - provider: nowhere');
  });

  it('a file changed after it was parsed is refused, never read as the new text', async () => {
    const { dir, file } = catalog('changed');
    const loaded = await loadCatalog([dir], dir);
    // Same length, one line moved: positions from the new text would be wrong.
    writeFileSync(file, MODEL.replace('capabilities: [text]\n', '').replace('    model: x-1\n', '    model: x-1\ncapabilities: [text]\n'));
    const { registry } = await loadRegistry();
    expect(() => check(loaded.resources, registry)).toThrow(FileChangedError);
    expect(() => loaded.sources.get('m1.yaml')).toThrow(/m1\.yaml changed while modelctl was reading it/);
  });

  it('a file removed after it was parsed is refused the same way', async () => {
    const { dir, file } = catalog('removed');
    const loaded = await loadCatalog([dir], dir);
    rmSync(file);
    const { registry } = await loadRegistry();
    expect(() => check(loaded.resources, registry)).toThrow();
  });
});
