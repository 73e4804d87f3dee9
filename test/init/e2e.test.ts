// A new user's first hour, offline: pack modelctl, `modelctl init` a catalog
// repository from the packed package, install the tarball the way its
// package.json says, then validate, plan against a real `modelctl serve` on
// 127.0.0.1 with no admin token, apply with the token and the reviewed
// version, and plan again: no changes. Every command goes through
// `npx --no-install modelctl`, as the workflow runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, installTarball, pack, run } from '../package/install.js';

const ADMIN = 'e2e-admin-token-5f0c9a1b7d3e';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function exec(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Result> {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let tmp: string;
let repo: string;
let home: string;
let tarball: string;
let server: ChildProcess | undefined;
let serverLog = '';
let url: string;
const outputs: string[] = [];

/** `npx --no-install modelctl …` in the catalog repository. */
async function modelctl(args: string[], extra: Record<string, string> = {}): Promise<Result> {
  const r = await exec('npx', ['--no-install', 'modelctl', ...args], repo, cleanEnv(home, extra));
  outputs.push(r.stdout, r.stderr);
  return r;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'modelctl-e2e-'));
  home = join(tmp, 'home');
  await mkdir(home);
  ({ tarball } = await pack(tmp, home));
  // init runs from the packed package, unpacked where a user's npx would put it.
  const tool = join(tmp, 'tool');
  const pkg = await installTarball(tool, tarball);
  repo = join(tmp, 'catalog-repo');
  const init = await exec(process.execPath, [join(pkg, 'bin', 'modelctl.js'), 'init', repo, '--from', tarball], tmp, cleanEnv(home, { MODELCTL_ADMIN_TOKEN: ADMIN }));
  outputs.push(init.stdout, init.stderr);
  expect(init.code, init.stderr).toBe(0);
  const manifest = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  // What package.json asks for is exactly the tarball we install.
  const spec = manifest.devDependencies.modelctl ?? '';
  expect(spec).toBe(`file:${relative(repo, tarball)}`);
  await installTarball(repo, join(repo, spec.slice('file:'.length)));
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(tmp, { recursive: true, force: true });
});

describe('a new catalog repository, end to end (offline, 127.0.0.1 only)', () => {
  it('validates with zero diagnostics', async () => {
    const text = await modelctl(['validate']);
    expect(text.code, text.stdout + text.stderr).toBe(0);
    expect(text.stdout).toContain('0 errors, 0 warnings');
    const json = await modelctl(['validate', 'catalog', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, errorCount: 0, warningCount: 0, diagnostics: [] });
  });

  it('starts modelctl serve from the installed package on 127.0.0.1, port 0', async () => {
    const bin = join(repo, 'node_modules', '.bin', 'modelctl');
    server = spawn(bin, ['serve', '--host', '127.0.0.1', '--port', '0', '--state-dir', join(tmp, 'state')], {
      cwd: repo,
      env: cleanEnv(home, { MODELCTL_ADMIN_TOKEN: ADMIN }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.setEncoding('utf8').on('data', (c: string) => (serverLog += c));
    url = await new Promise<string>((resolve, reject) => {
      server!.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        serverLog += chunk;
        const line = serverLog.split('\n').find((l) => l.includes('"listening"'));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      server!.once('exit', (code) => reject(new Error(`serve exited ${code}: ${serverLog}`)));
    });
    expect(new URL(url).hostname).toBe('127.0.0.1');
  });

  let reviewed: string;

  it('plans with no admin token in its environment', async () => {
    const md = await modelctl(['plan', 'catalog', '--target', url, '--format', 'markdown', '--out', 'plan.json']);
    expect(md.code, md.stderr).toBe(0);
    const plan = JSON.parse(await readFile(join(repo, 'plan.json'), 'utf8')) as { base: unknown; desired: { version: string }; summary: Record<string, number> };
    expect(plan.base).toBeNull();
    // Settings, the provider and both models are created.
    expect(plan.summary).toEqual({ create: 4, update: 0, delete: 0 });
    expect(md.stdout).toContain('claude-haiku');
    reviewed = plan.desired.version;
    expect(reviewed).toMatch(/^sha256:[0-9a-f]{64}$/);
    const detailed = await modelctl(['plan', 'catalog', '--target', url, '--detailed-exitcode']);
    expect(detailed.code).toBe(2);
  });

  it('apply is refused without the token, and applies the reviewed version with it', async () => {
    const anonymous = await modelctl(['apply', 'catalog', '--target', url, '--expect-version', reviewed]);
    expect(anonymous.code).toBe(3);
    const wrong = await modelctl(['apply', 'catalog', '--target', url, '--expect-version', `sha256:${'0'.repeat(64)}`], { MODELCTL_ADMIN_TOKEN: ADMIN });
    expect(wrong.code).toBe(3);
    const applied = await modelctl(['apply', 'catalog', '--target', url, '--expect-version', reviewed], { MODELCTL_ADMIN_TOKEN: ADMIN });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`is now at ${reviewed}`);
  });

  it('plans again: no changes (exit 0 with --detailed-exitcode)', async () => {
    const again = await modelctl(['plan', 'catalog', '--target', url, '--detailed-exitcode', '--format', 'json']);
    expect(again.code, again.stderr).toBe(0);
    const plan = JSON.parse(again.stdout) as { base: { version: string }; summary: Record<string, number> };
    expect(plan.base.version).toBe(reviewed);
    expect(plan.summary).toEqual({ create: 0, update: 0, delete: 0 });
  });

  it('the admin token appears in no output, plan file or repository file', async () => {
    expect(outputs.length).toBeGreaterThan(10);
    for (const text of [...outputs, serverLog]) expect(text).not.toContain(ADMIN);
    const files = (await readdir(repo, { recursive: true })).filter((f) => !f.startsWith('node_modules'));
    expect(files).toContain('plan.json');
    for (const f of files) {
      const text = await readFile(join(repo, f), 'utf8').catch(() => '');
      expect(text, f).not.toContain(ADMIN);
    }
  });
});
