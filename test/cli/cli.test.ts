// The CLI runner in-process: main(argv, io) with captured streams. Exit codes
// (design §7): 0 ok, 1 invalid or failed, 64 usage error.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { run } from './capture.js';
import { WARNING_ONLY } from '../formats/fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES = readdirSync(join(ROOT, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `examples/${d.name}`);

const INVALID_MODEL = `apiVersion: modelctl/v1
kind: Model
name: sonnet
contextLenght: 200000
capabilities: [text]
sources:
  - provider: anthropic
    model: claude-sonnet-4-5
`;

interface JsonReport {
  valid: boolean;
  errorCount: number;
  warningCount: number;
  diagnostics: { code: string; severity: string; file: string; line: number; column: number }[];
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'modelctl-cli-'));
  await mkdir(join(tmp, 'invalid'));
  await writeFile(join(tmp, 'invalid', 'model.yaml'), INVALID_MODEL);
  await mkdir(join(tmp, 'warnings'));
  await writeFile(join(tmp, 'warnings', 'catalog.yaml'), WARNING_ONLY);
  await mkdir(join(tmp, 'no-yaml'));
  await writeFile(join(tmp, 'no-yaml', 'README.md'), '# nothing to see\n');
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('usage', () => {
  it('an unknown command exits 64 and prints the usage on stderr', async () => {
    const out = await run(['frobnicate'], ROOT);
    expect(out.code).toBe(64);
    expect(out.stderr).toContain("unknown command 'frobnicate'");
    expect(out.stderr).toContain('Usage:');
    for (const c of commands) expect(out.stderr).toContain(c.name);
  });

  it('no command at all exits 64 with the usage', async () => {
    const out = await run([], ROOT);
    expect(out.code).toBe(64);
    expect(out.stdout + out.stderr).toContain('Usage:');
  });

  it('--help exits 0 and lists every command', async () => {
    const out = await run(['--help'], ROOT);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Usage:');
    for (const c of commands) expect(out.stdout).toContain(c.name);
  });

  it('--version exits 0 and prints a version', async () => {
    const out = await run(['--version'], ROOT);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(commands.map((c) => c.name))('%s --help exits 0 and prints its usage', async (name) => {
    for (const flag of ['--help', '-h']) {
      const out = await run([name, flag], ROOT);
      expect(out.code, `${name} ${flag}`).toBe(0);
      expect(out.stdout).toContain('Usage:');
      expect(out.stdout).toContain(name);
    }
  });

  it.each(commands.map((c) => c.name))('%s with an unknown flag exits 64 and names the flag', async (name) => {
    const out = await run([name, '--no-such-flag'], tmp);
    expect(out.code).toBe(64);
    expect(out.stderr).toContain('--no-such-flag');
    expect(out.stderr).toContain('Usage:');
    expect(out.stdout).toBe('');
  });

  it('validate --format with a format that does not exist exits 64', async () => {
    const out = await run(['validate', 'invalid', '--format', 'xml'], tmp);
    expect(out.code).toBe(64);
    expect(out.stderr).toContain('--format');
  });

  it('compile without -o exits 64', async () => {
    const out = await run(['compile', 'examples/quickstart'], ROOT);
    expect(out.code).toBe(64);
    expect(out.stderr).toContain('-o');
  });
});

describe('validate', () => {
  it.each(EXAMPLES)('%s is valid: exit 0', async (example) => {
    const out = await run(['validate', example], ROOT);
    expect(out.code, out.stdout).toBe(0);
    expect(out.stdout).toMatch(/^0 errors, \d+ warnings?\n$/m);
  });

  it('an invalid catalog exits 1 and points at file:line:column', async () => {
    const out = await run(['validate', 'invalid'], tmp);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('invalid/model.yaml:4:1');
    expect(out.stdout).toContain('unknown-field');
    expect(out.stdout).toContain('1 error, 0 warnings');
  });

  it('warnings alone exit 0', async () => {
    const out = await run(['validate', 'warnings', '--format', 'json'], tmp);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report).toMatchObject({ valid: true, errorCount: 0, warningCount: 1 });
    expect(report.diagnostics.map((d) => d.code)).toEqual(['internal-model-without-task']);
  });

  it('validates the current directory when given no path', async () => {
    const out = await run(['validate'], join(tmp, 'invalid'));
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('model.yaml:4:1');
  });

  it('--format json has { valid, errorCount, warningCount, diagnostics } and agrees with itself', async () => {
    const out = await run(['validate', 'invalid', 'warnings', '--format', 'json'], tmp);
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(Object.keys(report).sort()).toEqual(['diagnostics', 'errorCount', 'valid', 'warningCount']);
    expect(report.valid).toBe(false);
    expect(report.errorCount).toBe(report.diagnostics.filter((d) => d.severity === 'error').length);
    expect(report.warningCount).toBe(report.diagnostics.filter((d) => d.severity === 'warning').length);
    expect(report.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual([
      'unknown-field invalid/model.yaml:4:1',
      'internal-model-without-task warnings/catalog.yaml:11:9',
    ]);
  });

  it('--format json of a valid catalog', async () => {
    const out = await run(['validate', 'examples/quickstart', '--format', 'json'], ROOT);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ valid: true, errorCount: 0, warningCount: 0, diagnostics: [] });
  });

  it('--format github prints one ::error/::warning annotation per diagnostic', async () => {
    const out = await run(['validate', 'invalid', 'warnings', '--format', 'github'], tmp);
    expect(out.code).toBe(1);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=invalid\/model\.yaml,line=4,col=1,.*::.+/);
    expect(lines[1]).toMatch(/^::warning file=warnings\/catalog\.yaml,line=11,col=9,.*::.+/);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+[,:]/);
  });

  it('a directory with no YAML exits 1 with no-yaml-files', async () => {
    const out = await run(['validate', 'no-yaml', '--format', 'json'], tmp);
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['no-yaml-files no-yaml']);
  });

  it('a path that does not exist exits 1 with path-not-found', async () => {
    const out = await run(['validate', 'nowhere', '--format', 'json'], tmp);
    expect(out.code).toBe(1);
    expect((JSON.parse(out.stdout) as JsonReport).diagnostics.map((d) => d.code)).toEqual(['path-not-found']);
  });
});

describe('compile', () => {
  it('-o writes a snapshot whose version is sha256:<64 hex>, and says so on stderr', async () => {
    const target = join(tmp, 'snapshot.json');
    const out = await run(['compile', 'examples/quickstart', '-o', target], ROOT);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe('');
    const snapshot = JSON.parse(await readFile(target, 'utf8')) as { version: string };
    expect(snapshot.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(out.stderr).toContain(snapshot.version);
  });

  it('is deterministic: the same catalog gives byte-identical files', async () => {
    const a = join(tmp, 'a.json');
    const b = join(tmp, 'b.json');
    expect((await run(['compile', 'examples/tiers-and-groups', '-o', a], ROOT)).code).toBe(0);
    expect((await run(['compile', 'examples/tiers-and-groups', '-o', b], ROOT)).code).toBe(0);
    expect(await readFile(a, 'utf8')).toBe(await readFile(b, 'utf8'));
  });

  it("-o - writes the snapshot to stdout", async () => {
    const out = await run(['compile', 'examples/quickstart', '-o', '-'], ROOT);
    expect(out.code).toBe(0);
    expect((JSON.parse(out.stdout) as { version: string }).version).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('a catalog with only warnings compiles; the warnings go to stderr', async () => {
    const target = join(tmp, 'warned.json');
    const out = await run(['compile', 'warnings', '-o', target], tmp);
    expect(out.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    expect(out.stderr).toContain('internal-model-without-task');
  });

  it('an invalid catalog exits 1, prints the diagnostics and writes no file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'modelctl-cli-out-'));
    try {
      const out = await run(['compile', join(tmp, 'invalid'), '-o', join(dir, 'snapshot.json')], tmp);
      expect(out.code).toBe(1);
      expect(out.stdout).toContain('unknown-field');
      expect(readdirSync(dir)).toEqual([]); // no snapshot, and no temp file left behind
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the command registry', () => {
  it.each(commands.map((c) => [c.name, c] as const))('%s loads the command it names', async (name, entry) => {
    const command = await entry.load();
    expect(command.name).toBe(name);
    expect(command.usage).toMatch(new RegExp(`^Usage: modelctl ${name}\\b`));
  });
});
