// serve --follow as a command line: usage errors (exit 64) that never echo a
// password, and the Redis client loaded only for a Redis source.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../apply/cli-helpers.js';
import { tempDir } from './helpers.js';
import { distModules } from '../startup/fixtures/dist-modules.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function cwd(): Promise<string> {
  const t = await tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

describe('serve --follow usage errors exit 64 and show no password', () => {
  it.each([
    { args: ['--follow', 'ftp://alice:pw-secret-0001@primary:21'], words: /--follow must be redis:\/\/…, rediss:\/\/… or http\(s\):\/\/…, not 'ftp:\/\/\*\*\*@primary:21'/ },
    { args: ['--follow', 'primary:8787'], words: /--follow must be redis/ },
    { args: ['--follow', 'http://alice:pw-secret-0002@[::1'], words: /--follow is not a valid URL \(not shown/ },
    { args: ['--follow', 'redis://:pw-secret-0003@store:6379/0?key=has space'], words: /--follow: the Redis URL's key must be/ },
    { args: ['--follow', 'redis://:pw-secret-0004@store:6379/0?token=x'], words: /unknown parameter 'token'/ },
    { args: ['--follow', 'redis://:pw-secret-0005@store:99999/0'], words: /--follow: the Redis URL/ },
    { args: ['--follow-interval', '1s'], words: /--follow-interval needs --follow/ },
    { args: ['--redis-tls'], words: /--redis-tls needs --follow/ },
    { args: ['--follow', 'http://primary:8787', '--redis-tls'], words: /--redis-tls needs --follow redis/ },
    { args: ['--follow', 'redis://store:6379/0', '--follow-wait', '10s'], words: /--follow-wait applies to an http\(s\) source/ },
    { args: ['--follow', 'http://primary:8787', '--follow-interval', '0'], words: /--follow-interval must be a duration of at least 100ms/ },
    { args: ['--follow', 'http://primary:8787', '--follow-interval', 'soon'], words: /--follow-interval must be a duration/ },
    { args: ['--follow', 'http://primary:8787', '--follow-timeout', '5ms'], words: /--follow-timeout must be a duration of at least 100ms/ },
    { args: ['--follow', 'http://primary:8787', '--follow-wait', '0.5s'], words: /--follow-wait must be a duration of at least 1s/ },
    { args: ['--follow', 'http://primary:8787'], env: { HTTP_PROXY: 'http://bob:pw-secret-0006@[bad' }, words: /HTTP_PROXY is not a valid URL \(not shown/ },
  ].map((row) => ({ ...row, name: row.args.join(' ') })))('$name', async ({ args, words, env }) => {
    const res = await run(['serve', '--port', '0', ...args], { cwd: await cwd(), env: env ?? {} });
    expect(res.code).toBe(64);
    expect(res.stderr).toMatch(words);
    expect(res.stderr + res.stdout).not.toMatch(/pw-secret/);
  });
});

describe('the Redis client is loaded only for a Redis source', () => {
  const BIN = fileURLToPath(new URL('../../bin/modelctl.js', import.meta.url));
  const HOOK = fileURLToPath(new URL('../startup/fixtures/register-loads.mjs', import.meta.url));

  /** Starts serve with the module-load hook, stops it once it listens, returns the modules it loaded. */
  async function modulesOf(spec: string): Promise<string[]> {
    const dir = await cwd();
    const log = join(dir, 'loads.txt');
    await writeFile(log, '');
    const child = spawn(process.execPath, ['--import', HOOK, BIN, 'serve', '--port', '0', '--state-dir', join(dir, 'state'), '--follow', spec], {
      env: { PATH: process.env['PATH'] ?? '', MODELCTL_LOAD_LOG: log },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    const deadline = Date.now() + 60_000;
    while (!stderr.includes('"msg":"listening"')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // The exit code is not the point here (a SIGTERM right at 'listening' may beat the handler).
    child.kill('SIGTERM');
    await exited;
    return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  }

  it('not for an http(s) primary; for redis://, yes', async () => {
    // Nothing listens on these ports: the source fails, the server still starts.
    const [http, redis] = await Promise.all([modulesOf('http://127.0.0.1:9/'), modulesOf('redis://127.0.0.1:9/0')]);
    expect(distModules(http)).toContain('server/follow/http-source.js');
    expect(distModules(http).filter((m) => m.startsWith('redis/'))).toEqual([]);
    expect(http.filter((m) => m.includes('ioredis'))).toEqual([]);
    expect(distModules(redis)).toContain('redis/follow-source.js');
    expect(redis.some((m) => m.includes('/node_modules/ioredis/'))).toBe(true);
  }, 120_000);
});
