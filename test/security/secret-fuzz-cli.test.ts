// The secret fuzz through the real commands, in-process: validate, compile and
// plan, every output format, stdout and stderr. The pure fuzz
// (secret-fuzz.test.ts) covers 20,000 cases; this proves the commands print
// nothing but what the loader masked.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/capture.js';
import { secretCase } from './secret-cases.js';

const CASES = Number(process.env.MODELCTL_FUZZ_CLI_CASES ?? 120);
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelctl-fuzz-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const COMMANDS: readonly (readonly string[])[] = [
  ['validate', '--format', 'text'],
  ['validate', '--format', 'json'],
  ['validate', '--format', 'github'],
  ['compile', '-o', 'out.json', '--format', 'text'],
  ['compile', '-o', 'out.json', '--format', 'json'],
  ['compile', '-o', 'out.json', '--format', 'github'],
  ['plan', '--target', 'file:live.json', '--format', 'text'],
  ['plan', '--target', 'file:live.json', '--format', 'markdown'],
  ['plan', '--target', 'file:live.json', '--format', 'json'],
];

describe(`secret fuzz through the CLI (${CASES} seeded cases × ${COMMANDS.length} commands)`, () => {
  it('no command prints a planted secret, on stdout or stderr', async () => {
    for (let seed = 100_001; seed < 100_001 + CASES; seed++) {
      const c = secretCase(seed);
      const dir = join(root, String(seed));
      for (const [file, text] of Object.entries(c.files)) {
        await mkdir(dirname(join(dir, 'catalog', file)), { recursive: true });
        await writeFile(join(dir, 'catalog', file), text);
      }
      for (const argv of COMMANDS) {
        const r = await run([argv[0]!, 'catalog', ...argv.slice(1)], dir, {});
        expect(r.code, `seed ${seed}: modelctl ${argv.join(' ')}`).toBe(1);
        for (const planted of c.planted) {
          const probe = planted.slice(0, 10);
          expect(r.stdout.includes(probe) || r.stderr.includes(probe), `seed ${seed} (${c.shape}, ${c.damage}): modelctl ${argv.join(' ')} echoes the secret`).toBe(false);
        }
        // Something located was said about the catalog.
        expect(r.stdout + r.stderr, `seed ${seed}: ${argv.join(' ')}`).toMatch(/secret-literal|yaml-syntax/);
      }
    }
  }, 600_000);
});
