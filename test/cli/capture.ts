// An injected CliIO whose streams are strings, for running main() in-process.
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** What a `-` path reads; default: an empty stream (never the real process.stdin). */
  stdin?: string | Uint8Array | AsyncIterable<Uint8Array | string>;
  /** Whether stdout and stderr claim to be terminals. */
  tty?: boolean;
}

async function* once(chunk: string | Uint8Array): AsyncIterable<Uint8Array | string> {
  yield chunk;
}

export async function run(argv: readonly string[], cwd: string, env: Record<string, string | undefined> = {}, opts: RunOptions = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const stdin = opts.stdin === undefined ? once('') : typeof opts.stdin === 'string' || opts.stdin instanceof Uint8Array ? once(opts.stdin) : opts.stdin;
  const io: CliIO = {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: opts.tty ?? false },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: opts.tty ?? false },
    stdin,
    env,
    cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
