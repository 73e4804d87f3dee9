// The directory listing readCatalogFiles needs when no ignore pattern applies
// (no --exclude, no .modelctlignore): what fast-glob's `**/*` lists with
// dot: false, links not followed and `**/node_modules/**` ignored, from a
// plain walk. Loading fast-glob and its ~40 modules cost more than the rest of
// `modelctl validate` on a small catalog; it is still used for patterns.
// test/startup/walk.test.ts compares the two on trees with dot names,
// node_modules, links (to files, folders, nothing) and nested folders.
import { readdirSync, type Dirent } from 'node:fs';
import { join, normalize, sep } from 'node:path';

export interface WalkEntry {
  path: string;
  name: string;
  dirent: Dirent;
}

/**
 * Every entry under `dir` (absolute), depth first, links listed but not
 * followed, no name starting with '.' and nothing named node_modules (nor
 * anything under either). A folder that vanishes mid-walk is skipped, as
 * fast-glob skips it; any other read error is thrown, as fast-glob throws it.
 */
export function walkEntries(dir: string, out: WalkEntry[] = []): WalkEntry[] {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw err;
  }
  // A normalised absolute folder: a child's path is a plain concatenation, what join gives (join was a tenth of listing 10,000 files).
  const plain = sep === '/' && dir.startsWith('/') && !dir.endsWith('/') && normalize(dir) === dir;
  for (const dirent of dirents) {
    if (dirent.name.startsWith('.') || dirent.name === 'node_modules') continue;
    const path = plain ? `${dir}/${dirent.name}` : join(dir, dirent.name);
    out.push({ path, name: dirent.name, dirent });
    if (dirent.isDirectory()) walkEntries(path, out);
  }
  return out;
}
