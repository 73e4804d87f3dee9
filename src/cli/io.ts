// Streams and environment injected into every command, so tests run the CLI
// in-process and only bin/modelctl.js touches the real process.
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface LineWriterOptions {
  /**
   * A reader that stops reading (a stalled log shipper) leaves lines queued
   * in memory; past this many queued bytes, new lines are dropped instead, so
   * memory stays bounded. Default 1 MiB.
   */
  maxQueuedBytes?: number;
  /** The line that says how many lines were dropped, written before the next line once the reader has caught up. */
  droppedNote?: (count: number) => string;
  /** Told once, when the stream fails. */
  onFail?: () => void;
}

/**
 * Lines to `stream` for as long as it takes them. A server's logs go to a
 * pipe (a terminal, journald, a log shipper). When the reader goes away
 * (EPIPE), the stream fails, and a failure nobody handles would end the
 * process: a resolver must not stop answering because its logs cannot be
 * written. From the first failure on, lines are dropped. When the reader
 * only stalls, lines beyond `maxQueuedBytes` are dropped and counted.
 */
export function writerThatOutlivesItsReader(stream: OutputStream, opts: LineWriterOptions = {}): (line: string) => void {
  const maxQueued = opts.maxQueuedBytes ?? 1024 * 1024;
  let failed = false;
  let dropped = 0;
  const fail = () => {
    if (failed) return;
    failed = true;
    opts.onFail?.();
  };
  const emitter = stream as Partial<Pick<NodeJS.EventEmitter, 'on'>>;
  if (typeof emitter.on === 'function') emitter.on.call(stream, 'error', fail);
  const queued = () => (stream as { writableLength?: number }).writableLength ?? 0;
  return (line) => {
    if (failed) return;
    if (queued() > maxQueued) {
      dropped++;
      return;
    }
    try {
      if (dropped > 0 && opts.droppedNote) stream.write(opts.droppedNote(dropped));
      dropped = 0;
      stream.write(line);
    } catch {
      fail(); // a stream already destroyed may throw instead
    }
  };
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Read for a `-` path (validate, compile); default: process.stdin. */
  stdin?: AsyncIterable<Uint8Array | string>;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves when the command should stop (serve); default: SIGINT/SIGTERM. */
  signal?: AbortSignal;
  /** --color / --no-color, set by main(); wins over the environment. */
  color?: boolean;
}

export class UsageError extends Error {}

/** Resolves on io.signal, or on SIGINT / SIGTERM when no signal was injected. */
export function untilStopped(io: CliIO): Promise<string> {
  if (io.signal) {
    const signal = io.signal;
    return new Promise((done) => (signal.aborted ? done('abort') : signal.addEventListener('abort', () => done('abort'), { once: true })));
  }
  return new Promise((done) => {
    const stop = (name: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      done(name);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

/**
 * Whether to colour `stream`. In order: --color/--no-color, FORCE_COLOR (as
 * Node and chalk read it: set means on, unless it is 0 or false), NO_COLOR
 * (https://no-color.org: set and non-empty means off), TERM=dumb, then a TTY.
 * FORCE_COLOR before NO_COLOR follows Node's own order (tty.getColorDepth).
 */
export function useColor(io: CliIO, stream: OutputStream = io.stdout): boolean {
  if (io.color !== undefined) return io.color;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY) && io.env.TERM !== 'dumb';
}

/**
 * All of stdin as bytes, reading at most `max + 1` of them: the caller's size
 * check then reports a huge stream (or /dev/zero) instead of this buffering it.
 */
export async function readStdin(io: CliIO, max: number): Promise<Uint8Array> {
  const source = io.stdin ?? process.stdin;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    size += bytes.length;
    if (size > max) break;
  }
  return Buffer.concat(chunks).subarray(0, max + 1);
}
