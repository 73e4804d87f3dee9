// A message body gathered chunk by chunk, up to a limit. With a declared
// length (Content-Length) the chunks are copied into one buffer of that size
// as they arrive: gathering them and concatenating at the end copies the
// whole body in one go, and on a VM where fresh memory is slow to touch a
// 15 MB Buffer.concat stalls the event loop ~60 ms (a 1.5 MB one ~6 ms), in
// the middle of the requests a server or a replica is answering. Used by the
// server for pushes, by a replica for the snapshot it follows, and by apply's
// http target for every answer (readBodyCapped).

/** Below this a body is small enough to concatenate: one buffer of its size would gain nothing. */
const DIRECT_FROM = 64 * 1024;

export class BodyCollector {
  private into: Buffer | null;
  private readonly chunks: Buffer[] = [];
  private size = 0;

  /**
   * `declared`: the length the sender announced (NaN when none). `allocate`
   * makes the buffer for it (the server uses shared memory, so its verify
   * worker reads a large push where it is).
   */
  constructor(
    private readonly limit: number,
    declared: number,
    allocate: (size: number) => Buffer = (size) => Buffer.allocUnsafe(size),
  ) {
    this.into = Number.isSafeInteger(declared) && declared > DIRECT_FROM && declared <= limit ? allocate(declared) : null;
  }

  /** Takes a chunk; false once the body has passed the limit (what was gathered is dropped). */
  add(chunk: Buffer): boolean {
    if (this.size + chunk.length > this.limit) {
      this.into = null;
      this.chunks.length = 0;
      return false;
    }
    if (this.into && this.size + chunk.length <= this.into.length) chunk.copy(this.into, this.size);
    else {
      // More than declared (node:http and undici refuse that; kept safe anyway): go on in chunks.
      if (this.into) this.chunks.push(this.into.subarray(0, this.size));
      this.into = null;
      this.chunks.push(chunk);
    }
    this.size += chunk.length;
    return true;
  }

  /** The body so far: exactly the bytes added, whether fewer or more than declared. */
  bytes(): Buffer {
    if (this.into) return this.into.subarray(0, this.size);
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
  }
}

/** A response body as undici gives it: chunks to iterate, and a way to stop the transfer. */
export interface BodyStream extends AsyncIterable<Uint8Array> {
  destroy(): unknown;
}

/** The body's bytes, or null past `max` (the transfer is stopped there); `declared`: its Content-Length, NaN when none. */
export async function readBodyCapped(body: BodyStream, max: number, declared = Number.NaN): Promise<Buffer | null> {
  const collected = new BodyCollector(max, declared);
  for await (const chunk of body) {
    if (!collected.add(chunk as Buffer)) {
      body.destroy();
      return null;
    }
  }
  return collected.bytes();
}
