// Atomic file output for CLI artifacts: temp file, fsync, rename; '-' is stdout.
import { open, rename, unlink } from 'node:fs/promises';
import { dirname, basename, join, resolve } from 'node:path';
import type { CliIO } from './io.js';

export async function writeFileAtomic(path: string, data: string, mode = 0o644): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

export async function writeOutput(io: CliIO, path: string, data: string, mode?: number): Promise<void> {
  if (path === '-') io.stdout.write(data);
  else await writeFileAtomic(resolve(io.cwd, path), data, mode);
}
