// Promise 3 on output: bad input gets a bounded, located answer. Each case was
// a finding: a 199 KB one-line flow sequence made validate die with `Invalid
// string length`; an 11 KB file printed 32 MB; 20,000 keys took 33 s; a newline
// in a file name forged an output line; yaml warnings went straight to stderr.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/capture.js';
import { MAX_PER_FILE, MAX_PER_FILE_AND_CODE } from '../../src/cli/format/diagnostics.js';

const HEADER = 'apiVersion: modelctl/v1\nkind: Group\nname: hostile\n';
const BIN = join(process.cwd(), 'bin', 'modelctl.js');
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelctl-hostile-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function catalog(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
}

describe('output stays bounded on hostile input', () => {
  it('a 200 KB one-line flow sequence: every code frame is a window of its line, the output a few KB', async () => {
    const line = 'aliases: [' + Array.from({ length: 10_000 }, (_, i) => `{ item${i}: ${i} }`).join(', ') + ']\n';
    const dir = await catalog('flow', { 'g.yaml': HEADER + line });
    expect(line.length).toBeGreaterThan(190_000);
    for (const format of ['text', 'json', 'github']) {
      const r = await run(['validate', '.', '--format', format], dir);
      expect(r.code).toBe(1);
      expect(r.stdout.length, format).toBeLessThan(200_000);
    }
    const text = (await run(['validate', '.'], dir)).stdout;
    const frames = text.split('\n').filter((l) => /^\s+\d+ \| /.test(l));
    expect(frames.length).toBeGreaterThan(0);
    for (const f of frames) expect(f.length).toBeLessThan(140);
    expect(text).toMatch(/… \d+ more wrong-type/);
  });

  it('many diagnostics on one long line of a small file: output grows with the cap, not with line × count', async () => {
    const line = 'aliases: [' + Array.from({ length: 1500 }, (_, i) => `{a${i}}`).join(',') + ']\n';
    const dir = await catalog('small', { 'g.yaml': HEADER + line });
    const r = await run(['validate', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeLessThan(64 * 1024);
  });

  it(`20,000 unknown keys: every one is counted, ${MAX_PER_FILE_AND_CODE} are printed, the rest summed`, async () => {
    const dir = await catalog('keys', { 'g.yaml': HEADER + Array.from({ length: 20_000 }, (_, i) => `key${i}: ${i}\n`).join('') });
    const json = JSON.parse((await run(['validate', '.', '--format', 'json'], dir)).stdout);
    expect(json.errorCount).toBe(20_000);
    expect(json.diagnostics).toHaveLength(MAX_PER_FILE_AND_CODE);
    expect(json.omitted).toEqual([{ file: 'g.yaml', code: 'unknown-field', count: 20_000 - MAX_PER_FILE_AND_CODE }]);
    const text = (await run(['validate', '.'], dir)).stdout;
    expect(text).toContain(`g.yaml: … ${20_000 - MAX_PER_FILE_AND_CODE} more unknown-field`);
    expect(text.trimEnd().endsWith('20000 errors, 0 warnings')).toBe(true);
    const github = (await run(['validate', '.', '--format', 'github'], dir)).stdout;
    expect(github.split('\n').filter(Boolean)).toHaveLength(MAX_PER_FILE_AND_CODE + 1);
  });

  it(`20,000 duplicate keys are found without yaml's quadratic scan, capped at ${MAX_PER_FILE} per file`, async () => {
    const dir = await catalog('dups', { 'g.yaml': HEADER + 'description: x\n'.repeat(20_000) });
    const json = JSON.parse((await run(['validate', '.', '--format', 'json'], dir)).stdout);
    expect(json.errorCount).toBe(19_999);
    expect(json.diagnostics.every((d: { code: string }) => d.code === 'yaml-duplicate-key')).toBe(true);
    expect(json.diagnostics[0].line).toBe(5);
  });

  it('a newline in a file name cannot forge an output line', async () => {
    const name = 'evil\n::error file=forged.yaml,line=1::forged\n.yaml';
    const dir = await catalog('names', { [name]: HEADER + 'colour: blue\n' });
    const text = (await run(['validate', '.'], dir)).stdout;
    expect(text.split('\n').some((l) => l.startsWith('::error'))).toBe(false);
    expect(text).toContain('evil\\n::error');
    const github = (await run(['validate', '.', '--format', 'github'], dir)).stdout;
    expect(github.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(1);
    expect(github).toContain('file=evil%0A%3A%3Aerror');
  });

  it('yaml warnings are diagnostics, never lines of their own on stderr (real process)', async () => {
    const dir = await catalog('warn', { 'g.yaml': HEADER + 'description: !note Engineering\n' });
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'validate', '.', '--format', 'json'], { cwd: dir });
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    expect(json.valid).toBe(true);
    expect(json.diagnostics.map((d: { code: string; line: number }) => [d.code, d.line])).toEqual([['yaml-warning', 4]]);
  });
});
