// The stat-keyed fast check of `--cache DIR` (as git's index and eslint's
// cache do it): a file whose size, mtime, ctime and inode are what they were
// when its bytes were hashed is taken as unchanged without being read.
//
// The racy case (git's "racily clean" entries): a file written within the
// timestamp granularity of the moment it was hashed could be written again
// with the same size and the same timestamps. Such a stat is recorded as not
// to be trusted, and the file is re-read and re-hashed on the next run (which
// then records it trusted, once it is old enough). RACY_SLACK covers
// filesystems that keep seconds (ext3, HFS+) or two seconds (FAT), and the
// kernel's coarse clock stamping a file a tick behind the wall clock.
import { statSync } from 'node:fs';

//
// Timestamps are kept as the milliseconds Node gives (a double: sub-microsecond
// at today's dates), not as bigint nanoseconds: a bigint stat costs a third
// more per file in Node 20 (it builds four Date objects), and with the racy
// rule above no later write can land within a microsecond of a trusted stamp.

export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export const RACY_SLACK_MS = 3000;

/** The wall clock, taken before any file of a run is looked at. */
export function scanStart(): number {
  return Date.now();
}

/** The file's stat, or undefined when it cannot be taken (the read that follows reports why). */
export function statFile(absolute: string): FileStat | undefined {
  try {
    const s = statSync(absolute, { throwIfNoEntry: false });
    if (!s || !s.isFile()) return undefined;
    return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
  } catch {
    return undefined;
  }
}

export function sameStat(a: FileStat, b: FileStat): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/**
 * Whether a stat taken in a run that started at `start` may be trusted next
 * time: only when the file's timestamps are older than that start by more than
 * the granularity, so any later write must move them.
 */
export function trustworthy(stat: FileStat, start: number): boolean {
  const limit = start - RACY_SLACK_MS;
  return stat.mtimeMs < limit && stat.ctimeMs < limit;
}

/** The fast check: the recorded stat matches and was recorded trustworthy. Otherwise the file is read and hashed. */
export function unchangedByStat(recorded: FileStat & { racy?: boolean }, now: FileStat | undefined): boolean {
  return now !== undefined && !recorded.racy && sameStat(recorded, now);
}
