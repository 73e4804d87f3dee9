// The loader reads files into one shared buffer; a code frame drawn after
// later files were read must still show its own file. A providers file whose
// credentials are all references takes a reader that parses it fully only when
// a frame or a message needs it: that parse must come from a checked re-read
// of the file, not from the shared buffer (which by then holds the last file
// read). Through validate (fresh) and validate --watch alike.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCatalog, checkWatched, newWatchMemory } from '../../src/pipeline.js';
import { WatchedCatalog } from '../../src/watch-load.js';
import { diagnosticFormatters } from '../../src/cli/format/diagnostics.js';
import { TOOL } from '../../src/cli/command.js';

const scratch = mkdtempSync(join(tmpdir(), 'modelctl-frames-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const provider = (name: string, type: string, env: string) => `apiVersion: modelctl/v1\nkind: Provider\nname: ${name}\ntype: ${type}\ncredentials:\n  default: { env: ${env} }\n`;

describe('a frame drawn after later files were read shows its own file', () => {
  const dir = join(scratch, 'catalog');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.yaml'), provider('twice', 'openai', 'OPENAI_API_KEY'));
  // The second definition: duplicate-name is reported here, in a references-only file.
  writeFileSync(join(dir, 'b.yaml'), `# the second one\n${provider('twice', 'anthropic', 'ANTHROPIC_API_KEY')}`);
  // Read after b.yaml, into the same buffer.
  writeFileSync(join(dir, 'c.yaml'), provider('zzz-other-provider-with-a-longer-name', 'openai', 'OTHER_KEY'));

  const text = (c: { diagnostics: Parameters<(typeof diagnosticFormatters)['text']>[0]; sources: ReadonlyMap<string, string> }) =>
    diagnosticFormatters.text(c.diagnostics, { sources: c.sources, color: false, tool: TOOL, failOn: 'error' });

  it.each([
    ['validate', () => checkCatalog([dir], scratch, {})],
    ['validate --watch', () => checkWatched(new WatchedCatalog([dir], scratch, {}), new Set(), false, newWatchMemory())],
  ])('%s', async (_name, run) => {
    const r = await run();
    const dup = r.diagnostics.find((d) => d.code === 'duplicate-name');
    expect(dup?.file).toBe('catalog/b.yaml');
    const out = text(r);
    expect(out).toContain('   4 | name: twice');
    expect(out).not.toContain('zzz-other-provider');
  });
});
