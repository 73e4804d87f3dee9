// Golden end-to-end cases through the real CLI binary. One folder per case:
//
//   cases/<name>/catalog/            the input YAML files
//   cases/<name>/expected.txt        stdout of `modelctl validate <catalog> --format text`
//   cases/<name>/expected.json       stdout of the same with --format json
//   cases/<name>/exit-code           the exit code of both
//   cases/<name>/must-not-contain.txt  (optional) strings no output may hold, one a line
//
// The CLI runs with cwd = repo root and a relative catalog path, so the paths
// in the output are stable. To accept new output after a deliberate change:
//
//   UPDATE_GOLDEN=1 npx vitest run test/golden
//
// and review the diff of the expected files like any other change.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES = fileURLToPath(new URL('./cases', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function modelctl(args: readonly string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    // A clean environment: no colour, no debug traces, whatever the developer's shell has.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NO_COLOR: '1' };
    const child = spawn(process.execPath, ['bin/modelctl.js', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function readOptional(path: string): Promise<string | undefined> {
  return existsSync(path) ? readFile(path, 'utf8') : undefined;
}

const cases = readdirSync(CASES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('golden: modelctl validate', () => {
  it('has the cases this suite promises (4 broken catalogs and a valid one at least)', () => {
    expect(cases).toEqual(expect.arrayContaining(['valid', 'schema-errors', 'reference-errors', 'secrets', 'yaml-syntax']));
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(CASES, name);
    // Relative to the repo root, with forward slashes, whatever the OS.
    const catalog = relative(ROOT, join(dir, 'catalog')).split('\\').join('/');
    const [text, json] = await Promise.all([modelctl(['validate', catalog, '--format', 'text']), modelctl(['validate', catalog, '--format', 'json'])]);
    const context = `${name}\nstderr (text): ${text.stderr}\nstderr (json): ${json.stderr}`;

    // Both formats agree on the verdict, and the JSON is what it claims to be.
    expect(json.code, context).toBe(text.code);
    const parsed = JSON.parse(json.stdout) as { valid: boolean; errorCount: number; warningCount: number; diagnostics: { file: string }[] };
    expect(parsed.valid, context).toBe(text.code === 0);
    expect(parsed.diagnostics.every((d) => d.file.startsWith(`${catalog}/`)), 'every path is relative to the repo root').toBe(true);
    expect(text.stdout + json.stdout, 'no absolute path leaks into the output').not.toContain(ROOT);

    const forbidden = ((await readOptional(join(dir, 'must-not-contain.txt'))) ?? '').split('\n').filter(Boolean);
    for (const s of forbidden) {
      expect(text.stdout.includes(s) || text.stderr.includes(s), `text output echoes ${s.slice(0, 8)}…`).toBe(false);
      expect(json.stdout.includes(s) || json.stderr.includes(s), `json output echoes ${s.slice(0, 8)}…`).toBe(false);
    }

    const files = { 'expected.txt': text.stdout, 'expected.json': json.stdout, 'exit-code': `${text.code}\n` };
    if (UPDATE) {
      for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content);
      return;
    }
    for (const [file, actual] of Object.entries(files)) {
      const expected = await readOptional(join(dir, file));
      expect(expected, `${name}/${file} is missing; run with UPDATE_GOLDEN=1 to create it`).toBeDefined();
      expect(actual, `${name}/${file} (UPDATE_GOLDEN=1 to accept)`).toBe(expected);
    }
  });
});
