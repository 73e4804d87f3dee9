// The one way modelctl writes a file: the live state, kept versions, the
// server's store, plans, snapshots, keys. A reader (or a restart after
// SIGKILL or power loss) sees the old file or the new one, never a part.
//
// - The temp file is created exclusively ('wx' + O_NOFOLLOW) under a random
//   name in the target's directory, so no one can pre-plant a symlink or
//   file there for us to write through.
// - It is created with the final mode and fchmod'ed to it, so a private key
//   is 0600 whatever the umask.
// - The destination must be absent or a regular file: a symlink, FIFO,
//   device or directory there is refused and left untouched (checked before
//   writing and again just before the rename; rename never follows a link).
// - File and directory are fsynced.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files start with this; a directory owner may sweep them after a crash. */
export const TEMP_PREFIX = '.tmp-';

export class UnsafePathError extends Error {}

export interface DurableWriteOptions {
  /** Final permission bits; default 0o644. */
  mode?: number;
}

function kindOf(info: import('node:fs').Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Throws UnsafePathError unless `path` is absent or a regular file (not followed if a link). */
export async function assertWritableTarget(path: string): Promise<void> {
  const info = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (info && !info.isFile()) throw new UnsafePathError(`refusing to write ${path}: it is ${kindOf(info)}, not a regular file`);
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (err) {
    // Some platforms (Windows, some network filesystems) cannot fsync a directory.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR' && code !== 'EBADF') throw err;
  } finally {
    await handle.close();
  }
}

/** `data` may come in pieces (a 73 MB snapshot is written as it is made, never held whole). */
export async function writeFileDurable(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>, opts: DurableWriteOptions | number = {}): Promise<void> {
  const mode = typeof opts === 'number' ? opts : (opts.mode ?? 0o644);
  await assertWritableTarget(path);
  const dir = dirname(path);
  const tmp = join(dir, `${TEMP_PREFIX}${basename(path)}-${randomBytes(8).toString('hex')}`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(tmp, flags, mode);
  try {
    await handle.chmod(mode);
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else for (const piece of data) await handle.writeFile(piece);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    // Again, as late as possible: something may have been put there meanwhile.
    await assertWritableTarget(path);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}
