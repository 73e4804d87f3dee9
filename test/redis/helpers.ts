// Shared by the Redis tests: a raw ioredis client (to look at or tamper with
// what the store holds), and the real CLI as a child process, with every byte
// it prints to stdout and stderr.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

export const BIN = fileURLToPath(new URL('../../bin/modelctl.js', import.meta.url));

export function rawClient(port: number, password?: string): Redis {
  return new Redis({ host: '127.0.0.1', port, ...(password ? { password } : {}), lazyConnect: false, maxRetriesPerRequest: 1, retryStrategy: null });
}

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit (ms), for the report; never asserted as a speed. */
  ms: number;
}

export function spawnCli(argv: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // Only what the test gives (plus PATH): no REDIS_PASSWORD or token leaks in from the developer's shell.
    const child = spawn(process.execPath, [BIN, ...argv], { cwd: opts.cwd, env: { PATH: process.env['PATH'] ?? '', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}
