// `-` as a path: validate and compile read one YAML stream from stdin, named
// <stdin>, through the same decode and parse path as a file (positions,
// encodings, size cap, secret masking).
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/load/read.js';
import { run } from './capture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INVALID = `apiVersion: modelctl/v1
kind: Model
name: sonnet
contextLenght: 200000
capabilities: [text]
sources:
  - provider: anthropic
    model: claude-sonnet-4-5
`;
const SECRET = 'sk-ant-api03-STDINplantedSecret0000000001';
const LITERAL = `apiVersion: modelctl/v1
kind: Provider
name: anthropic
type: anthropic
credentials:
  default: ${SECRET}
`;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'modelctl-stdin-'));
  await writeFile(join(tmp, 'model.yaml'), INVALID);
  await writeFile(join(tmp, 'secret.yaml'), LITERAL);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

interface Report {
  diagnostics: { code: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string; pointer: string }[];
}

describe('validate -', () => {
  it('reads stdin as <stdin>, with the positions a file of the same text gets', async () => {
    const fromStdin = await run(['validate', '-', '--format', 'json'], tmp, {}, { stdin: INVALID });
    const fromFile = await run(['validate', 'model.yaml', '--format', 'json'], tmp);
    expect(fromStdin.code).toBe(1);
    const a = (JSON.parse(fromStdin.stdout) as Report).diagnostics;
    const b = (JSON.parse(fromFile.stdout) as Report).diagnostics;
    expect(a.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual(['unknown-field <stdin>:4:1']);
    expect(a).toEqual(b.map((d) => ({ ...d, file: '<stdin>' })));
    const text = await run(['validate', '-'], tmp, {}, { stdin: INVALID });
    expect(text.stdout).toContain('<stdin>:4:1  error  unknown-field');
    expect(text.stdout).toContain('   4 | contextLenght: 200000');
  });

  it('masks a credential literal exactly as it does in a file, in every format', async () => {
    for (const format of ['text', 'json', 'github', 'sarif', 'junit']) {
      const fromStdin = await run(['validate', '-', '--format', format], tmp, {}, { stdin: LITERAL });
      const fromFile = await run(['validate', 'secret.yaml', '--format', format], tmp);
      expect(fromStdin.code, format).toBe(1);
      expect(fromStdin.stdout + fromStdin.stderr, format).not.toContain(SECRET.slice(0, 12));
      expect(fromStdin.stdout, format).toContain('secret-literal');
      const asFile = (s: string) => s.split('<stdin>').join('secret.yaml').split('&lt;stdin&gt;').join('secret.yaml').split('%3Cstdin%3E').join('secret.yaml');
      expect(asFile(fromStdin.stdout), format).toBe(fromFile.stdout);
    }
  });

  it('combines with directories, and sorts <stdin> like any file name', async () => {
    const out = await run(['validate', '-', 'model.yaml', '--format', 'json'], tmp, {}, { stdin: LITERAL });
    expect((JSON.parse(out.stdout) as Report).diagnostics.map((d) => d.file)).toEqual(['<stdin>', 'model.yaml']);
  });

  it('decodes UTF-16 with a byte-order mark, like a file', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(INVALID, 'utf16le')]);
    const out = await run(['validate', '-', '--format', 'json'], tmp, {}, { stdin: bytes });
    expect((JSON.parse(out.stdout) as Report).diagnostics.map((d) => `${d.code} ${d.line}`)).toEqual(['unknown-field 4']);
  });

  it('binary, empty and endless input are diagnostics, not hangs or crashes', async () => {
    const binary = await run(['validate', '-', '--format', 'json'], tmp, {}, { stdin: new Uint8Array([0x61, 0, 1, 2]) });
    expect((JSON.parse(binary.stdout) as Report).diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['file-binary <stdin>']);
    const empty = await run(['validate', '-', '--format', 'json'], tmp, {}, { stdin: '' });
    expect((JSON.parse(empty.stdout) as Report).diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['file-empty <stdin>']);
    let pulled = 0;
    async function* endless(): AsyncIterable<Uint8Array> {
      const chunk = new Uint8Array(1024 * 1024).fill(0x61);
      for (;;) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const huge = await run(['validate', '-', '--format', 'json'], tmp, {}, { stdin: endless() });
    expect(huge.code).toBe(1);
    expect((JSON.parse(huge.stdout) as Report).diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['file-too-large <stdin>']);
    expect(pulled).toBeLessThanOrEqual(MAX_FILE_BYTES + 1024 * 1024);
  });

  it('usage errors: - twice, or - where stdin is not read', async () => {
    const twice = await run(['validate', '-', '-'], tmp, {}, { stdin: INVALID });
    expect(twice.code).toBe(64);
    expect(twice.stderr).toContain("'-' (stdin) can be given once");
    for (const argv of [
      ['plan', '-', '--target', 'file:live.json'],
      ['apply', '-', '--target', 'file:live.json'],
      ['explain', '-', '--entry-point', 'desktop'],
    ]) {
      const out = await run(argv, tmp, {}, { stdin: INVALID });
      expect(out.code, argv.join(' ')).toBe(64);
      expect(out.stderr).toContain("'-' (stdin) is read only by validate and compile");
      expect(out.stdout).toBe('');
    }
  });
});

describe('the real process', () => {
  it('bin/modelctl.js validate - reads the process stdin (no io.stdin injected)', async () => {
    const bin = join(ROOT, 'bin', 'modelctl.js');
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [bin, 'validate', '-', '--format', 'json'], { cwd: tmp }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout, stderr }),
      );
      child.stdin!.end(LITERAL);
    });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Report).diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['secret-literal <stdin>']);
    expect(result.stdout + result.stderr).not.toContain(SECRET.slice(0, 12));
  });
});

describe('compile -', () => {
  it('compiles a catalog piped in, to a file or to stdout', async () => {
    const dir = join(ROOT, 'examples/quickstart');
    const all = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).sort();
    expect(all.length).toBeGreaterThan(1);
    const stream = (await Promise.all(all.map((f) => readFile(join(dir, f), 'utf8')))).map((t) => (t.startsWith('---') ? t : `---\n${t}`)).join('\n');
    const fromDir = await run(['compile', 'examples/quickstart', '-o', '-'], ROOT);
    const piped = await run(['compile', '-', '-o', '-'], ROOT, {}, { stdin: stream });
    expect(piped.code, piped.stdout + piped.stderr).toBe(0);
    // The same resources, whatever files they came in: the same canonical snapshot.
    expect(piped.stdout).toBe(fromDir.stdout);
    const bad = await run(['compile', '-', '-o', join(tmp, 'never.json'), '--format', 'json'], tmp, {}, { stdin: LITERAL });
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).not.toContain(SECRET.slice(0, 12));
  });
});
