// A file read again for a code frame or a position, long after it was parsed:
// only if it is still byte for byte what was parsed (size and sha256), so a
// position is never computed from, nor a frame drawn from, different text
// (which might hold a secret the first read did not).
import { hash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/types.js';
import type { SourceFile } from './parse.js';

export class FileChangedError extends Error {}

/** sha256 of `bytes`, base64: what a re-read is checked against (and what the --cache keys by). */
export function digestOf(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'base64');
}

/**
 * A function that reads `file` again through `read` and returns its bytes when
 * they are the ones `digest` was taken of; otherwise it throws FileChangedError.
 */
export function rereader(file: string, digest: string, read: () => SourceFile | Diagnostic): () => Uint8Array {
  return () => {
    const again = read();
    const bytes = 'code' in again ? undefined : again.bytes;
    if (!bytes || digestOf(bytes) !== digest) throw new FileChangedError(`${file} changed while modelctl was reading it; nothing is reported from the changed file: run again`);
    return bytes;
  };
}

/**
 * The source with a `reload` that reads the file again, checked unchanged, so
 * its bytes need not be kept. (Its own function: a closure made next to one
 * that holds `read` would share that scope and keep the bytes alive.)
 */
export function rereadable(read: SourceFile, bytes: Uint8Array, reload: () => Uint8Array): SourceFile {
  return {
    file: read.file,
    get text() {
      return read.text;
    },
    bytes,
    reload,
  };
}
