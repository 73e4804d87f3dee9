// Byte helpers over Web APIs only (TextEncoder, atob, crypto.subtle), so the
// runtime needs no Buffer and runs in browsers, Deno, Bun, workers and Node.

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes standard base64 (padding required); null when malformed. */
export function fromBase64(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Web Crypto takes ArrayBuffer-backed views only; copy anything else (e.g. shared memory). */
function owned(b: Uint8Array): Uint8Array<ArrayBuffer> {
  return b.buffer instanceof ArrayBuffer ? (b as Uint8Array<ArrayBuffer>) : new Uint8Array(b);
}

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new Error('Web Crypto (globalThis.crypto.subtle) is not available in this runtime');
  return api;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await subtle().digest('SHA-256', owned(bytes))));
}

export async function verifyEd25519(spkiDer: Uint8Array, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  const key = await subtle().importKey('spki', owned(spkiDer), { name: 'Ed25519' }, false, ['verify']);
  return subtle().verify({ name: 'Ed25519' }, key, owned(signature), owned(data));
}
