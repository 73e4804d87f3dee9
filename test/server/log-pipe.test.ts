// A server's logs go to a pipe (journald, a log shipper, a terminal). When
// the reader goes away, writing a log line fails with EPIPE; unhandled, that
// ended the process, and the resolver with it. `modelctl serve` keeps
// answering, and keeps its snapshot, with nobody reading its logs. A reader
// that only stalls left every line queued in memory, without end; past a
// bound, lines are now dropped and counted.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { Pool } from 'undici';
import { writerThatOutlivesItsReader } from '../../src/cli/io.js';
import { canonicalJson } from '../../src/runtime/canonical.js';
import { baseSnapshot } from '../plan/fixtures.js';
import { call, put, tempDir, TOKEN } from './helpers.js';

const BIN = fileURLToPath(new URL('../../bin/modelctl.js', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/**
 * A real `modelctl serve --access-log` process (a log line for every request)
 * with its stderr piped here; resolves once it listens. `stderr()` is all it
 * has logged while the pipe was read.
 */
async function serveWithPipedLogs(): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const tmp = await tempDir();
  cleanups.push(tmp.remove);
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--state-dir', tmp.dir, '--access-log'], { env: { ...process.env, MODELCTL_ADMIN_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited(child);
  });
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log += c));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', () => {
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(log);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
  });
  return { child, url, stderr: () => log };
}

describe('modelctl serve with nobody reading its logs', () => {
  it('goes on answering, pushes included, after its stderr pipe is closed', async () => {
    const { child, url } = await serveWithPipedLogs();
    // The reader goes away.
    child.stderr!.destroy();
    child.stdout!.destroy();

    const pushed = await put(url, canonicalJson(baseSnapshot()), { 'if-none-match': '*' });
    expect(pushed.status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const status = await call(url, 'GET', '/v1/status');
      expect(status.status).toBe(200);
      expect(status.json().version).toBe(pushed.json().version);
    }
    expect(child.exitCode).toBe(null);
    // And it still stops cleanly when asked.
    child.kill('SIGTERM');
    await exited(child);
    expect(child.exitCode).toBe(0);
  });
});

describe('modelctl serve with a log reader that stalls', () => {
  it('drops log lines past its bound instead of queueing them without end, and says how many once read again', { timeout: 60_000 }, async () => {
    const { child, url, stderr } = await serveWithPipedLogs();
    // The reader stalls: the pipe fills (64 KiB), then the server's own queue up to its bound (1 MiB).
    child.stderr!.pause();
    const pool = new Pool(url, { connections: 16, pipelining: 1 });
    try {
      // ~12,000 access-log lines of ~130 bytes: well past both.
      for (let sent = 0; sent < 12_000; sent += 200) {
        await Promise.all(Array.from({ length: 200 }, async () => {
          const res = await pool.request({ method: 'GET', path: '/healthz' });
          await res.body.dump();
          expect(res.statusCode).toBe(200);
        }));
      }
      // Read again; the next line after the backlog is preceded by the count of lines dropped.
      const before = stderr().length;
      const log = () => stderr().slice(before);
      child.stderr!.resume();
      await expect.poll(() => log().split('\n').length, { timeout: 10_000 }).toBeGreaterThan(100);
      await (await pool.request({ method: 'GET', path: '/healthz' })).body.dump();
      const note = () => /"msg":"log lines dropped: stderr was not being read","count":(\d+)/.exec(log())?.[1];
      await expect.poll(note, { timeout: 10_000 }).toBeDefined();
      expect(Number(note())).toBeGreaterThan(1000);
      expect(stderr()).not.toContain(TOKEN);
    } finally {
      await pool.close();
    }
  });
});

describe('writerThatOutlivesItsReader', () => {
  it('writes lines until the stream fails, then drops them, telling once', () => {
    const stream = new PassThrough();
    const got: string[] = [];
    stream.on('data', (c) => got.push(String(c)));
    let told = 0;
    const write = writerThatOutlivesItsReader(stream, { onFail: () => told++ });
    write('one\n');
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    write('two\n');
    stream.emit('error', new Error('again'));
    expect(got).toEqual(['one\n']);
    expect(told).toBe(1);
  });

  it('drops lines to a stream whose write throws', () => {
    let calls = 0;
    let told = 0;
    const write = writerThatOutlivesItsReader(
      {
        write: () => {
          calls++;
          throw new Error('destroyed');
        },
      },
      { onFail: () => told++ },
    );
    write('a\n');
    write('b\n');
    expect(calls).toBe(1);
    expect(told).toBe(1);
  });

  it('keeps memory bounded when the reader stalls: lines past the bound are dropped, counted, and said once it reads again', async () => {
    // A reader that does not read: the stream queues what is written.
    const stream = new PassThrough({ highWaterMark: 64 });
    const write = writerThatOutlivesItsReader(stream, { maxQueuedBytes: 1000, droppedNote: (n) => `dropped ${n}\n` });
    const line = 'x'.repeat(99) + '\n';
    for (let i = 0; i < 200; i++) write(line);
    // 20,000 bytes were offered; what is queued stays near the bound.
    expect(stream.writableLength + stream.readableLength).toBeLessThan(1000 + 64 + 2 * line.length);
    // The reader catches up; the next line is preceded by the count of those dropped.
    let read = '';
    stream.on('data', (c) => (read += String(c)));
    await new Promise((r) => setImmediate(r));
    write('after\n');
    await new Promise((r) => setImmediate(r));
    const lines = read.split('\n').filter(Boolean);
    const kept = lines.filter((l) => l === line.trim()).length;
    const note = lines.find((l) => l.startsWith('dropped '));
    expect(note).toBeDefined();
    expect(kept + Number(note!.split(' ')[1])).toBe(200);
    expect(lines.slice(-2)).toEqual([note, 'after']);
  });
});
