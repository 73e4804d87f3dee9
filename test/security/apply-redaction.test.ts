// URL userinfo and query values in --target are never printed: not by plan,
// apply or rollback, in any format, on stdout or stderr, including error
// messages the HTTP client builds (connection refused).
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactText, redactUrl } from '../../src/apply/index.js';
import { tempDir, testServer, TOKEN, type TestServer } from '../server/helpers.js';
import { catalog, replaceIn, run, type Run } from '../apply/cli-helpers.js';

const USER = 'planted-user-3141';
const PASS = 'planted-pass-2718';
const QUERY = 'planted-query-1618';
const CREDENTIAL = 'sk-ant-api03-redactionsecret000099';
const PLANTED = [USER, PASS, QUERY, encodeURIComponent('p@ss:' + PASS), CREDENTIAL, TOKEN];

const expectClean = (runs: Run[]) => {
  const all = runs.map((r) => r.stdout + '\n' + r.stderr).join('\n');
  for (const s of PLANTED) expect(all).not.toContain(s);
};

describe('redactUrl / redactText', () => {
  it('masks userinfo (even with @ in the password) and query values', () => {
    expect(redactUrl(`https://${USER}:${PASS}@host.example/x?token=${QUERY}&a=b`)).toBe('https://***@host.example/x?token=***&a=***');
    expect(redactUrl(`https://${USER}:p@ss@host.example/`)).toBe('https://***@host.example/');
    expect(redactUrl('file:/tmp/live.json')).toBe('file:/tmp/live.json');
    expect(redactText(`connect failed for ${PASS} at http://${USER}:${PASS}@h/`, [PASS])).not.toContain(PASS);
  });
});

describe('plan / apply / rollback never echo --target credentials', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let server: TestServer;
  let state: { dir: string; remove: () => Promise<void> };
  let v1: string;
  let v2: string;
  beforeEach(async () => {
    tmp = await tempDir();
    state = await tempDir();
    server = await testServer({ stateDir: state.dir });
    v1 = await catalog(tmp.dir, 'v1');
    v2 = await catalog(tmp.dir, 'v2', (root) => replaceIn(join(root, 'models/gpt-5.yaml'), 'order: 20', 'order: 25'));
  });
  afterEach(async () => {
    await server.close();
    await state.remove();
    await tmp.remove();
  });

  it('in every format and message of a full plan → apply → rollback cycle', async () => {
    const url = new URL(server.url);
    const target = `http://${USER}:${encodeURIComponent('p@ss:' + PASS)}@${url.host}/?token=${QUERY}`;
    const env = { ANTHROPIC_API_KEY: CREDENTIAL, OPENAI_API_KEY: CREDENTIAL, MODELCTL_ADMIN_TOKEN: TOKEN };
    const cli = (...argv: string[]) => run(argv, { cwd: tmp.dir, env });
    const runs: Run[] = [];
    const step = async (...argv: string[]) => {
      const r = await cli(...argv);
      runs.push(r);
      return r;
    };
    expect((await step('plan', v1, '--target', target, '--out', 'p1.json')).code).toBe(0);
    expect((await step('apply', 'p1.json', '--target', target)).code).toBe(0);
    for (const format of ['text', 'markdown', 'json']) expect((await step('plan', v2, '--target', target, '--format', format)).code).toBe(0);
    const applied = await step('apply', v2, '--target', target);
    expect(applied.code).toBe(0);
    // The hints still name the target, masked.
    expect(applied.stdout).toContain(`--target http://***@${url.host}/?token=***`);
    const back = applied.stdout.match(/rollback --to (sha256:[0-9a-f]{64})/)![1]!;
    expect((await step('rollback', '--list', '--target', target)).code).toBe(0);
    for (const format of ['text', 'markdown', 'json']) expect((await step('rollback', '--to', back, '--dry-run', '--format', format, '--target', target)).code).toBe(0);
    expect((await step('rollback', '--to', back, '--target', target)).code).toBe(0);
    // Refusals: a wrong token, a stale plan.
    runs.push(await run(['apply', v1, '--target', target], { cwd: tmp.dir, env: { ...env, MODELCTL_ADMIN_TOKEN: 'x-wrong-token' } }));
    expect((await step('apply', 'p1.json', '--target', target)).code).toBe(3);
    expect(runs.some((r) => r.stderr.includes('credentials in the --target URL are neither sent nor shown'))).toBe(true);
    expectClean(runs);
    // Nor did the server see them (userinfo is not sent).
    for (const s of [USER, PASS, QUERY]) expect(server.logText()).not.toContain(s);
  });

  it('in connection errors and usage errors', async () => {
    // A port that was just free: connection refused.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const target = `http://${USER}:${PASS}@127.0.0.1:${port}/base?token=${QUERY}`;
    const env = { MODELCTL_ADMIN_TOKEN: TOKEN, ANTHROPIC_API_KEY: CREDENTIAL };
    const runs = [
      await run(['plan', v1, '--target', target], { cwd: tmp.dir, env }),
      await run(['apply', v1, '--target', target], { cwd: tmp.dir, env }),
      await run(['rollback', '--list', '--target', target], { cwd: tmp.dir, env }),
    ];
    for (const r of runs) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`127.0.0.1:${port}`);
    }
    const usage = [
      await run(['plan', v1, '--target', `ftp://${USER}:${PASS}@h/`], { cwd: tmp.dir, env }),
      await run(['plan', v1, '--target', `http://${USER}:${PASS}@[::1`], { cwd: tmp.dir, env }),
    ];
    for (const r of usage) expect(r.code).toBe(64);
    expectClean([...runs, ...usage]);
  });
});
