// Whether credential files are present: a regular file (symlinks followed)
// this process may open for reading. Contents are never read.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';

async function readable(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The paths among `paths` this process can read. */
export async function readableFiles(paths: readonly string[]): Promise<Set<string>> {
  const checks = await Promise.all(paths.map(async (p) => ((await readable(p)) ? p : null)));
  return new Set(checks.filter((p): p is string => p !== null));
}
