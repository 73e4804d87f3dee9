// --format json for apply, rollback, verify and explain: stdout is exactly one
// JSON document for every outcome, the exit codes stay those of §7, and no
// planted secret reaches stdout or stderr. Also --fail-on, and explain's exit 1
// for a refused resolve.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testServer, TOKEN, type TestServer } from '../server/helpers.js';
import { run, type Captured } from './capture.js';
import { WARNING_ONLY } from '../formats/fixtures.js';

const QUICKSTART = fileURLToPath(new URL('../../examples/quickstart', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TIERS = 'examples/tiers-and-groups';
const CREDENTIAL = 'sk-ant-api03-JSONplantedCredential00000042';
const PASS = 'planted-url-pass-5772';

let tmp: string;
let v1: string;
let v2: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'modelctl-json-'));
  v1 = join(tmp, 'v1');
  v2 = join(tmp, 'v2');
  await cp(QUICKSTART, v1, { recursive: true });
  await cp(QUICKSTART, v2, { recursive: true });
  await rm(join(v2, 'models', 'gpt-5.yaml'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** stdout is one JSON document and nothing else. */
function only(out: Captured): Record<string, any> {
  expect(out.stdout.trimEnd().split('\n')[0]).toBe('{');
  return JSON.parse(out.stdout) as Record<string, any>;
}

function clean(...outs: Captured[]): void {
  for (const o of outs) for (const s of [CREDENTIAL, PASS, TOKEN]) expect(o.stdout + o.stderr).not.toContain(s);
}

describe('apply --format json', () => {
  let live: string;
  beforeEach(async () => {
    live = join(await mkdtemp(join(tmp, 'live-')), 'live.json');
  });

  it('applied, then no-changes: one object on stdout, words on stderr', async () => {
    const first = await run(['apply', v1, '--target', `file:${live}`, '--format', 'json'], tmp);
    expect(first.code).toBe(0);
    const doc = only(first);
    expect(doc).toMatchObject({ status: 'applied', target: `file:${live}`, previous: null, formatVersion: 1, base: null });
    expect(doc.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(doc.desired.version).toBe(doc.version);
    expect(doc.summary.create).toBeGreaterThan(0);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['changes', 'impact']));
    expect(first.stderr).toContain('Applied:');

    const again = await run(['apply', v1, '--target', `file:${live}`, '--format', 'json'], tmp);
    expect(again.code).toBe(0);
    expect(only(again)).toEqual({ status: 'no-changes', version: doc.version, target: `file:${live}` });
  });

  it('refusals are objects too, with exit 3: guarded, unexpected-version, stale', async () => {
    expect((await run(['apply', v1, '--target', `file:${live}`], tmp)).code).toBe(0);
    const guarded = await run(['apply', v2, '--target', `file:${live}`, '--format', 'json'], tmp);
    expect(guarded.code).toBe(3);
    expect(only(guarded)).toMatchObject({ status: 'guarded', addresses: ['model/gpt-5'], summary: { delete: 1 } });
    expect(guarded.stderr).toContain('Disable before delete');

    const wrong = 'sha256:' + '0'.repeat(64);
    const unexpected = await run(['apply', v1, '--target', `file:${live}`, '--format', 'json', '--expect-version', wrong], tmp);
    expect(unexpected.code).toBe(3);
    expect(only(unexpected)).toMatchObject({ status: 'unexpected-version', expected: wrong });

    const planFile = join(tmp, 'plan-stale.json');
    expect((await run(['plan', v2, '--target', `file:${live}`, '--out', planFile], tmp)).code).toBe(0);
    await writeFile(join(v1, 'extra.yaml'), 'apiVersion: modelctl/v1\nkind: Group\nname: extra\n');
    try {
      expect((await run(['apply', v1, '--target', `file:${live}`], tmp)).code).toBe(0);
    } finally {
      await rm(join(v1, 'extra.yaml'));
    }
    const stale = await run(['apply', planFile, '--target', `file:${live}`, '--format', 'json', '--allow-destroy'], tmp);
    expect(stale.code).toBe(3);
    expect(only(stale)).toMatchObject({ status: 'stale' });
  });

  it('a failure before any outcome prints no JSON: invalid catalog exit 1, bad format 64', async () => {
    const bad = join(tmp, 'bad');
    await cp(QUICKSTART, bad, { recursive: true });
    await writeFile(join(bad, 'leak.yaml'), `apiVersion: modelctl/v1\nkind: Provider\nname: leak\ntype: anthropic\ncredentials:\n  default: ${CREDENTIAL}\n`);
    const out = await run(['apply', bad, '--target', `file:${live}`, '--format', 'json'], tmp);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('secret-literal');
    clean(out);
    expect((await run(['apply', v1, '--target', `file:${live}`, '--format', 'xml'], tmp)).code).toBe(64);
  });
});

describe('rollback --format json', () => {
  it('planned, rolled-back (with undo), listed, no-changes: each one object', async () => {
    const live = join(await mkdtemp(join(tmp, 'rb-')), 'live.json');
    const target = `file:${live}`;
    const first = only(await run(['apply', v1, '--target', target, '--format', 'json'], tmp)).version as string;
    await writeFile(join(v1, 'extra.yaml'), 'apiVersion: modelctl/v1\nkind: Group\nname: extra\n');
    let second: string;
    try {
      second = only(await run(['apply', v1, '--target', target, '--format', 'json'], tmp)).version as string;
    } finally {
      await rm(join(v1, 'extra.yaml'));
    }

    const dry = await run(['rollback', '--to', first, '--target', target, '--dry-run', '--format', 'json'], tmp);
    expect(dry.code).toBe(0);
    expect(only(dry)).toMatchObject({ status: 'planned', target, summary: { delete: 1 }, desired: { version: first } });

    const done = await run(['rollback', '--to', first.slice(0, 16), '--target', target, '--format', 'json'], tmp);
    expect(done.code).toBe(0);
    expect(only(done)).toMatchObject({ status: 'rolled-back', version: first, previous: second, undo: `modelctl rollback --to ${second} --target ${target}` });

    const list = await run(['rollback', '--list', '--target', target, '--format', 'json'], tmp);
    const listed = only(list);
    expect(listed.status).toBe('listed');
    // The rollback is kept as an entry of its own.
    expect(new Set(listed.versions.map((v: { version: string }) => v.version))).toEqual(new Set([first, second]));
    expect(listed.versions.filter((v: { live: boolean }) => v.live)).toEqual([expect.objectContaining({ version: first })]);

    const same = await run(['rollback', '--to', first, '--target', target, '--format', 'json'], tmp);
    expect(only(same)).toEqual({ status: 'no-changes', version: first, target });
  });
});

describe('apply / rollback --format json against a server: the token and URL password stay out', () => {
  let server: TestServer;
  let state: string;
  beforeEach(async () => {
    state = await mkdtemp(join(tmp, 'state-'));
    server = await testServer({ stateDir: state });
  });
  afterEach(async () => {
    await server.close();
    await rm(state, { recursive: true, force: true });
  });

  it('refused without the token (exit 3, reason unauthorized); applied with it; rollback list', async () => {
    const url = server.url.replace('://', `://admin:${PASS}@`);
    const refused = await run(['apply', v1, '--target', url, '--format', 'json'], tmp, {});
    expect(refused.code).toBe(3);
    expect(only(refused)).toMatchObject({ status: 'refused', reason: 'unauthorized' });
    expect(only(refused).target).toBe(url.replace(`admin:${PASS}`, '***'));
    const env = { MODELCTL_ADMIN_TOKEN: TOKEN };
    const applied = await run(['apply', v1, '--target', url, '--format', 'json'], tmp, env);
    expect(applied.code).toBe(0);
    expect(only(applied).status).toBe('applied');
    const list = await run(['rollback', '--list', '--target', url, '--format', 'json'], tmp, env);
    expect(only(list).versions).toHaveLength(1);
    clean(refused, applied, list);
  });
});

describe('verify --format json', () => {
  it('valid (0), wrong key (3, signature), damaged content (3, invalid); a missing file prints no JSON (1)', async () => {
    const dir = await mkdtemp(join(tmp, 'keys-'));
    expect((await run(['keygen', '--out', join(dir, 'a')], tmp)).code).toBe(0);
    expect((await run(['keygen', '--out', join(dir, 'b')], tmp)).code).toBe(0);
    const snap = join(dir, 'signed.json');
    expect((await run(['compile', v1, '-o', snap, '--sign-key', join(dir, 'a.key')], tmp)).code).toBe(0);

    const ok = await run(['verify', snap, '--key', join(dir, 'a.pub'), '--format', 'json'], tmp);
    expect(ok.code).toBe(0);
    expect(only(ok)).toMatchObject({ file: snap, status: 'valid', version: expect.stringMatching(/^sha256:/) });

    const wrongKey = await run(['verify', snap, '--key', join(dir, 'b.pub'), '--format', 'json'], tmp);
    expect(wrongKey.code).toBe(3);
    expect(only(wrongKey)).toMatchObject({ status: 'refused', reason: 'signature' });

    const damaged = join(dir, 'damaged.json');
    await writeFile(damaged, (await readFile(snap, 'utf8')).replace('"snapshot"', '"snapshto"'));
    const invalid = await run(['verify', damaged, '--key', join(dir, 'a.pub'), '--format', 'json'], tmp);
    expect(invalid.code).toBe(3);
    expect(only(invalid)).toMatchObject({ status: 'refused', reason: 'invalid' });

    const missing = await run(['verify', join(dir, 'nope.json'), '--key', join(dir, 'a.pub'), '--format', 'json'], tmp);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect((await run(['verify', snap, '--key', join(dir, 'a.pub'), '--format', 'yaml'], tmp)).code).toBe(64);
    const keyText = await readFile(join(dir, 'a.key'), 'utf8');
    for (const o of [ok, wrongKey, invalid, missing]) expect(o.stdout + o.stderr).not.toContain(keyText.split('\n')[1]!);
  });
});

describe('explain: exit 1 when the resolve asked for is refused', () => {
  const base = ['explain', TIERS, '--entry-point', 'desktop'];

  it('0 for a resolve that succeeds, and for no resolve at all', async () => {
    expect((await run([...base, '--groups', 'eng', '--tier', 'general-ultimate'], ROOT)).code).toBe(0);
    expect((await run([...base, '--groups', 'contractors'], ROOT)).code).toBe(0);
  });

  it('1 for not-available and model-not-found, in text and json, with the answer still printed', async () => {
    const text = await run([...base, '--groups', 'contractors', '--tier', 'general-ultimate'], ROOT);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/resolve: [a-z-]+: /);
    const json = await run([...base, '--groups', 'contractors', '--tier', 'general-ultimate', '--format', 'json'], ROOT);
    expect(json.code).toBe(1);
    expect(only(json).result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/not-available|model-not-found/) } });
    const unknown = await run([...base, '--groups', 'eng', '--model', 'no-such-model', '--format', 'json'], ROOT);
    expect(unknown.code).toBe(1);
    expect(only(unknown).result.error.code).toBe('model-not-found');
  });

  it('usage errors stay 64; an invalid catalog 1 without a leaked credential', async () => {
    expect((await run([...base, '--model', 'a', '--tier', 'b'], ROOT)).code).toBe(64);
    expect((await run([...base, '--format', 'yaml'], ROOT)).code).toBe(64);
    const bad = join(tmp, 'bad-explain');
    await cp(QUICKSTART, bad, { recursive: true });
    await writeFile(join(bad, 'leak.yaml'), `apiVersion: modelctl/v1\nkind: Provider\nname: leak\ntype: anthropic\ncredentials:\n  default: ${CREDENTIAL}\n`);
    const out = await run(['explain', bad, '--entry-point', 'desktop', '--format', 'json'], tmp);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    clean(out);
  });
});

describe('--fail-on', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmp, 'warn-'));
    await writeFile(join(dir, 'catalog.yaml'), WARNING_ONLY);
  });

  it('validate: warnings pass by default and with error; fail with warning', async () => {
    expect((await run(['validate', '.'], dir)).code).toBe(0);
    expect((await run(['validate', '.', '--fail-on', 'error'], dir)).code).toBe(0);
    const strict = await run(['validate', '.', '--fail-on', 'warning', '--format', 'json'], dir);
    expect(strict.code).toBe(1);
    expect(only(strict)).toMatchObject({ valid: true, warningCount: 1 });
    expect((await run(['validate', 'examples/quickstart', '--fail-on', 'warning'], ROOT)).code).toBe(0);
  });

  it('compile: with warning, a warning fails the compile, prints on stdout, writes nothing', async () => {
    const out = await run(['compile', '.', '-o', 'snap.json', '--fail-on', 'warning'], dir);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('internal-model-without-task');
    await expect(readFile(join(dir, 'snap.json'))).rejects.toThrow();
    const lax = await run(['compile', '.', '-o', 'snap.json'], dir);
    expect(lax.code).toBe(0);
    expect(lax.stderr).toContain('internal-model-without-task');
  });

  it('anything else is a usage error', async () => {
    for (const argv of [['validate', '.', '--fail-on', 'info'], ['compile', '.', '-o', 'x.json', '--fail-on', 'warnings']]) {
      const out = await run(argv, dir);
      expect(out.code).toBe(64);
      expect(out.stderr).toContain('--fail-on must be one of: error, warning');
    }
  });
});

describe('--help documents the machine formats', () => {
  it.each([
    ['apply', /--format FORMAT +text \(default\) or json: stdout holds one object for every outcome/],
    ['rollback', /or json: stdout holds one\s+object for every outcome/],
    ['verify', /\{ file, status: "valid", version \}/],
    ['explain', /result is the resolve answer/],
    ['validate', /sarif \(SARIF 2\.1\.0, for code scanning\)/],
    ['compile', /--fail-on LEVEL/],
  ])('%s --help', async (name, pattern) => {
    const out = await run([name, '--help'], ROOT);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(pattern);
  });
});
