// TLS to Redis: rediss:// and --redis-tls reach a TLS-only redis-server
// whose certificate the process trusts (NODE_EXTRA_CA_CERTS, as in
// production with a private CA); an untrusted certificate or a plain
// redis:// to a TLS port fails clearly, without hanging. Certificates are
// made with openssl for this run.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { catalog } from '../apply/cli-helpers.js';
import { tempDir } from '../server/helpers.js';
import { describeRedis, startRedis, type RedisServer } from '../support/redis-server.js';
import { spawnCli } from './helpers.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const OPENSSL = hasOpenssl();
if (!OPENSSL) console.warn('\n!!! SKIPPED the Redis TLS tests: openssl is not installed to make a test certificate. They did NOT run.\n');

describeRedis('Redis over TLS', () => {
  let redis: RedisServer;
  let tmp: { dir: string; remove: () => Promise<void> };
  let v1: string;
  let ca: string;
  const env = () => ({ NODE_EXTRA_CA_CERTS: ca });

  beforeAll(async () => {
    if (!OPENSSL) return;
    tmp = await tempDir();
    ca = join(tmp.dir, 'cert.pem');
    const key = join(tmp.dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', ca, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    redis = await startRedis({ tls: { certFile: ca, keyFile: key } });
    v1 = await catalog(tmp.dir, 'v1');
  });
  afterAll(async () => {
    await redis?.close();
    await tmp?.remove();
  });

  it.skipIf(!OPENSSL)('applies over rediss:// and plans over redis:// --redis-tls', { timeout: 60_000 }, async () => {
    const port = redis.port;
    const applied = await spawnCli(['apply', v1, '--target', `rediss://127.0.0.1:${port}/0?key=tls`], { cwd: tmp.dir, env: env() });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`Applied: rediss://127.0.0.1:${port}/0?key=tls is now at sha256:`);
    const planned = await spawnCli(['plan', v1, '--target', `redis://127.0.0.1:${port}/0?key=tls`, '--redis-tls', '--detailed-exitcode'], { cwd: tmp.dir, env: env() });
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toMatch(/^No changes\./);
  });

  it.skipIf(!OPENSSL)('refuses an untrusted certificate, and a plain connection to a TLS port, clearly and without hanging', { timeout: 90_000 }, async () => {
    const port = redis.port;
    const untrusted = await spawnCli(['plan', v1, '--target', `rediss://127.0.0.1:${port}/0?key=tls`], { cwd: tmp.dir });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain(`cannot reach Redis at rediss://127.0.0.1:${port}/0?key=tls (3 attempts): self-signed certificate (to trust a private CA: NODE_EXTRA_CA_CERTS=/path/to/ca.pem)`);
    const plain = await spawnCli(['plan', v1, '--target', `redis://127.0.0.1:${port}/0?key=tls`], { cwd: tmp.dir, env: env() });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(`cannot reach Redis at redis://127.0.0.1:${port}/0?key=tls (3 attempts):`);
    expect(plain.stderr).toContain('(if that port speaks TLS, use rediss:// or --redis-tls)');
    for (const r of [untrusted, plain]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
