// Streams and environment injected into every command, so tests run the CLI
// in-process and only bin/modelctl.js touches the real process.
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves when the command should stop (serve); default: SIGINT/SIGTERM. */
  signal?: AbortSignal;
}

export class UsageError extends Error {}

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: CliIO, stream: OutputStream = io.stdout): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '') && io.env.TERM !== 'dumb';
}
