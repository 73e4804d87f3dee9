// CLI artifacts (plans, snapshots, keys) go through the one durable writer
// (src/io/durable-write.ts); '-' is stdout.
import { resolve } from 'node:path';
import { writeFileDurable } from '../io/durable-write.js';
import type { CliIO } from './io.js';

export async function writeOutput(io: CliIO, path: string, data: string, mode?: number): Promise<void> {
  if (path === '-') io.stdout.write(data);
  else await writeFileDurable(resolve(io.cwd, path), data, mode === undefined ? {} : { mode });
}
