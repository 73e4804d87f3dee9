// The seeded secret fuzz (test/security/secret-cases.ts) through the output
// paths this work added: SARIF and JUnit from validate and compile, a catalog
// piped to `validate -` / `compile -` in every format, and apply/explain with
// --format json. No planted secret may reach stdout or stderr.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/capture.js';
import { secretCase } from '../security/secret-cases.js';

const CASES = Number(process.env.MODELCTL_FUZZ_CLI_CASES ?? 60);
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelctl-fuzz-formats-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const ON_DIR: readonly (readonly string[])[] = [
  ['validate', 'catalog', '--format', 'sarif'],
  ['validate', 'catalog', '--format', 'junit'],
  ['validate', 'catalog', '--format', 'junit', '--fail-on', 'warning'],
  ['compile', 'catalog', '-o', 'out.json', '--format', 'sarif'],
  ['compile', 'catalog', '-o', 'out.json', '--format', 'junit'],
  ['apply', 'catalog', '--target', 'file:live.json', '--format', 'json'],
  ['explain', 'catalog', '--entry-point', 'desktop', '--format', 'json'],
];
const ON_STDIN: readonly (readonly string[])[] = ['text', 'json', 'github', 'sarif', 'junit'].flatMap((f) => [
  ['validate', '-', '--format', f],
  ['compile', '-', '-o', '-', '--format', f],
]);

describe(`secret fuzz through sarif, junit, stdin and json outputs (${CASES} seeded cases)`, () => {
  it('no output prints a planted secret', async () => {
    for (let seed = 200_001; seed < 200_001 + CASES; seed++) {
      const c = secretCase(seed);
      const dir = join(root, String(seed));
      for (const [file, text] of Object.entries(c.files)) {
        await mkdir(dirname(join(dir, 'catalog', file)), { recursive: true });
        await writeFile(join(dir, 'catalog', file), text);
      }
      // One YAML stream of every file, as `cat catalog/**/*.yaml | modelctl validate -` would send it.
      const stream = Object.values(c.files).join('---\n');
      const runs = [
        ...ON_DIR.map((argv) => ({ argv, stdin: '' })),
        ...ON_STDIN.map((argv) => ({ argv, stdin: stream })),
      ];
      for (const { argv, stdin } of runs) {
        const r = await run(argv, dir, { MODELCTL_ADMIN_TOKEN: 'planted-admin-token-fuzz-0001' }, { stdin });
        const what = `seed ${seed} (${c.shape}, ${c.damage}): modelctl ${argv.join(' ')}`;
        expect(r.code, what).toBe(1);
        for (const planted of c.planted) {
          const probe = planted.slice(0, 10);
          expect(r.stdout.includes(probe) || r.stderr.includes(probe), `${what} echoes the secret`).toBe(false);
        }
        expect(r.stdout + r.stderr).not.toContain('planted-admin-token-fuzz-0001');
        expect(r.stdout + r.stderr, what).toMatch(/secret-literal|yaml-syntax/);
      }
    }
  }, 600_000);
});
