// A real redis-server for tests: 127.0.0.1 on a free port, its data in a
// temp dir (no RDB snapshots on a timer, no AOF), answering PING before
// startRedis() resolves. stop() and start() take it down and bring it back
// on the SAME port with the data it had (SHUTDOWN SAVE, then reload the dump),
// as a Redis restart in production would; kill() is a crash (SIGKILL, data
// since the last stop lost). Tests that need it use describeRedis(), which
// skips LOUDLY when redis-server is not installed (.ci/run installs it).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';

/** The redis-server binary: $REDIS_SERVER, else the first on PATH, else /usr/bin; null when there is none. */
export const REDIS_SERVER_BIN: string | null = findBinary();

function findBinary(): string | null {
  const candidates = [process.env['REDIS_SERVER'], ...(process.env['PATH'] ?? '').split(delimiter).map((d) => d && join(d, 'redis-server')), '/usr/bin/redis-server'];
  for (const c of candidates) {
    if (!c) continue;
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * describe() for tests that need a real Redis: skipped with a loud warning
 * (never silently) when redis-server is not installed.
 */
export function describeRedis(name: string, fn: () => void): void {
  if (!REDIS_SERVER_BIN) {
    console.warn(
      `\n!!! SKIPPED "${name}": redis-server is not installed (apt-get install redis-server; .ci/run does it when it can). ` +
        'These tests cover the Redis target and fleet follow; they did NOT run.\n',
    );
  }
  describe.skipIf(!REDIS_SERVER_BIN)(name, fn);
}

export interface StartRedisOptions {
  /** Runs it with --requirepass; clients must AUTH. */
  password?: string;
  /** TLS only (no plain port), with this certificate and key (PEM files); clients need not present one. */
  tls?: { certFile: string; keyFile: string };
}

export interface RedisServer {
  /** redis://127.0.0.1:PORT, or rediss:// with tls (no password in it; add one yourself when testing credentials). */
  readonly url: string;
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly password: string | undefined;
  /** Whether the process is up now. */
  readonly running: boolean;
  /** Takes it down cleanly, saving its data for start(). Safe to call when already stopped. */
  stop(): Promise<void>;
  /** Brings it back on the same port with the data it had when stopped; resolves once it answers PING. */
  start(): Promise<void>;
  /** stop() then start(). */
  restart(): Promise<void>;
  /** A crash: SIGKILL, nothing saved. start() brings it back with the data of the last stop() (or none). */
  kill(): Promise<void>;
  /** Stops it for good and removes its data dir. */
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
const dirs = new Set<string>();
// A test run that dies must not leave redis-servers behind.
process.once('exit', () => {
  for (const p of live) p.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A socket to the server, TLS when it speaks TLS (the harness trusts any certificate: it only pings and stops). */
function dial(port: number, tls: boolean): Socket {
  return tls ? tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }) : connect({ host: '127.0.0.1', port });
}

/** One RESP command on a fresh socket; resolves with the first reply line. */
function command(port: number, tls: boolean, args: string[], timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = dial(port, tls);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error('timed out'));
    }, timeoutMs);
    let buf = '';
    sock.setEncoding('utf8');
    sock.on(tls ? 'secureConnect' : 'connect', () => sock.write(`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')));
    sock.on('data', (d: string) => {
      buf += d;
      const end = buf.indexOf('\r\n');
      if (end >= 0) {
        clearTimeout(timer);
        sock.destroy();
        resolve(buf.slice(0, end));
      }
    });
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    sock.on('close', () => {
      clearTimeout(timer);
      reject(new Error('connection closed'));
    });
  });
}

/** Whether something answering like Redis listens on `port` (+PONG, or -NOAUTH under requirepass). */
async function answers(port: number, tls: boolean): Promise<boolean> {
  try {
    const line = await command(port, tls, ['PING'], 500);
    return line === '+PONG' || line.startsWith('-NOAUTH');
  } catch {
    return false;
  }
}

export async function startRedis(opts: StartRedisOptions = {}): Promise<RedisServer> {
  if (!REDIS_SERVER_BIN) throw new Error('redis-server is not installed (use describeRedis to skip loudly)');
  const bin = REDIS_SERVER_BIN;
  const dir = mkdtempSync(join(tmpdir(), 'modelctl-redis-'));
  dirs.add(dir);
  let port = 0;
  let proc: ChildProcess | null = null;

  const launch = async (): Promise<void> => {
    const listen = opts.tls
      ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', opts.tls.certFile, '--tls-key-file', opts.tls.keyFile, '--tls-auth-clients', 'no']
      : ['--port', String(port)];
    const args = ['--bind', '127.0.0.1', ...listen, '--dir', dir, '--dbfilename', 'dump.rdb', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning', '--logfile', ''];
    if (opts.password) args.push('--requirepass', opts.password);
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d).length > 4000 && (stderr = stderr.slice(-4000)));
    live.add(child);
    let exited = false;
    child.once('exit', () => {
      exited = true;
      live.delete(child);
    });
    const deadline = Date.now() + 10_000;
    while (!(await answers(port, !!opts.tls))) {
      if (exited || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start on 127.0.0.1:${port}${exited ? ' (it exited)' : ' (no PING answer in 10 s)'}: ${stderr.trim().slice(-500)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    proc = child;
  };

  const exitOf = (child: ChildProcess): Promise<void> =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

  const stop = async (): Promise<void> => {
    const child = proc;
    if (!child) return;
    proc = null;
    const exited = exitOf(child);
    // AUTH and SHUTDOWN share one connection under requirepass.
    await shutdownSave(port, !!opts.tls, opts.password);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    if (child.exitCode === null && child.signalCode === null) {
      // SHUTDOWN closes the connection without a reply; give it a moment, then insist.
      const quick = setTimeout(() => child.kill('SIGTERM'), 2000);
      await exited;
      clearTimeout(quick);
    }
    clearTimeout(timer);
  };

  const start = async (): Promise<void> => {
    if (proc) return;
    // The same port again: retry briefly in case the old socket lingers.
    let lastErr: unknown;
    for (let i = 0; i < 5; i++) {
      try {
        return await launch();
      } catch (err) {
        lastErr = err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw lastErr;
  };

  // A free port can be taken between our probe and redis binding it: try a few.
  let lastErr: unknown;
  for (let attempt = 0; attempt < 5 && !proc; attempt++) {
    port = await freePort();
    try {
      await launch();
    } catch (err) {
      lastErr = err;
    }
  }
  if (!proc) {
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
    throw lastErr;
  }

  return {
    url: `${opts.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    password: opts.password,
    get running() {
      return proc !== null;
    },
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    kill: async () => {
      const child = proc;
      if (!child) return;
      proc = null;
      const exited = exitOf(child);
      child.kill('SIGKILL');
      await exited;
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
      dirs.delete(dir);
    },
  };
}

/** AUTH (when needed) and SHUTDOWN SAVE on one connection; Redis closes it as it exits. */
function shutdownSave(port: number, tls: boolean, password: string | undefined): Promise<void> {
  const cmds: string[][] = [];
  if (password) cmds.push(['AUTH', password]);
  cmds.push(['SHUTDOWN', 'SAVE']);
  const wire = cmds.map((args) => `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')).join('');
  return new Promise((resolve) => {
    const sock = dial(port, tls);
    const done = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve();
    };
    const timer = setTimeout(done, 3000);
    sock.on(tls ? 'secureConnect' : 'connect', () => sock.write(wire));
    sock.on('error', done);
    sock.on('close', done);
  });
}
