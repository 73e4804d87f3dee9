// apply records who applied what (--message, git commit and author, or the
// GitHub Actions run) in the target's history; rollback --list shows it in
// text and json. A hostile message stays one printable line everywhere.
// After a successful push apply prints, on stderr, the target's warning about
// models hidden for missing credentials (the server's words, or for a file:
// target computed against the applying process's env).
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testServer, TOKEN, type TestServer } from '../server/helpers.js';
import { catalog, run } from './cli-helpers.js';

const SECRET = 'sk-ant-api03-history-secret-0c4f7e2a91';
const HOSTILE = 'ship it\n{"level":"error","msg":"forged"}\r\u001b[2J\u001b]0;pwned\u0007\u202eevil';
const GITHUB = {
  GITHUB_SHA: 'f'.repeat(40),
  GITHUB_ACTOR: 'octo\u001b[31mcat',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/catalog',
  GITHUB_RUN_ID: '42',
};
const FILE_HIDDEN = '1 model is hidden: file /run/secrets/openai-api-key is not readable';

let tmp: { dir: string; remove: () => Promise<void> };
let v1: string;
let v2: string;
beforeEach(async () => {
  tmp = await tempDir();
  v1 = await catalog(tmp.dir, 'v1');
  const { replaceIn } = await import('./cli-helpers.js');
  v2 = await catalog(tmp.dir, 'v2', (root) => replaceIn(`${root}/models/gpt-5.yaml`, 'order: 20', 'order: 25'));
});
afterEach(async () => {
  await tmp.remove();
});

/** No escape, no control or bidi character, in anything printed. */
function expectClean(text: string): void {
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  expect(text).not.toContain('\n{"level":"error","msg":"forged"}');
}

function historyChecks(list: string, json: string): void {
  expectClean(list);
  const lines = list.split('\n');
  const meta = lines.find((l) => l.includes('ship it'))!;
  expect(meta).toBe(`    commit ${'f'.repeat(12)}  by octo [31mcat  "ship it {\\"level\\":\\"error\\",\\"msg\\":\\"forged\\"} [2J ]0;pwned evil"  https://github.com/acme/catalog/actions/runs/42`);
  const versions = JSON.parse(json).versions;
  expect(versions[1]).toMatchObject({ live: false, commit: 'f'.repeat(40), author: 'octo [31mcat', run: 'https://github.com/acme/catalog/actions/runs/42', message: 'ship it {"level":"error","msg":"forged"} [2J ]0;pwned evil' });
  expect(versions[0]).toEqual({ version: versions[0].version, appliedAt: versions[0].appliedAt, live: true, commit: 'f'.repeat(40), author: 'octo [31mcat', run: 'https://github.com/acme/catalog/actions/runs/42' });
}

describe('apply to an http target', () => {
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
  const env = { ANTHROPIC_API_KEY: SECRET, MODELCTL_ADMIN_TOKEN: TOKEN, ...GITHUB };

  it('prints the server warning on stderr after a push, and in json', async () => {
    const text = await run(['apply', v1, '--target', server.url], { cwd: tmp.dir, env });
    expect(text.code).toBe(0);
    expect(text.stderr).toBe(`modelctl apply: warning: ${FILE_HIDDEN}\n`);
    const json = await run(['apply', v2, '--target', server.url, '--format', 'json'], { cwd: tmp.dir, env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).warnings).toEqual([FILE_HIDDEN]);
    expect(json.stderr).toContain(`modelctl apply: warning: ${FILE_HIDDEN}\n`);
    const back = await run(['rollback', '--to', JSON.parse(json.stdout).previous, '--target', server.url], { cwd: tmp.dir, env });
    expect(back.code).toBe(0);
    expect(back.stderr).toBe(`modelctl rollback: warning: ${FILE_HIDDEN}\n`);
    const all = text.stdout + text.stderr + json.stdout + json.stderr + back.stdout + back.stderr + server.logText();
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(TOKEN);
  });

  it('records message, commit, author and run; rollback --list shows them cleaned, in text and json', async () => {
    expect((await run(['apply', v1, '--target', server.url, '--message', HOSTILE], { cwd: tmp.dir, env })).code).toBe(0);
    expect((await run(['apply', v2, '--target', server.url], { cwd: tmp.dir, env })).code).toBe(0);
    const list = await run(['rollback', '--list', '--target', server.url], { cwd: tmp.dir, env });
    const json = await run(['rollback', '--list', '--target', server.url, '--format', 'json'], { cwd: tmp.dir, env });
    historyChecks(list.stdout, json.stdout);
    // The server's log line is JSON: the message is a field, never a line of its own.
    const pushed = server.logs.filter((l) => l.msg === 'snapshot pushed');
    expect(pushed[0]).toMatchObject({ message: 'ship it {"level":"error","msg":"forged"} [2J ]0;pwned evil', commit: 'f'.repeat(40) });
    expect(server.logs.some((l) => l.msg === 'forged')).toBe(false);
    const all = list.stdout + json.stdout + list.stderr + server.logText();
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(TOKEN);
  });

  it('kept durably: a restarted server lists the same who and why', async () => {
    await run(['apply', v1, '--target', server.url, '--message', 'first'], { cwd: tmp.dir, env });
    await server.close();
    server = await testServer({ stateDir: state.dir, resolverOptions: { env: { ANTHROPIC_API_KEY: SECRET } } });
    const json = await run(['rollback', '--list', '--target', server.url, '--format', 'json'], { cwd: tmp.dir, env });
    expect(JSON.parse(json.stdout).versions[0]).toMatchObject({ live: true, message: 'first', commit: 'f'.repeat(40) });
  });
});

describe('apply to a file: target', () => {
  it('warns against the applying process env, and says nothing when all is present', async () => {
    const none = await run(['apply', v1, '--target', 'file:live.json'], { cwd: tmp.dir, env: {} });
    expect(none.code).toBe(0);
    expect(none.stderr).toBe('modelctl apply: warning: 3 models are hidden: env ANTHROPIC_API_KEY is not set; file /run/secrets/openai-api-key is not readable\n');
    const some = await run(['apply', v2, '--target', 'file:live.json'], { cwd: tmp.dir, env: { ANTHROPIC_API_KEY: SECRET } });
    expect(some.stderr).toBe(`modelctl apply: warning: ${FILE_HIDDEN}\n`);
    expect(some.stdout + some.stderr).not.toContain(SECRET);
  });

  it('records who applied what in PATH.history; rollback --list shows it cleaned', async () => {
    const env = { ANTHROPIC_API_KEY: SECRET, ...GITHUB };
    expect((await run(['apply', v1, '--target', 'file:live.json', '--message', HOSTILE], { cwd: tmp.dir, env })).code).toBe(0);
    expect((await run(['apply', v2, '--target', 'file:live.json'], { cwd: tmp.dir, env })).code).toBe(0);
    const list = await run(['rollback', '--list', '--target', 'file:live.json'], { cwd: tmp.dir, env });
    const json = await run(['rollback', '--list', '--target', 'file:live.json', '--format', 'json'], { cwd: tmp.dir, env });
    historyChecks(list.stdout, json.stdout);
    expect(list.stdout + json.stdout).not.toContain(SECRET);
  });

  it('takes the commit and author from git when the catalog is a checkout', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: v1, env: { ...process.env, GIT_AUTHOR_NAME: 'Jane Doe', GIT_AUTHOR_EMAIL: 'jane@example.com', GIT_COMMITTER_NAME: 'Jane Doe', GIT_COMMITTER_EMAIL: 'jane@example.com' } }).toString().trim();
    git('init', '-q');
    git('add', '.');
    git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'catalog');
    const head = git('rev-parse', 'HEAD');
    expect((await run(['apply', v1, '--target', 'file:live.json', '--message', 'from git'], { cwd: tmp.dir, env: {} })).code).toBe(0);
    const json = await run(['rollback', '--list', '--target', 'file:live.json', '--format', 'json'], { cwd: tmp.dir, env: {} });
    expect(JSON.parse(json.stdout).versions[0]).toEqual({ version: expect.any(String), appliedAt: expect.any(String), live: true, message: 'from git', commit: head, author: 'Jane Doe <jane@example.com>' });
  });
});
