// A server's logs go to a pipe (journald, a log shipper, a terminal). When
// the reader goes away, writing a log line fails with EPIPE; unhandled, that
// ended the process, and the resolver with it. `modelctl serve` keeps
// answering, and keeps its snapshot, with nobody reading its logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
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

describe('modelctl serve with nobody reading its logs', () => {
  it('goes on answering, pushes included, after its stderr pipe is closed', async () => {
    const tmp = await tempDir();
    cleanups.push(tmp.remove);
    // --access-log: a line for every request, so every request below writes to the closed pipe.
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--state-dir', tmp.dir, '--access-log'], { env: { ...process.env, MODELCTL_ADMIN_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(async () => {
      child.kill('SIGKILL');
      await exited(child);
    });
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (c) => {
        err += c;
        const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(err);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
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

describe('writerThatOutlivesItsReader', () => {
  it('writes lines until the stream fails, then drops them, telling once', () => {
    const stream = new PassThrough();
    const got: string[] = [];
    stream.on('data', (c) => got.push(String(c)));
    let told = 0;
    const write = writerThatOutlivesItsReader(stream, () => told++);
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
      () => told++,
    );
    write('a\n');
    write('b\n');
    expect(calls).toBe(1);
    expect(told).toBe(1);
  });
});
