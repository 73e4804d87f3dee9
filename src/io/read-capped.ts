// Reading a file the user named (a snapshot, a plan, a key) with a size cap:
// only regular files, and never more than `maxBytes` in memory. /dev/zero,
// a FIFO or a 10 GB file is a clear error, not a hang or an OOM kill.
import { constants } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';

/** Default cap: far above any real snapshot (10,000 models ≈ 15 MB) or plan. */
export const DEFAULT_MAX_READ_BYTES = 256 * 1024 * 1024;
/** Cap for key files (PEM is a few hundred bytes). */
export const MAX_KEY_BYTES = 64 * 1024;

export class ReadRefusedError extends Error {}

/** A size in words for a message: `12.3 MiB` from a mebibyte up, `512 bytes` below. */
export const byteSize = (n: number): string => (n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MiB` : `${n} bytes`);

export async function readFileCapped(path: string, maxBytes = DEFAULT_MAX_READ_BYTES): Promise<string> {
  // stat first (following links: a link to a regular file is fine), so a
  // FIFO is refused before open() could block on it.
  const info = await stat(path);
  if (!info.isFile()) throw new ReadRefusedError(`${path} is not a regular file`);
  // O_NONBLOCK: if a FIFO was swapped in since the stat, open returns at once
  // and the fstat below refuses it.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    // A file replaced by rename since the stat (how every durable writer,
    // ours included, updates a live file) is read as it now is: refusing it
    // made a reader racing an apply fail. Only what is not a regular file
    // is refused. The size is checked here, on the file actually opened.
    const now = await handle.stat();
    if (!now.isFile()) throw new ReadRefusedError(`${path} changed while being opened: it is no longer a regular file`);
    if (now.size > maxBytes) throw new ReadRefusedError(`${path} is ${byteSize(now.size)}, over the ${byteSize(maxBytes)} limit`);
    // Read at most maxBytes + 1: the file may have grown since the stat.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(1024 * 1024, maxBytes + 1 - total);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buf, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > maxBytes) throw new ReadRefusedError(`${path} is over the ${byteSize(maxBytes)} limit`);
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** A small state file (a lock, a serial mark): its text, or null when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
