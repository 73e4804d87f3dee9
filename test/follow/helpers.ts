// Real `modelctl serve` processes (bin/modelctl.js, which runs dist/) for the
// fleet tests: primaries and replicas on 127.0.0.1, their stderr kept for
// the secret checks, and bounded waits for a fleet to converge.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import type { Snapshot } from '../../src/generated/types.js';
import { edit } from '../plan/fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/modelctl.js', import.meta.url));

export const ADMIN = 'follow-admin-token-5f0e8c1d2b3a';
export const GATEWAY = 'follow-gateway-token-9e8d7c6b5a41';
/** The credential the fixture's anthropic models need, so resolve answers ok. */
export const CREDENTIALS = { ANTHROPIC_API_KEY: 'sk-ant-follow-test-value-0c1d' };
/** A resolve every version of the fixture answers (claude-sonnet for eng on the CLI). */
export const RESOLVE = JSON.stringify({ entryPoint: 'cli', groups: ['eng'], model: 'claude-sonnet' });

export interface ServerProcess {
  url: string;
  port: number;
  stateDir: string;
  stderr(): string;
  /** SIGKILL: no shutdown, no flush. */
  kill(): Promise<void>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
  readonly running: boolean;
}

const procs = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of procs) p.kill('SIGKILL');
});

export async function tempDir(prefix = 'modelctl-follow-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** `modelctl serve --port PORT --state-dir DIR ...args`; resolves once it logs that it listens. */
export async function serve(stateDir: string, args: string[], env: Record<string, string> = {}, port = 0): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--state-dir', stateDir, ...args], {
    env: { PATH: process.env['PATH'] ?? '', MODELCTL_ADMIN_TOKEN: ADMIN, ...CREDENTIALS, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  procs.add(child);
  let stderr = '';
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      procs.delete(child);
      resolve(code);
    }),
  );
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // Generous: on a shared 2-core machine, ten node processes starting at once can take a while.
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (!url) {
    const line = stderr.split('\n').find((l) => l.includes('"msg":"listening"'));
    if (line) url = (JSON.parse(line) as { url: string }).url;
    else if (exited || Date.now() > deadline) throw new Error(`serve ${args.join(' ')} did not start (${exited ? 'it exited' : 'timed out'}): ${stderr.slice(-2000)}`);
    else await sleep(20);
  }
  return {
    url,
    port: Number(new URL(url).port),
    stateDir,
    stderr: () => stderr,
    get running() {
      return !exited;
    },
    kill: async () => {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      return exit;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
}

export async function call(url: string, method: 'GET' | 'PUT' | 'POST' | 'HEAD', path: string, opts: { body?: string; headers?: Record<string, string>; token?: string } = {}): Promise<Reply> {
  const headers = { ...opts.headers, ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) };
  const res = await request(url + path, { method, headers, body: opts.body, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

export const status = async (url: string): Promise<any> => (await call(url, 'GET', '/v1/status')).json();

/** Polls `check` until it is true; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet (a server starting, a connection refused)
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Whether the server serves `version`: a conditional GET of the snapshot answered 304. */
export async function serves(url: string, version: string): Promise<boolean> {
  const res = await call(url, 'GET', '/v1/snapshot', { headers: { 'if-none-match': `"${version}"` } });
  return res.status === 304;
}

/**
 * Waits until every server serves `version`, over each one's own long poll
 * (GET /v1/snapshot?wait= answers as soon as its live version changes), so
 * watching costs the fleet one request per change rather than a busy poll.
 */
export async function converge(urls: readonly string[], version: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    urls.map(async (url) => {
      let seen: string | null = null;
      for (;;) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${url} to serve ${version} (it serves ${seen})`);
        const wait = Math.max(1, Math.min(5, Math.floor(left / 1000)));
        const res = await call(url, 'GET', `/v1/snapshot?wait=${wait}`, { headers: seen ? { 'if-none-match': `"${seen}"` } : {} });
        const tag = String(res.headers['etag'] ?? '').replace(/"/g, '');
        if (tag === version) return;
        if (res.status !== 304) seen = tag || null;
        if (res.status === 404) await sleep(25);
      }
    }),
  );
}

/** The i-th distinct version of the fixture: its price moves with i. */
export function nth(base: Snapshot, i: number): Snapshot {
  return edit(base, (d) => {
    d.models['claude-sonnet']!.pricing = { input: 3 + i, output: 15 };
  });
}

/**
 * A steady stream of POST /v1/resolve against `urls` (round robin, a few in
 * flight), counting answers that are not 200 with ok: true.
 */
export function resolveLoop(urls: readonly string[], concurrency = 4): { stop: () => Promise<{ ok: number; errors: string[] }> } {
  let running = true;
  let ok = 0;
  const errors: string[] = [];
  let next = 0;
  const worker = async () => {
    while (running) {
      const url = urls[next++ % urls.length]!;
      try {
        const res = await call(url, 'POST', '/v1/resolve', { body: RESOLVE, headers: { 'content-type': 'application/json' } });
        if (res.status === 200 && res.json().ok === true) ok++;
        else errors.push(`${url}: ${res.status} ${res.text.slice(0, 200)}`);
      } catch (err) {
        errors.push(`${url}: ${(err as Error).message}`);
      }
      await sleep(5);
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return { ok, errors };
    },
  };
}
