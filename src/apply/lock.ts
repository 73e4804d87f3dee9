// A lock file for compare-and-swap across processes. `open(path, 'wx')` fails
// when the file exists, so exactly one process can create it: that process
// holds the lock until it removes the file.
import { hostname } from 'node:os';
import { open, readFile, rm, stat } from 'node:fs/promises';

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock older than this whose owner cannot be checked is treated as abandoned (ms). */
  staleMs?: number;
}

interface Owner {
  pid: number;
  host: string;
  at: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Abandoned: its owner on this host is dead, or it is older than staleMs. */
async function abandoned(path: string, staleMs: number): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const owner = JSON.parse(text) as Partial<Owner>;
    if (owner.host === hostname() && typeof owner.pid === 'number' && !alive(owner.pid)) return true;
    return Date.now() - info.mtimeMs > staleMs;
  } catch {
    // Unreadable or half-written: only its age can tell.
    const info = await stat(path).catch(() => null);
    return info !== null && Date.now() - info.mtimeMs > staleMs;
  }
}

export async function withLock<T>(path: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const staleMs = opts.staleMs ?? 10 * 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o644);
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() } satisfies Owner));
      } finally {
        await handle.close();
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (await abandoned(path, staleMs)) {
        await rm(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${path} is held by another process; if no modelctl is running, remove it`);
      await sleep(5 + Math.random() * 25);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}
