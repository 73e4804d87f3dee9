// `{ file: PATH }` credentials, checked where the server runs. The runtime
// asks a synchronous fileExists(path) (it has no file system of its own);
// here, at the IO edge, every distinct path the snapshot routes through is
// checked once with stat (a regular file) and fs.access(R_OK) before the
// resolver is built: a file counts as present only if this process could
// read it. Contents are never read; only paths reach the log.
import { readableFiles } from '../io/readable-files.js';
import { credentialFiles, type ResolverOptions, type Snapshot } from '../runtime/index.js';
import type { ServerContext } from './context.js';

export { readableFiles };

/** ctx.resolverOptions, with fileExists answered from the file system unless the caller supplied one. */
export async function resolverOptionsFor(ctx: ServerContext, snapshot: Snapshot): Promise<ResolverOptions> {
  if (ctx.resolverOptions.fileExists) return ctx.resolverOptions;
  const paths = credentialFiles(snapshot);
  if (paths.length === 0) return ctx.resolverOptions;
  // Missing files are reported once per swap, with what they hide (commit.ts), and in /v1/status.
  const readable = await readableFiles(paths);
  return { ...ctx.resolverOptions, fileExists: (path) => readable.has(path) };
}
