// The text of every loaded file, for code frames: the masked text of a file
// that holds a secret, otherwise the file's bytes (or a checked re-read of
// them), decoded only when a frame asks for it. 50,000 catalog files are not
// kept as JS strings (two bytes per character as soon as one is outside
// Latin-1, as a Chinese display name is), nor as their bytes.
import { asBuffer } from '../io/buffers.js';

function decode(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('utf8');
}

/** What is kept of a file: the text to show, its bytes, or a way to read them again (checked unchanged). */
export type StoredText = string | Uint8Array | (() => string | Uint8Array);

export class SourceTexts implements ReadonlyMap<string, string> {
  private readonly stored = new Map<string, StoredText>();
  /** Decoded on demand, once per file a frame was drawn from. */
  private readonly decoded = new Map<string, string>();

  /** `content`: the text to show, or bytes that decode to it (never unmasked text of a file with a secret). */
  set(file: string, content: StoredText): this {
    this.stored.set(file, content);
    this.decoded.delete(file);
    return this;
  }

  get(file: string): string | undefined {
    const content = this.stored.get(file);
    if (content === undefined || typeof content === 'string') return content;
    let text = this.decoded.get(file);
    if (text === undefined) {
      const got = typeof content === 'function' ? content() : content;
      this.decoded.set(file, (text = typeof got === 'string' ? got : decode(got)));
    }
    return text;
  }

  has(file: string): boolean {
    return this.stored.has(file);
  }

  get size(): number {
    return this.stored.size;
  }

  keys(): MapIterator<string> {
    return this.stored.keys();
  }

  *values(): MapIterator<string> {
    for (const file of this.stored.keys()) yield this.get(file)!;
  }

  *entries(): MapIterator<[string, string]> {
    for (const file of this.stored.keys()) yield [file, this.get(file)!];
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(fn: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [file, text] of this.entries()) fn.call(thisArg, text, file, this);
  }
}
