// A lock file for compare-and-swap across processes (terraform-style).
//
// Taking it: the owner record is written to a randomly named temp file
// first, then hard-linked to PATH.lock. link() fails with EEXIST when the
// lock exists, so exactly one process wins, and a lock is never seen empty
// or half-written (a kill between the two steps leaves only a temp file).
//
// The owner is { id, pid, host, boot, start, at }. A lock held on this host
// by a process that is gone (no such pid, or the pid now belongs to a
// process that started at another time, or the machine rebooted) is stale
// and taken over. A lock from another host is never guessed at: it is
// reported with its id, and `--force-unlock ID` removes it (only if the id
// matches). An empty or unreadable lock cannot come from this writer, so it
// is debris and is taken over too.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { readTextIfExists } from '../io/read-capped.js';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

export interface LockOptions {
  /** Give up waiting for a live holder after this long (ms). */
  timeoutMs?: number;
}

export interface LockOwner {
  id: string;
  pid: number;
  host: string;
  /** Linux boot id: a lock from before a reboot is stale. */
  boot?: string;
  /** Process start time (Linux: /proc/<pid>/stat field 22), so a reused pid is not the owner. */
  start?: string;
  at: string;
}

/** The lock is held by a live process, or by one on another host; nothing was changed. */
export class LockHeldError extends Error {
  constructor(
    readonly path: string,
    readonly owner: LockOwner,
  ) {
    const where = owner.host === hostname() ? `pid ${owner.pid} on this host` : `pid ${owner.pid} on host ${owner.host}`;
    super(`${path} is held by modelctl (${where}, since ${owner.at}), lock ID ${owner.id}`);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

const bootId = (): string | undefined => readProc('/proc/sys/kernel/random/boot_id')?.trim();

/** Start time of a process in clock ticks since boot (Linux), undefined elsewhere or when gone. */
export function processStart(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // Field 2 (comm) may hold spaces and parentheses: count from the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return rest[22 - 3];
}

function me(): LockOwner {
  const owner: LockOwner = { id: randomUUID(), pid: process.pid, host: hostname(), at: new Date().toISOString() };
  const boot = bootId();
  const start = processStart(process.pid);
  if (boot) owner.boot = boot;
  if (start) owner.start = start;
  return owner;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the owner (on this host) is certainly gone. */
function ownerGone(owner: LockOwner): boolean {
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return true;
  if (!pidAlive(owner.pid)) return true;
  if (owner.start !== undefined) {
    const start = processStart(owner.pid);
    if (start !== undefined && start !== owner.start) return true;
  }
  return false;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || typeof o.host !== 'string') return null;
    return { id: typeof o.id === 'string' ? o.id : '(none)', pid: o.pid, host: o.host, at: typeof o.at === 'string' ? o.at : '?', ...(o.boot ? { boot: o.boot } : {}), ...(o.start ? { start: o.start } : {}) };
  } catch {
    return null;
  }
}

/** The lock's current content: null when there is none, 'debris' when empty or unreadable. */
export async function readLock(path: string): Promise<LockOwner | 'debris' | null> {
  const text = await readTextIfExists(path);
  return text === null ? null : (parseOwner(text) ?? 'debris');
}

/**
 * Removes the lock only if it is still the one judged (same content): it is
 * moved aside atomically first, so a lock someone else just took is put back
 * rather than deleted.
 */
async function removeIf(path: string, judged: string | null): Promise<boolean> {
  const aside = join(dirname(path), `.${basename(path)}.removed-${randomBytes(6).toString('hex')}`);
  try {
    await rename(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  const text = await readFile(aside, 'utf8').catch(() => '');
  const same = judged === null ? parseOwner(text) === null : text === judged;
  if (!same) await link(aside, path).catch(() => undefined);
  await rm(aside, { force: true });
  return same;
}

/** Tries once: true when the lock is now ours. */
async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  await writeFile(tmp, JSON.stringify(owner) + '\n', { flag: 'wx', mode: 0o644 });
  try {
    await link(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}

export async function withLock<T>(path: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  const owner = me();
  for (;;) {
    if (await tryCreate(path, owner)) break;
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) continue; // released meanwhile
    const held = parseOwner(text);
    if (held === null || (held.host === hostname() && ownerGone(held))) {
      await removeIf(path, held === null ? null : text);
      continue;
    }
    if (Date.now() > deadline) throw new LockHeldError(path, held);
    await sleep(5 + Math.random() * 25);
  }
  try {
    return await fn();
  } finally {
    // Only our own lock: after a --force-unlock someone else may hold it now.
    const current = await readLock(path).catch(() => null);
    if (current !== null && current !== 'debris' && current.id === owner.id) await removeIf(path, JSON.stringify(owner) + '\n');
  }
}

export type ForceUnlockResult = { status: 'removed'; owner: LockOwner } | { status: 'mismatch'; owner: LockOwner | 'debris' } | { status: 'none' };

/** terraform force-unlock: removes the lock only when its id is `id`. */
export async function forceUnlock(path: string, id: string): Promise<ForceUnlockResult> {
  const text = await readTextIfExists(path);
  if (text === null) return { status: 'none' };
  const owner = parseOwner(text);
  if (owner === null || owner.id !== id) return { status: 'mismatch', owner: owner ?? 'debris' };
  return (await removeIf(path, text)) ? { status: 'removed', owner } : { status: 'none' };
}
