// rollback shows its plan (live → the kept version) and applies the same
// destroy guard as apply; a damaged file: target is reported clearly by plan
// and apply and repaired by rollback from its history.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testServer, TOKEN, type TestServer } from '../server/helpers.js';
import { catalog, replaceIn, run } from '../apply/cli-helpers.js';

const SECRET = 'sk-ant-api03-rollbacksecret00077';
const env = { ANTHROPIC_API_KEY: SECRET, OPENAI_API_KEY: SECRET, MODELCTL_ADMIN_TOKEN: TOKEN };
let tmp: { dir: string; remove: () => Promise<void> };
let v1: string; // quickstart
let extra: string; // quickstart plus a public, active model gpt-5-extra

beforeEach(async () => {
  tmp = await tempDir();
  v1 = await catalog(tmp.dir, 'v1');
  extra = await catalog(tmp.dir, 'extra', async (root) => {
    await copyFile(join(root, 'models/gpt-5.yaml'), join(root, 'models/gpt-5-extra.yaml'));
    await replaceIn(join(root, 'models/gpt-5-extra.yaml'), 'name: gpt-5', 'name: gpt-5-extra');
  });
});
afterEach(async () => tmp.remove());

const cli = (...argv: string[]) => run(argv, { cwd: tmp.dir, env });
const versionIn = (text: string) => JSON.parse(text).version as string;

/** Applies v1 then extra; returns v1's version. */
async function twoVersions(target: string): Promise<string> {
  expect((await cli('apply', v1, '--target', target)).code).toBe(0);
  const plan = await cli('plan', v1, '--target', target, '--format', 'json');
  expect((await cli('apply', extra, '--target', target)).code).toBe(0);
  return JSON.parse(plan.stdout).desired.version;
}

const noSecrets = (...runs: { stdout: string; stderr: string }[]) => {
  const all = runs.map((r) => r.stdout + r.stderr).join('\n');
  expect(all).not.toContain(SECRET);
  expect(all).not.toContain(TOKEN);
};

describe('rollback with a file: target', () => {
  const live = () => join(tmp.dir, 'live.json');
  const target = () => `file:${live()}`;

  it('prints the plan and refuses to delete an active, public model without --allow-destroy', async () => {
    const first = await twoVersions(target());
    const before = await readFile(live(), 'utf8');
    const refused = await cli('rollback', '--to', first, '--target', target());
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('  - model/gpt-5-extra  delete  (active and public: apply needs --allow-destroy)');
    expect(refused.stderr).toContain('  - model/gpt-5-extra\n');
    expect(await readFile(live(), 'utf8')).toBe(before);

    const dry = await cli('rollback', '--to', first, '--target', target(), '--allow-destroy', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Plan: 0 to create, 0 to update, 1 to delete.');
    expect(await readFile(live(), 'utf8')).toBe(before);

    const forced = await cli('rollback', '--to', first, '--target', target(), '--allow-destroy');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`Rolled back: ${target()} is now at ${first}`);
    expect(versionIn(await readFile(live(), 'utf8'))).toBe(first);
    noSecrets(refused, dry, forced);
  });

  it('prints the plan as json (stdout only the plan) and markdown', async () => {
    const first = await twoVersions(target());
    const json = await cli('rollback', '--to', first, '--target', target(), '--plan-only', '--format', 'json');
    expect(json.code).toBe(3); // the guard holds in a dry run too
    const doc = JSON.parse(json.stdout);
    expect(doc.summary).toEqual({ create: 0, update: 0, delete: 1 });
    expect(doc.desired.version).toBe(first);
    const md = await cli('rollback', '--to', first, '--target', target(), '--plan-only', '--format', 'markdown', '--allow-destroy');
    expect(md.code).toBe(0);
    expect(md.stdout.split('\n')[0]).toBe('**Plan:** 0 to create, 0 to update, 1 to delete');
    noSecrets(json, md);
  });

  it('reports a damaged live file (exit 1, path, what is wrong) and rollback repairs it from history', async () => {
    const first = await twoVersions(target());
    const good = await readFile(live(), 'utf8');
    await writeFile(live(), good.slice(0, 100)); // truncated mid-write by something else
    for (const res of [await cli('plan', v1, '--target', target()), await cli('apply', v1, '--target', target())]) {
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`${live()} is damaged: not JSON`);
      expect(res.stderr).toContain('modelctl rollback --to VERSION');
      expect(res.stderr).not.toContain(good.slice(0, 100));
    }
    const list = await cli('rollback', '--list', '--target', target());
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(first);

    const repaired = await cli('rollback', '--to', first, '--target', target());
    expect(repaired.code).toBe(0);
    expect(repaired.stderr).toContain('the live file is damaged');
    expect(versionIn(await readFile(live(), 'utf8'))).toBe(first);
    expect((await cli('plan', v1, '--target', target(), '--detailed-exitcode')).code).toBe(0);
    noSecrets(repaired, list);
  });

  it('repairs a live file holding garbage that is valid JSON but not a snapshot', async () => {
    const first = await twoVersions(target());
    await writeFile(live(), '{"hello": "world"}\n');
    expect((await cli('plan', v1, '--target', target())).code).toBe(1);
    expect((await cli('rollback', '--to', first, '--target', target())).code).toBe(0);
    expect(versionIn(await readFile(live(), 'utf8'))).toBe(first);
  });
});

describe('rollback with an http target', () => {
  let server: TestServer;
  let state: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    state = await tempDir();
    server = await testServer({ stateDir: state.dir });
  });
  afterEach(async () => {
    await server.close();
    await state.remove();
  });

  it('shows the plan and applies the destroy guard', async () => {
    const first = await twoVersions(server.url);
    const refused = await cli('rollback', '--to', first, '--target', server.url);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('  - model/gpt-5-extra  delete');
    const plan = await cli('plan', extra, '--target', server.url, '--detailed-exitcode');
    expect(plan.code).toBe(0); // still at extra
    const forced = await cli('rollback', '--to', first, '--target', server.url, '--allow-destroy');
    expect(forced.code).toBe(0);
    expect((await cli('plan', v1, '--target', server.url, '--detailed-exitcode')).code).toBe(0);
    noSecrets(refused, forced);
    expect(server.logText()).not.toContain(TOKEN);
  });

  it('exits 3 when the admin token is refused, for --list and --to', async () => {
    const first = await twoVersions(server.url);
    const bad = { ...env, MODELCTL_ADMIN_TOKEN: 'wrong-token-rollback-1' };
    const list = await run(['rollback', '--list', '--target', server.url], { cwd: tmp.dir, env: bad });
    const to = await run(['rollback', '--to', first, '--target', server.url, '--allow-destroy'], { cwd: tmp.dir, env: bad });
    for (const r of [list, to]) {
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('MODELCTL_ADMIN_TOKEN');
      expect(r.stdout + r.stderr).not.toContain('wrong-token-rollback-1');
    }
  });
});
