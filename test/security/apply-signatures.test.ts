// Signature refusals exit 3 (refused, nothing changed) in every command:
// apply, rollback, verify, explain --snapshot --key, compile --sign-key.
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testServer, TOKEN, type TestServer } from '../server/helpers.js';
import { catalog, replaceIn, run, type Run } from '../apply/cli-helpers.js';

const SECRET = 'sk-ant-api03-signaturesecret00011';
const env = { ANTHROPIC_API_KEY: SECRET, OPENAI_API_KEY: SECRET, MODELCTL_ADMIN_TOKEN: TOKEN };
let tmp: { dir: string; remove: () => Promise<void> };
let v1: string;
let v2: string;
const all: Run[] = [];
const cli = async (...argv: string[]) => {
  const r = await run(argv, { cwd: tmp.dir, env });
  all.push(r);
  return r;
};

beforeEach(async () => {
  tmp = await tempDir();
  v1 = await catalog(tmp.dir, 'v1');
  v2 = await catalog(tmp.dir, 'v2', (root) => replaceIn(join(root, 'models/gpt-5.yaml'), 'order: 20', 'order: 25'));
  expect((await cli('keygen', '--out', 'a')).code).toBe(0);
  expect((await cli('keygen', '--out', 'b')).code).toBe(0);
  await writeFile(join(tmp.dir, 'garbage.key'), '-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n');
});
afterEach(async () => {
  const text = all.splice(0).map((r) => r.stdout + r.stderr).join('\n');
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(await readFile(join(tmp.dir, 'a.key'), 'utf8'));
  await tmp.remove();
});

describe('signature refusals exit 3', () => {
  it('compile --sign-key with an unusable key (garbage, a public key) writes nothing', async () => {
    for (const key of ['garbage.key', 'a.pub']) {
      const res = await cli('compile', v1, '-o', 'snap.json', '--sign-key', key);
      expect(res.code).toBe(3);
      expect(res.stderr).toContain(`cannot sign with ${key}`);
      await expect(access(join(tmp.dir, 'snap.json'))).rejects.toThrow();
    }
  });

  it('verify and explain --snapshot --key refuse a snapshot signed by another key, or unsigned', async () => {
    expect((await cli('compile', v1, '-o', 'signed.json', '--sign-key', 'a.key')).code).toBe(0);
    expect((await cli('compile', v1, '-o', 'plain.json')).code).toBe(0);
    expect((await cli('verify', 'signed.json', '--key', 'a.pub')).code).toBe(0);
    expect((await cli('verify', 'signed.json', '--key', 'b.pub')).code).toBe(3);
    const explain = (file: string, key: string) => cli('explain', '--snapshot', file, '--key', key, '--entry-point', 'cli', '--groups', 'eng');
    expect((await explain('signed.json', 'a.pub')).code).toBe(0);
    const other = await explain('signed.json', 'b.pub');
    expect(other.code).toBe(3);
    expect(other.stderr).toContain('refused: not signed by the --key');
    expect((await explain('plain.json', 'a.pub')).code).toBe(3);
    // Invalid content is not a signature matter: exit 1.
    await writeFile(join(tmp.dir, 'broken.json'), '{"snapshot": {}, "signature": {}}');
    expect((await explain('broken.json', 'a.pub')).code).toBe(1);
    expect((await cli('explain', '--key', 'a.pub', '--entry-point', 'cli')).code).toBe(64);
  });

  it('apply --sign-key with an unusable key changes nothing', async () => {
    const live = join(tmp.dir, 'live.json');
    const res = await cli('apply', v1, '--target', `file:${live}`, '--sign-key', 'garbage.key');
    expect(res.code).toBe(3);
    await expect(access(live)).rejects.toThrow();
  });

  describe('against a server with a verify key', () => {
    let server: TestServer;
    let state: { dir: string; remove: () => Promise<void> };
    beforeEach(async () => {
      state = await tempDir();
    });
    afterEach(async () => {
      await server?.close();
      await state.remove();
    });

    it('apply signed by another key, and rollback to a kept version the key no longer accepts', async () => {
      server = await testServer({ stateDir: state.dir, verifyKey: await readFile(join(tmp.dir, 'a.pub'), 'utf8') });
      expect((await cli('apply', v1, '--target', server.url, '--sign-key', 'b.key')).code).toBe(3);
      expect((await cli('apply', v1, '--target', server.url, '--sign-key', 'a.key')).code).toBe(0);
      const second = await cli('apply', v2, '--target', server.url, '--sign-key', 'a.key');
      expect(second.code).toBe(0);
      const first = second.stdout.match(/rollback --to (sha256:[0-9a-f]{64})/)![1]!;
      await server.close();
      // The same state, now trusting only key b: the kept versions no longer verify.
      server = await testServer({ stateDir: state.dir, verifyKey: await readFile(join(tmp.dir, 'b.pub'), 'utf8') });
      const back = await cli('rollback', '--to', first, '--target', server.url);
      expect(back.code).toBe(3);
      expect(back.stderr).toContain('the target refused');
    });
  });
});
