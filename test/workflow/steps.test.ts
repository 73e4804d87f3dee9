// The catalog workflow's own scripts, run as GitHub runs them (bash -eo
// pipefail, GITHUB_* files), against a real plan from the CLI and a stub `gh`
// that answers from fixtures, logs every call and filters with the real jq:
// the destroy guard, the one-comment poster, and the apply job's lookup of
// the reviewed version, chained into a real apply on a file: target.
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog as quick, run as cli } from '../apply/cli-helpers.js';
import { tempDir } from '../server/helpers.js';
import { cleanEnv, ROOT } from '../package/install.js';
import { catalogWorkflow, step, type Workflow } from './workflows.js';

const exec = promisify(execFile);
const hasJq = await exec('jq', ['--version']).then(
  () => true,
  () => false,
);

const GH_TOKEN = 'ghs_plantedWorkflowToken0123456789abcdef';
const HEAD = 'a'.repeat(40);
const REPO = 'acme/catalog';

const STUB_GH = `#!/usr/bin/env node
const fs = require('fs');
const { execFileSync } = require('child_process');
const args = process.argv.slice(2);
if (args[0] !== 'api') { console.error('stub gh: only api'); process.exit(2); }
let method = 'GET', input, jq, path;
for (let i = 1; i < args.length; i++) {
  const a = args[i];
  if (a === '--paginate') continue;
  if (a === '--method' || a === '-X') { method = args[++i]; continue; }
  if (a === '--input') { input = JSON.parse(fs.readFileSync(args[++i], 'utf8')); continue; }
  if (a === '--jq' || a === '-q') { jq = args[++i]; continue; }
  if (a.startsWith('-')) { console.error('stub gh: unknown flag ' + a); process.exit(2); }
  path = a;
}
fs.appendFileSync(process.env.GH_LOG, JSON.stringify({ method, path, input, authenticated: Boolean(process.env.GH_TOKEN) }) + '\\n');
if (method !== 'GET') { process.stdout.write('{}'); process.exit(0); }
const fixtures = JSON.parse(fs.readFileSync(process.env.GH_FIXTURES, 'utf8'));
if (!(path in fixtures)) { console.error('gh: HTTP 404 ' + path); process.exit(1); }
const body = JSON.stringify(fixtures[path]);
process.stdout.write(jq ? execFileSync('jq', ['-r', jq], { input: body }) : body);
`;

interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  calls: { method: string; path: string; input?: { body: string }; authenticated: boolean }[];
  output: string;
  summary: string;
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
let wf: Workflow;
let work: string;
let bin: string;

/** Runs one step's script in `work` with its env, GitHub's default shell and files, and the stub gh on PATH. */
async function runStep(job: string, name: string, env: Record<string, string>, fixtures: Record<string, unknown> = {}): Promise<StepRun> {
  const s = step(wf, job, name);
  const files = { script: join(tmp.dir, 'step.sh'), log: join(tmp.dir, 'gh.log'), fixtures: join(tmp.dir, 'fixtures.json'), output: join(tmp.dir, 'output'), summary: join(tmp.dir, 'summary') };
  await writeFile(files.script, s.run!);
  await writeFile(files.fixtures, JSON.stringify(fixtures));
  for (const f of [files.log, files.output, files.summary]) await writeFile(f, '');
  const base = cleanEnv(join(tmp.dir, 'home'), {
    GITHUB_REPOSITORY: REPO,
    GITHUB_SHA: 'b'.repeat(40),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GH_LOG: files.log,
    GH_FIXTURES: files.fixtures,
    ...env,
  });
  base.PATH = `${bin}:${base.PATH}`;
  let code = 0;
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await exec('bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script], { cwd: work, env: base }));
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    ({ code, stdout, stderr } = e);
  }
  const calls = (await readFile(files.log, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { code, stdout, stderr, calls, output: await readFile(files.output, 'utf8'), summary: await readFile(files.summary, 'utf8') };
}

/** plan --format markdown --out plan.json in `work`, as the plan step runs it (in-process CLI, file: target). */
async function plan(dir: string): Promise<{ version: string }> {
  const res = await cli(['plan', dir, '--target', 'file:live.json', '--format', 'markdown', '--out', 'plan.json'], { cwd: work });
  expect(res.code, res.stderr).toBe(0);
  await writeFile(join(work, 'plan.md'), res.stdout);
  return (JSON.parse(await readFile(join(work, 'plan.json'), 'utf8')) as { desired: { version: string } }).desired;
}

const marker = (version: string, head: string) => `<!-- modelctl-plan desired=${version} head=${head} -->`;

beforeAll(async () => {
  tmp = await tempDir('modelctl-steps-');
  wf = await catalogWorkflow();
  work = join(tmp.dir, 'work');
  bin = join(tmp.dir, 'bin');
  await mkdir(work);
  await mkdir(bin);
  await mkdir(join(tmp.dir, 'home'));
  await writeFile(join(bin, 'gh'), STUB_GH);
  await chmod(join(bin, 'gh'), 0o755);
  // `npx --no-install modelctl` in the work dir finds this checkout's CLI (dist/, built by the global setup).
  await mkdir(join(work, 'node_modules', '.bin'), { recursive: true });
  await symlink(join(ROOT, 'bin', 'modelctl.js'), join(work, 'node_modules', '.bin', 'modelctl'));
  // Live: the quickstart catalog. Desired: the same without claude-haiku (active and public: a guarded delete).
  await quick(work, 'live');
  await quick(work, 'catalog', (root) => rm(join(root, 'models', 'claude-haiku.yaml')));
  expect((await cli(['apply', 'live', '--target', 'file:live.json'], { cwd: work })).code).toBe(0);
});

afterAll(async () => tmp.remove());

describe.skipIf(!hasJq)('the catalog workflow’s scripts', () => {
  it('destroy guard: an annotated failure without the label, a warning with it, silence with no guarded delete', async () => {
    await plan('catalog');
    const refused = await runStep('plan', 'Destroy guard', { ALLOW_DESTROY: 'false' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^::error title=modelctl destroy guard::model\/claude-haiku is deleted while active and public/m);
    const allowed = await runStep('plan', 'Destroy guard', { ALLOW_DESTROY: 'true' });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^::warning title=modelctl destroy guard::model\/claude-haiku .*modelctl:allow-destroy$/m);
    await plan('live');
    const clean = await runStep('plan', 'Destroy guard', { ALLOW_DESTROY: 'false' });
    expect(clean).toMatchObject({ code: 0, stdout: '' });
  });

  it('posts the plan as a new comment with the hidden marker when there is none of ours', async () => {
    const desired = await plan('catalog');
    const fixtures = {
      [`repos/${REPO}/issues/7/comments`]: [
        { id: 1, user: { login: 'someone' }, body: `${marker(desired.version, HEAD)}\nnot ours` },
        { id: 2, user: { login: 'other-bot[bot]' }, body: `${marker(desired.version, HEAD)}\nnot ours either` },
        { id: 3, user: { login: 'github-actions[bot]' }, body: 'another workflow’s comment' },
      ],
    };
    const res = await runStep('plan', 'Post the plan', { GH_TOKEN, PR: '7', HEAD_SHA: HEAD }, fixtures);
    expect(res.code, res.stderr).toBe(0);
    const writes = res.calls.filter((c) => c.method !== 'GET');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: 'POST', path: `repos/${REPO}/issues/7/comments`, authenticated: true });
    const md = await readFile(join(work, 'plan.md'), 'utf8');
    expect(writes[0]!.input!.body).toBe(`${marker(desired.version, HEAD)}\n${md}`);
    expect(res.summary).toContain(md);
    for (const text of [res.stdout, res.stderr, res.summary, JSON.stringify(res.calls)]) expect(text).not.toContain(GH_TOKEN);
  });

  it('edits our earlier comment in place', async () => {
    await plan('catalog');
    const fixtures = {
      [`repos/${REPO}/issues/7/comments`]: [
        { id: 10, user: { login: 'github-actions[bot]' }, body: `${marker(`sha256:${'1'.repeat(64)}`, 'c'.repeat(40))}\nold plan` },
        { id: 11, user: { login: 'someone' }, body: 'lgtm' },
      ],
    };
    const res = await runStep('plan', 'Post the plan', { GH_TOKEN, PR: '7', HEAD_SHA: HEAD }, fixtures);
    expect(res.code, res.stderr).toBe(0);
    expect(res.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH repos/${REPO}/issues/comments/10`]);
  });

  it('a plan too long for a comment leaves the marker and a link to the job summary', async () => {
    const desired = await plan('catalog');
    await writeFile(join(work, 'plan.md'), 'x'.repeat(70_000));
    const res = await runStep('plan', 'Post the plan', { GH_TOKEN, PR: '7', HEAD_SHA: HEAD }, { [`repos/${REPO}/issues/7/comments`]: [] });
    const body = res.calls.find((c) => c.method === 'POST')!.input!.body;
    expect(body.length).toBeLessThan(1000);
    expect(body.startsWith(`${marker(desired.version, HEAD)}\n`)).toBe(true);
    expect(body).toContain(`https://github.com/${REPO}/actions/runs/42`);
    expect(res.summary.length).toBeGreaterThanOrEqual(70_000);
  });

  /** The GitHub answers the apply job reads after PR 7 merged, with our comment as the plan step posted it. */
  async function merged(labels: string[], plannedHead = HEAD): Promise<{ fixtures: Record<string, unknown>; version: string }> {
    const desired = await plan('catalog');
    const posted = await runStep('plan', 'Post the plan', { GH_TOKEN, PR: '7', HEAD_SHA: plannedHead }, { [`repos/${REPO}/issues/7/comments`]: [] });
    const body = posted.calls.find((c) => c.method === 'POST')!.input!.body;
    return {
      version: desired.version,
      fixtures: {
        [`repos/${REPO}/commits/${'b'.repeat(40)}/pulls`]: [
          { number: 6, merged_at: null },
          { number: 7, merged_at: '2026-01-01T00:00:00Z' },
        ],
        [`repos/${REPO}/pulls/7`]: { head: { sha: HEAD }, labels: labels.map((name) => ({ name })) },
        [`repos/${REPO}/issues/7/comments`]: [
          // Only a comment by the workflow's own bot counts: this one would pin another version.
          { id: 1, user: { login: 'mallory' }, body: `${marker(`sha256:${'f'.repeat(64)}`, HEAD)}\n` },
          { id: 2, user: { login: 'github-actions[bot]' }, body },
        ],
      },
    };
  }

  it('apply: the reviewed version comes from our marker on the merged PR, and apply lands exactly it', async () => {
    const { fixtures, version } = await merged(['modelctl:allow-destroy']);
    const found = await runStep('apply', 'Find the plan', { GH_TOKEN }, fixtures);
    expect(found.code, found.stdout + found.stderr).toBe(0);
    expect(found.output).toBe(`version=${version}\nallow-destroy=true\n`);
    const outputs = Object.fromEntries(found.output.trim().split('\n').map((l) => l.split('=') as [string, string]));
    const admin = 'admin-token-unused-by-file-targets-77';
    const applied = await runStep('apply', 'Apply', { MODELCTL_URL: 'file:live.json', MODELCTL_ADMIN_TOKEN: admin, EXPECT_VERSION: outputs.version!, ALLOW_DESTROY: outputs['allow-destroy']! });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`is now at ${version}`);
    expect(applied.stdout + applied.stderr).not.toContain(admin);
    // Back to the live catalog for the next case.
    expect((await cli(['apply', 'live', '--target', 'file:live.json'], { cwd: work })).code).toBe(0);
  });

  it('apply: without the label the destroy guard holds (exit 3), nothing changes', async () => {
    const { fixtures, version } = await merged([]);
    const found = await runStep('apply', 'Find the plan', { GH_TOKEN }, fixtures);
    expect(found.output).toBe(`version=${version}\n`);
    const before = await readFile(join(work, 'live.json'), 'utf8');
    const refused = await runStep('apply', 'Apply', { MODELCTL_URL: 'file:live.json', EXPECT_VERSION: version, ALLOW_DESTROY: '' });
    expect(refused.code).toBe(3);
    expect(await readFile(join(work, 'live.json'), 'utf8')).toBe(before);
  });

  it('apply: refused when the last plan was not for the merged head, when there is no PR, and when there is no plan of ours', async () => {
    const stale = await merged([], 'c'.repeat(40));
    const r1 = await runStep('apply', 'Find the plan', { GH_TOKEN }, stale.fixtures);
    expect(r1.code).toBe(1);
    expect(r1.stdout).toMatch(/^::error title=modelctl apply::the last plan on #7 was made for c{40}, not for its final commit a{40}/m);
    expect(r1.output).toBe('');

    const direct = { ...stale.fixtures, [`repos/${REPO}/commits/${'b'.repeat(40)}/pulls`]: [] };
    const r2 = await runStep('apply', 'Find the plan', { GH_TOKEN }, direct);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toContain('is not the merge of a pull request');

    const fake = (await merged([])).fixtures;
    fake[`repos/${REPO}/issues/7/comments`] = (fake[`repos/${REPO}/issues/7/comments`] as unknown[]).slice(0, 1);
    const r3 = await runStep('apply', 'Find the plan', { GH_TOKEN }, fake);
    expect(r3.code).toBe(1);
    expect(r3.stdout).toContain('has no plan comment');
    expect(r3.output).toBe('');
  });
});
