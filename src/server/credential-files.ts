// `{ file: PATH }` credentials, checked where the server runs. The runtime
// asks a synchronous fileExists(path) (it has no file system of its own);
// here, at the IO edge, every distinct path the snapshot routes through is
// checked once with stat (a regular file) and fs.access(R_OK) before the
// resolver is built: a file counts as present only if this process could
// read it. Contents are never read; only paths reach the log.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { ResolverOptions, Snapshot } from '../runtime/index.js';
import type { ServerContext } from './context.js';

function credentialFiles(snapshot: Snapshot): string[] {
  const paths = new Set<string>();
  for (const name in snapshot.models) {
    for (const source of snapshot.models[name]?.sources ?? []) if ('file' in source.credential) paths.add(source.credential.file);
  }
  return [...paths];
}

/** Whether `path` is a regular file (symlinks followed) this process may open for reading. */
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

/** ctx.resolverOptions, with fileExists answered from the file system unless the caller supplied one. */
export async function resolverOptionsFor(ctx: ServerContext, snapshot: Snapshot): Promise<ResolverOptions> {
  if (ctx.resolverOptions.fileExists) return ctx.resolverOptions;
  const paths = credentialFiles(snapshot);
  if (paths.length === 0) return ctx.resolverOptions;
  const readable = await readableFiles(paths);
  const missing = paths.filter((p) => !readable.has(p));
  if (missing.length) ctx.log({ level: 'warn', msg: 'credential files not readable: their sources are not routed', files: missing.slice(0, 20), count: missing.length });
  return { ...ctx.resolverOptions, fileExists: (path) => readable.has(path) };
}
