// A bad --verify-key stops `serve` before it listens, with exit 64 and a
// message that never contains key material: a private key, an RSA key, an
// X25519 key, garbage, a missing file. startServer refuses the same keys.
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKeys } from '../../src/compile/sign.js';
import { startServer } from '../../src/server/index.js';
import { run } from '../apply/cli-helpers.js';
import { tempDir, TOKEN } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ed = generateSigningKeys();
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const x25519 = generateKeyPairSync('x25519');
const pem = (k: { export(o: object): string | Buffer }, type: 'spki' | 'pkcs8') => k.export({ type, format: 'pem' }).toString();

/** Lines of base64 inside a PEM: none may appear in any output. */
const material = (text: string) => text.split('\n').filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l));

const cases: [string, string, RegExp][] = [
  ['an Ed25519 private key', ed.privateKeyPem, /is a private key/],
  ['an RSA public key', pem(rsa.publicKey, 'spki'), /is of type rsa, not Ed25519/],
  ['an RSA private key', pem(rsa.privateKey, 'pkcs8'), /is a private key/],
  ['an X25519 public key', pem(x25519.publicKey, 'spki'), /is of type x25519, not Ed25519/],
  ['garbage', 'not a key at all\nc2VjcmV0LWxvb2tpbmctYmFzZTY0LWxpbmU=\n', /is not a PEM public key/],
  ['a truncated PEM', ed.publicKeyPem.slice(0, 60), /is not a PEM public key/],
];

describe('modelctl serve --verify-key', () => {
  for (const [name, text, message] of cases) {
    it(`exits 64 before listening for ${name}, without printing it`, async () => {
      const t = await tempDir();
      cleanups.push(t.remove);
      await writeFile(join(t.dir, 'key.pem'), text);
      const res = await run(['serve', '--port', '0', '--verify-key', 'key.pem'], { cwd: t.dir, env: { MODELCTL_ADMIN_TOKEN: TOKEN } });
      expect(res.code).toBe(64);
      expect(res.stderr).toMatch(message);
      expect(res.stderr).not.toContain('"msg":"listening"');
      const output = res.stdout + res.stderr;
      for (const line of material(text)) expect(output).not.toContain(line);
      expect(output).not.toContain(TOKEN);
    });
  }

  it('exits 64 for a missing file, naming the path', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const res = await run(['serve', '--port', '0', '--verify-key', 'nope.pub'], { cwd: t.dir, env: {} });
    expect(res.code).toBe(64);
    expect(res.stderr).toMatch(/--verify-key nope\.pub: cannot read the file \(ENOENT\)/);
    expect(res.stderr).not.toContain('"msg":"listening"');
  });

  it('exits 64 when the admin token is also a gateway token', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const res = await run(['serve', '--port', '0'], { cwd: t.dir, env: { MODELCTL_ADMIN_TOKEN: 'shared-secret-71c9', MODELCTL_GATEWAY_TOKEN: 'gw-1,shared-secret-71c9' } });
    expect(res.code).toBe(64);
    expect(res.stderr).toMatch(/different tokens/);
    expect(res.stderr).not.toContain('shared-secret-71c9');
    expect(res.stderr).not.toContain('gw-1');
  });
});

describe('startServer verifyKey', () => {
  for (const [name, text, message] of cases) {
    it(`rejects ${name}`, async () => {
      const logs: unknown[] = [];
      await expect(startServer({ host: '127.0.0.1', port: 0, verifyKey: text, log: (e) => void logs.push(e) })).rejects.toThrow(message);
      expect(logs).toEqual([]);
    });
  }
});
