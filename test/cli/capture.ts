// An injected CliIO whose streams are strings, for running main() in-process.
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(argv: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: false },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: false },
    env,
    cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
