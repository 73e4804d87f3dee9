// How far two byte arrays run the same, compared natively a chunk at a time
// (Buffer.compare over ranges: no view made per chunk) before narrowing down
// byte by byte. Shared by the check by difference (delta.ts) and the patches
// a replica fetches instead of a whole document (patch.ts).
import { asBuffer } from '../io/buffers.js';

/** Compared natively this many bytes at a time before narrowing down. */
const CHUNK = 4096;

/** How many bytes from a[ai…] and b[bi…] are the same, at most `max`. */
export function sameForward(a: Uint8Array, ai: number, b: Uint8Array, bi: number, max: number): number {
  const x = asBuffer(a);
  let k = 0;
  while (k + CHUNK <= max && x.compare(b, bi + k, bi + k + CHUNK, ai + k, ai + k + CHUNK) === 0) k += CHUNK;
  while (k < max && a[ai + k] === b[bi + k]) k++;
  return k;
}

/** How many bytes ending at a[aEnd) and b[bEnd) are the same, at most `max`. */
export function sameBackward(a: Uint8Array, aEnd: number, b: Uint8Array, bEnd: number, max: number): number {
  const x = asBuffer(a);
  let k = 0;
  while (k + CHUNK <= max && x.compare(b, bEnd - k - CHUNK, bEnd - k, aEnd - k - CHUNK, aEnd - k) === 0) k += CHUNK;
  while (k < max && a[aEnd - k - 1] === b[bEnd - k - 1]) k++;
  return k;
}
