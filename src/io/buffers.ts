// Buffers over bytes already in memory, without a copy: Buffer's own methods
// (compare over ranges, indexOf, toString) on any Uint8Array, and a
// document's bytes whether it came as text or as bytes.

/** A Buffer over the same memory as `b` (no copy). */
export const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** A document's bytes: UTF-8 for a string, the same memory for bytes. */
export const documentBuffer = (document: string | Uint8Array): Buffer => (typeof document === 'string' ? Buffer.from(document, 'utf8') : asBuffer(document));
