// plan / apply / rollback through main(argv, io): output, files and exit codes,
// against file: and http targets.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testServer, TOKEN, type TestServer } from '../server/helpers.js';
import { catalog, replaceIn, run } from './cli-helpers.js';

const SECRET = 'sk-ant-api03-supersecretvalue0001';
let tmp: { dir: string; remove: () => Promise<void> };
let v1: string; // quickstart
let v2: string; // quickstart with a new system prompt for claude-sonnet
let v3: string; // quickstart with gpt-5 cheaper
let gone: string; // quickstart without gpt-5
let invalid: string;

beforeEach(async () => {
  tmp = await tempDir();
  v1 = await catalog(tmp.dir, 'v1');
  v2 = await catalog(tmp.dir, 'v2', (root) =>
    replaceIn(join(root, 'models/claude-sonnet.yaml'), 'Prefer small, reviewable changes and explain trade-offs briefly.', 'Prefer small changes.\n  Always add tests.'),
  );
  v3 = await catalog(tmp.dir, 'v3', (root) => replaceIn(join(root, 'models/gpt-5.yaml'), 'order: 20', 'order: 25'));
  gone = await catalog(tmp.dir, 'gone', (root) => rm(join(root, 'models/gpt-5.yaml')));
  invalid = await catalog(tmp.dir, 'invalid', (root) => replaceIn(join(root, 'models/gpt-5.yaml'), 'order: 20', 'order: twenty'));
});
afterEach(async () => {
  await tmp.remove();
});

const env = { ANTHROPIC_API_KEY: SECRET, MODELCTL_ADMIN_TOKEN: TOKEN };

describe('plan and apply with a file: target', () => {
  const target = () => `file:${join(tmp.dir, 'live.json')}`;
  const cli = (...argv: string[]) => run(argv, { cwd: tmp.dir, env });

  it('plans creation, saves the plan, applies it, then plans no changes', async () => {
    const plan = await cli('plan', v1, '--target', target(), '--out', 'plan.json');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('  + model/claude-sonnet  create\n');
    expect(plan.stdout).toContain('Plan: 6 to create, 0 to update, 0 to delete.');
    expect(plan.stderr).toContain('saved the plan to plan.json');
    const saved = JSON.parse(await readFile(join(tmp.dir, 'plan.json'), 'utf8'));
    expect(saved).toMatchObject({ formatVersion: 1, base: null, summary: { create: 6 } });

    expect((await cli('plan', v1, '--target', target(), '--detailed-exitcode')).code).toBe(2);

    const apply = await cli('apply', 'plan.json', '--target', target());
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain(`Applied: ${target()} is now at ${saved.desired.version}`);
    expect(apply.stdout).toContain('Nothing was live before');
    const live = JSON.parse(await readFile(join(tmp.dir, 'live.json'), 'utf8'));
    expect(live.version).toBe(saved.desired.version);

    const again = await cli('plan', v1, '--target', target(), '--detailed-exitcode');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^No changes\./);
    expect((await cli('apply', v1, '--target', target())).stdout).toMatch(/^No changes: /);
  });

  it('prints json exactly as §7 and markdown for a pull request', async () => {
    await cli('apply', v1, '--target', target());
    const json = await cli('plan', v2, '--target', target(), '--format', 'json');
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(Object.keys(doc)).toEqual(['formatVersion', 'base', 'desired', 'summary', 'changes', 'impact']);
    expect(doc.summary).toEqual({ create: 0, update: 1, delete: 0 });
    expect(doc.changes[0].address).toBe('model/claude-sonnet');
    const md = await cli('plan', v2, '--target', target(), '--format', 'markdown');
    expect(md.stdout.split('\n')[0]).toBe('**Plan:** 0 to create, 1 to update, 0 to delete');
    expect(md.stdout).toContain('+Always add tests.');
  });

  it('shows a system prompt change as a unified diff, coloured only on a TTY without NO_COLOR', async () => {
    await cli('apply', v1, '--target', target());
    const plain = await cli('plan', v2, '--target', target());
    expect(plain.stdout).toContain('        -Prefer small, reviewable changes and explain trade-offs briefly.\n');
    expect(plain.stdout).toContain('        +Always add tests.\n');
    expect(plain.stdout).not.toContain('\u001b[');
    expect((await run(['plan', v2, '--target', target()], { cwd: tmp.dir, env, tty: true })).stdout).toContain('\u001b[');
    expect((await run(['plan', v2, '--target', target()], { cwd: tmp.dir, env: { ...env, NO_COLOR: '1' }, tty: true })).stdout).not.toContain('\u001b[');
  });

  it('exits 1 for an invalid catalog, with diagnostics on stderr', async () => {
    const res = await cli('plan', invalid, '--target', target());
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/gpt-5\.yaml:\d+:\d+/);
    expect((await cli('apply', invalid, '--target', target())).code).toBe(1);
  });

  it('refuses a stale plan with exit 3, naming the new live version', async () => {
    await cli('apply', v1, '--target', target());
    await cli('plan', v2, '--target', target(), '--out', 'p2.json');
    const moved = await cli('apply', v3, '--target', target());
    expect(moved.code).toBe(0);
    const live = JSON.parse(await readFile(join(tmp.dir, 'live.json'), 'utf8')).version;
    const stale = await cli('apply', 'p2.json', '--target', target());
    expect(stale.code).toBe(3);
    expect(stale.stderr).toContain(`live now:        ${live}`);
    expect(JSON.parse(await readFile(join(tmp.dir, 'live.json'), 'utf8')).version).toBe(live);
  });

  it('guards deleting an active, public model unless --allow-destroy', async () => {
    await cli('apply', v1, '--target', target());
    const plan = await cli('plan', gone, '--target', target());
    expect(plan.stdout).toContain('  - model/gpt-5  delete  (active and public: apply needs --allow-destroy)');
    const refused = await cli('apply', gone, '--target', target());
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('  - model/gpt-5\n');
    const forced = await cli('apply', gone, '--target', target(), '--allow-destroy');
    expect(forced.code).toBe(0);
  });

  it('rolls back to the previous version the apply named', async () => {
    await cli('apply', v1, '--target', target());
    const first = JSON.parse(await readFile(join(tmp.dir, 'live.json'), 'utf8')).version;
    const second = await cli('apply', v2, '--target', target());
    expect(second.stdout).toContain(`To roll back: modelctl rollback --to ${first} --target ${target()}`);
    const list = await cli('rollback', '--list', '--target', target());
    expect(list.stdout.split('\n')[1]).toContain(first);
    const back = await cli('rollback', '--to', first.slice(0, 20), '--target', target());
    expect(back.code).toBe(0);
    expect(back.stdout).toContain(`is now at ${first}`);
    expect(JSON.parse(await readFile(join(tmp.dir, 'live.json'), 'utf8')).version).toBe(first);
    expect((await cli('rollback', '--to', 'sha256:ffff', '--target', target())).code).toBe(1);
  });

  it('two concurrent applies from the same base: one wins, the other exits 3 and the winner is live', async () => {
    await cli('apply', v1, '--target', target());
    await cli('plan', v2, '--target', target(), '--out', 'a.json');
    await cli('plan', v3, '--target', target(), '--out', 'b.json');
    const [a, b] = await Promise.all([cli('apply', 'a.json', '--target', target()), cli('apply', 'b.json', '--target', target())]);
    expect([a.code, b.code].sort()).toEqual([0, 3]);
    const winner = a.code === 0 ? 'a.json' : 'b.json';
    const loser = a.code === 0 ? b : a;
    const wanted = JSON.parse(await readFile(join(tmp.dir, winner), 'utf8')).desired.version;
    expect(JSON.parse(await readFile(join(tmp.dir, 'live.json'), 'utf8')).version).toBe(wanted);
    expect(loser.stderr).toContain(wanted);
  });

  it('two apply processes racing on one file: exactly one wins', async () => {
    const bin = fileURLToPath(new URL('../../bin/modelctl.js', import.meta.url));
    await cli('apply', v1, '--target', target());
    await cli('plan', v2, '--target', target(), '--out', 'a.json');
    await cli('plan', v3, '--target', target(), '--out', 'b.json');
    const spawnApply = (plan: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, 'apply', plan, '--target', target()], { cwd: tmp.dir, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (c) => (stderr += c));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([spawnApply('a.json'), spawnApply('b.json')]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 3]);
    const winner = results[0]!.code === 0 ? 'a.json' : 'b.json';
    const wanted = JSON.parse(await readFile(join(tmp.dir, winner), 'utf8')).desired.version;
    expect(JSON.parse(await readFile(join(tmp.dir, 'live.json'), 'utf8')).version).toBe(wanted);
  });

  it('treats usage mistakes as exit 64', async () => {
    expect((await cli('plan', v1)).code).toBe(64);
    expect((await cli('plan', v1, '--target', 'ftp://nowhere')).code).toBe(64);
    expect((await cli('plan', v1, '--target', target(), '--format', 'xml')).code).toBe(64);
    expect((await cli('rollback', '--target', target())).code).toBe(64);
    expect((await cli('apply', v1, '--target', target(), '--bogus')).code).toBe(64);
  });
});

describe('plan and apply with an http target', () => {
  let server: TestServer;
  let state: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    state = await tempDir();
    server = await testServer({ stateDir: state.dir, resolverOptions: { env: { ANTHROPIC_API_KEY: SECRET } } });
  });
  afterEach(async () => {
    await server.close();
    await state.remove();
  });
  const cli = (...argv: string[]) => run(argv, { cwd: tmp.dir, env });

  it('applies, refuses without the token (exit 3), and rolls back', async () => {
    const noToken = await run(['apply', v1, '--target', server.url], { cwd: tmp.dir, env: {} });
    expect(noToken.code).toBe(3);
    expect(noToken.stderr).toContain('MODELCTL_ADMIN_TOKEN');
    const first = await cli('apply', v1, '--target', server.url);
    expect(first.code).toBe(0);
    const second = await cli('apply', v2, '--target', server.url);
    expect(second.code).toBe(0);
    const back = second.stdout.match(/modelctl rollback --to (sha256:[0-9a-f]{64})/)![1]!;
    expect((await cli('rollback', '--to', back, '--target', server.url)).code).toBe(0);
    expect((await cli('plan', v1, '--target', server.url, '--detailed-exitcode')).code).toBe(0);
  });

  it('two concurrent applies from the same base: one wins, the other exits 3 and the winner is live', async () => {
    await cli('apply', v1, '--target', server.url);
    await cli('plan', v2, '--target', server.url, '--out', 'a.json');
    await cli('plan', v3, '--target', server.url, '--out', 'b.json');
    const [a, b] = await Promise.all([cli('apply', 'a.json', '--target', server.url), cli('apply', 'b.json', '--target', server.url)]);
    expect([a.code, b.code].sort()).toEqual([0, 3]);
    const winner = a.code === 0 ? 'a.json' : 'b.json';
    const wanted = JSON.parse(await readFile(join(tmp.dir, winner), 'utf8')).desired.version;
    const live = await run(['plan', v1, '--target', server.url, '--format', 'json'], { cwd: tmp.dir, env });
    expect(JSON.parse(live.stdout).base.version).toBe(wanted);
    expect((a.code === 0 ? b : a).stderr).toContain(wanted);
  });

  it('never prints the admin token or credential values', async () => {
    const runs = [
      await cli('plan', v1, '--target', server.url),
      await cli('apply', v1, '--target', server.url),
      await cli('plan', v2, '--target', server.url, '--format', 'markdown'),
      await cli('plan', v2, '--target', server.url, '--format', 'json'),
      await run(['apply', v2, '--target', server.url], { cwd: tmp.dir, env: { MODELCTL_ADMIN_TOKEN: 'wrong-token-zzz' } }),
      await cli('rollback', '--list', '--target', server.url),
    ];
    const all = runs.map((r) => r.stdout + r.stderr).join('\n') + server.logText();
    expect(all).toContain('ANTHROPIC_API_KEY');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('wrong-token-zzz');
  });
});
