// plan and apply read the live state while the catalog loads (one round trip
// and the server's work hidden behind the load). What that must not change:
// an invalid catalog still ends the command at once with its diagnostics,
// whatever the target does (a read left running would hold the exit back for
// a retry's wait or a request's timeout), and --expect-version still sends
// nothing, not even a read, before the version is checked.
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../server/helpers.js';
import { catalog, replaceIn, run } from './cli-helpers.js';

let tmp: { dir: string; remove: () => Promise<void> };
let invalid: string;
let valid: string;

// The Redis target loads its client on first use; loaded here, so that its connect starts while the catalog loads, as in a warm process.
beforeAll(async () => {
  await Promise.all([import('../../src/redis/client.js'), import('../../src/redis/store.js')]);
});

beforeEach(async () => {
  tmp = await tempDir();
  invalid = await catalog(tmp.dir, 'invalid', (root) => replaceIn(join(root, 'models', 'gpt-5.yaml'), 'order: 20', 'order: twenty'));
  valid = await catalog(tmp.dir, 'valid');
});
afterEach(() => tmp.remove());

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
}

/** A target that takes connections and never answers; it records each socket and when it closed. */
async function silentTarget() {
  const sockets: { socket: Socket; closed: boolean }[] = [];
  const server = createTcpServer((socket) => {
    const entry = { socket, closed: false };
    sockets.push(entry);
    socket.on('data', () => undefined);
    socket.on('close', () => (entry.closed = true));
  });
  const url = await listen(server);
  return {
    url,
    sockets,
    close: () => {
      for (const s of sockets) s.socket.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<string> {
  const server = createTcpServer();
  const url = await listen(server);
  await new Promise<void>((r) => server.close(() => r()));
  return url;
}

describe('an invalid catalog', () => {
  for (const command of ['plan', 'apply']) {
    // Each silent target's own wait is longer than the test's: a read left to run on would fail it.
    const silent = [
      // http: the request's 30 s timeout.
      { kind: 'an http', timeout: 20_000, target: (url: string) => url, env: { MODELCTL_ADMIN_TOKEN: 'read-while-loading-token' } },
      // redis://: the handshake's 3 s timeout.
      { kind: 'a redis://', timeout: 2500, target: (url: string) => `${url.replace('http:', 'redis:')}/0?key=modelctl`, env: { REDIS_PASSWORD: 'read-while-loading-token' } },
    ];
    for (const { kind, timeout, target: spec, env } of silent) {
      it(`${command}: exits 1 with its diagnostics against ${kind} target that never answers, and abandons the read`, { timeout }, async () => {
        const target = await silentTarget();
        try {
          const res = await run([command, invalid, '--target', spec(target.url)], { cwd: tmp.dir, env });
          expect(res.code).toBe(1);
          expect(res.stderr).toMatch(/models\/gpt-5\.yaml:\d+:\d+/);
          expect(res.stderr).toContain('twenty');
          expect(res.stderr).not.toContain('read-while-loading-token');
          // The read did start (while the catalog loaded), and was dropped: its connection is gone.
          await expect.poll(() => target.sockets.length).toBeGreaterThan(0);
          await expect.poll(() => target.sockets.every((s) => s.closed)).toBe(true);
        } finally {
          await target.close();
        }
      });
    }

    it(`${command}: reports the catalog, not the unreachable target`, async () => {
      const res = await run([command, invalid, '--target', await closedPort()], { cwd: tmp.dir, env: {} });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('twenty');
      expect(res.stderr).not.toContain('ECONNREFUSED');
    });
  }

  it('a valid catalog still reports the unreachable target (exit 1)', async () => {
    const res = await run(['plan', valid, '--target', await closedPort()], { cwd: tmp.dir, env: {} });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('ECONNREFUSED');
  });
});

describe('--expect-version', () => {
  it('sends nothing at all, not even the read, when the version is not the reviewed one', async () => {
    const seen: string[] = [];
    const server = createHttpServer((req: IncomingMessage, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    const url = await listen(server);
    try {
      const res = await run(['apply', valid, '--target', url, '--expect-version', `sha256:${'a'.repeat(64)}`], { cwd: tmp.dir, env: {} });
      expect(res.code).toBe(3);
      expect(res.stderr).toContain('nothing sent');
      expect(seen).toEqual([]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
