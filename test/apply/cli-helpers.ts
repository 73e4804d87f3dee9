// Running the CLI in-process through main(argv, io) with captured streams,
// and catalog directories made from examples/quickstart.
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const QUICKSTART = fileURLToPath(new URL('../../examples/quickstart', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(argv: string[], opts: { cwd: string; env?: Record<string, string | undefined>; signal?: AbortSignal; tty?: boolean }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => void (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => void (stderr += s), isTTY: false },
    env: opts.env ?? {},
    cwd: opts.cwd,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { code, stdout, stderr };
}

/** A copy of the quickstart catalog under `dir/name`, optionally edited. */
export async function catalog(dir: string, name: string, edit?: (root: string) => Promise<void>): Promise<string> {
  const root = join(dir, name);
  await cp(QUICKSTART, root, { recursive: true });
  await rm(join(root, 'README.md'), { force: true });
  if (edit) await edit(root);
  return root;
}

export async function replaceIn(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no '${from}'`);
  await writeFile(file, text.replace(from, to));
}
