// What the CLI loads before it answers: `--version` and `--help` load only the
// command table, and `validate` loads the loader, the validators and the rules
// — not ajv (validators are precompiled), fast-glob (no ignore pattern), undici,
// diff, the server, the probes, apply, the schema set or the registry's YAML.
// Counted with module loader hooks in the real process (bin/modelctl.js on dist/).
// Also: validate compiles no code at run time, so its output is the same under
// `node --disallow-code-generation-from-strings`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../compile/helpers.js';
import { distFiles, distModules } from './fixtures/dist-modules.js';

const work = mkdtempSync(join(tmpdir(), 'modelctl-modules-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Reports, at exit, every CommonJS module the process required (the ES module hook cannot see those). */
const CJS_REPORT = join(work, 'cjs-report.cjs');
writeFileSync(CJS_REPORT, `process.on('exit', () => require('node:fs').appendFileSync(process.env.MODELCTL_LOAD_LOG, Object.keys(require('node:module')._cache).map((f) => 'cjs:' + f).join('\\n') + '\\n'));\n`);

const mkdirp = (dir: string): string => (mkdirSync(dir, { recursive: true }), dir);

let runs = 0;
function cli(args: string[], flags: string[] = []): { status: number | null; stdout: string; stderr: string; modules: string[] } {
  const log = join(work, `loads-${++runs}.txt`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, [...flags, '--require', CJS_REPORT, '--import', join(ROOT, 'test/startup/fixtures/register-loads.mjs'), join(ROOT, 'bin/modelctl.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, MODELCTL_LOAD_LOG: log, NO_COLOR: '1' },
  });
  const modules = readFileSync(log, 'utf8').split('\n').filter((m) => m && !m.includes('/test/startup/') && !m.startsWith('node:') && !m.includes(work));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, modules };
}

const packages = (modules: string[]) => [...new Set(modules.map((m) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m)?.[1]).filter((p): p is string => p !== undefined))].sort();
const ours = distModules;

describe('start-up: what each command loads', () => {
  it('the CLI runs from the bundle: a handful of chunks, not one file per module', () => {
    const r = cli(['validate', 'examples/quickstart']);
    expect(r.status, r.stderr).toBe(0);
    const files = distFiles(r.modules);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !f.startsWith('bundle/'))).toEqual([]);
    // The modules in them are many more than the files read.
    expect(ours(r.modules).length).toBeGreaterThan(files.length * 2);
  });

  it.each([['--version'], ['--help'], ['-V']])('%s loads the command table and nothing from node_modules', (flag) => {
    const r = cli([flag]);
    expect(r.status).toBe(0);
    expect(packages(r.modules)).toEqual([]);
    expect(ours(r.modules).sort()).toEqual(['cli/args.js', 'cli/command.js', 'cli/commands/index.js', 'cli/exit-codes.js', 'cli/io.js', 'cli/main.js', 'cli/v8-flags.js', 'io/package-root.js']);
  });

  it('validate of a clean catalog loads its own modules and yaml\'s node predicates only: not the yaml parser, ajv, fast-glob, undici, diff, server, probe, apply, schema set', () => {
    const r = cli(['validate', 'examples/quickstart']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('0 errors');
    // Every file, providers.yaml with its credential references included, took the fast reader.
    expect(packages(r.modules)).toEqual(['yaml']);
    expect(r.modules.filter((m) => m.includes('node_modules/yaml/')).map((m) => m.slice(m.indexOf('node_modules/yaml/')))).toEqual(['node_modules/yaml/dist/nodes/identity.js']);
    const loaded = ours(r.modules);
    expect(loaded).toContain('generated/document-validators.js');
    for (const m of loaded) expect(m, m).not.toMatch(/^(server|probe|apply|plan|inspect|runtime\/(?!canonical))\/|^generated\/(schemas|snapshot-validators)\.js$|^load\/registry\.js$/);
  });

  it('validate loads the yaml parser when a diagnostic needs a position, and masks the comment under credentials it frames', () => {
    const dir = mkdirp(join(work, 'broken'));
    // The credentials are references (none), so the file takes the fast reader; the comment under the key is masked all the same.
    writeFileSync(join(dir, 'providers.yaml'), 'apiVersion: modelctl/v1\nkind: Provider\nname: p\ntype: openai\ncredentials: {}   # was hunter2-old-key\n');
    const r = cli(['validate', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('providers.yaml:5:14');
    expect(r.stdout).toContain('credentials: {}   * *** ***************');
    expect(r.stdout + r.stderr).not.toContain('hunter2');
    expect(r.modules.some((m) => m.endsWith('node_modules/yaml/dist/index.js'))).toBe(true);
  });

  it('validate --exclude still works, loading fast-glob only then', () => {
    const r = cli(['validate', 'examples/quickstart', '--exclude', 'models/**']);
    expect(r.status).toBe(1);
    expect(packages(r.modules)).toContain('fast-glob');
  });

  it.each([['examples/quickstart'], ['test/golden/cases/schema-errors/catalog'], ['test/golden/cases/secrets/catalog']])('validate %s prints the same under --disallow-code-generation-from-strings', (dir) => {
    const normal = cli(['validate', '--format', 'json', dir]);
    const forbidden = cli(['validate', '--format', 'json', dir], ['--disallow-code-generation-from-strings']);
    expect(forbidden.stderr).toBe(normal.stderr);
    expect(forbidden.status).toBe(normal.status);
    expect(forbidden.stdout).toBe(normal.stdout);
    expect(JSON.parse(normal.stdout).diagnostics.length > 0 || dir === 'examples/quickstart').toBe(true);
  });
});
