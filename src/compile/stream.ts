// The bytes `compile -o` writes, made a piece at a time: canonical JSON of the
// snapshot content, hashed as it goes, then `"version":…` (the last key in
// sorted order) and a newline. serializeSnapshot(withVersion(content)) gives
// the same bytes, but holds the whole text (73 MB for 50,000 models, twice
// that as a JS string with any non-Latin-1 character) and a copy per step;
// this holds one piece of about a megabyte.
import { createHash } from 'node:crypto';
import type { Snapshot } from '../generated/types.js';
import { canonicalJson } from '../runtime/canonical.js';
import { serializeSnapshot, withVersion } from './version.js';
import { CachedModels, LazyModels, type CachedModelsContent, type StreamContent } from './build/snapshot.js';

/** Pieces are joined up to about this many characters before they are written. */
const PIECE = 1 << 20;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/** What JSON.stringify leaves out of an object. */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** The content with its lazy models built (for the whole-text path). */
function materialize(content: Omit<Snapshot, 'version'> | StreamContent | CachedModelsContent): Omit<Snapshot, 'version'> {
  const { models } = content;
  if (!(models instanceof LazyModels) && !(models instanceof CachedModels)) return content as Omit<Snapshot, 'version'>;
  return { ...content, models: Object.fromEntries(models.names.map((n) => [n, models.get(n)])) };
}

export interface SnapshotStream<Piece = string> {
  /** The file's text in pieces (UTF-8 bytes where models come already made); iterate once. */
  chunks: Iterable<Piece>;
  /** The snapshot's version, known once every piece has been taken. */
  version(): string;
}

/**
 * The canonical bytes of `{ ...content, version }` plus a newline, in pieces.
 * Top-level values that are plain objects (models, providers, tiers, …) are
 * written entry by entry; everything else through canonicalJson, so the text is
 * canonicalJson's to the byte (test/compile/stream.test.ts compares).
 */
export function snapshotStream(content: Omit<Snapshot, 'version'> | StreamContent): SnapshotStream;
export function snapshotStream(content: Omit<Snapshot, 'version'> | StreamContent | CachedModelsContent): SnapshotStream<string | Uint8Array>;
export function snapshotStream(content: Omit<Snapshot, 'version'> | StreamContent | CachedModelsContent): SnapshotStream<string | Uint8Array> {
  let version: string | undefined;
  // `version` must sort after every key for the content's canonical form to be the file's prefix; a snapshot's always does.
  if (!isPlainObject(content) || !Object.keys(content).every((k) => k < 'version')) {
    const snapshot = withVersion(materialize(content));
    version = snapshot.version;
    return { chunks: [serializeSnapshot(snapshot)], version: () => snapshot.version };
  }
  function* chunks(): Generator<string | Uint8Array> {
    const hash = createHash('sha256');
    let parts: (string | Uint8Array)[] = [];
    let size = 0;
    let bytes = false;
    function take(): string | Uint8Array {
      // Strings joined as strings; once a piece holds bytes (models already made), as bytes.
      const piece = bytes ? Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p))) : parts.join('');
      parts = [];
      size = 0;
      bytes = false;
      if (typeof piece === 'string') hash.update(piece, 'utf8');
      else hash.update(piece);
      return piece;
    }
    const put = (s: string | Uint8Array): boolean => {
      parts.push(s);
      if (typeof s !== 'string') bytes = true;
      size += s.length;
      return size >= PIECE;
    };
    put('{');
    let firstKey = true;
    for (const key of Object.keys(content).sort()) {
      const value = (content as Record<string, unknown>)[key];
      if (omitted(value)) continue;
      put(`${firstKey ? '' : ','}${JSON.stringify(key)}:`);
      firstKey = false;
      if (value instanceof LazyModels) {
        // Each model built, written and dropped.
        put('{');
        for (let i = 0; i < value.names.length; i++) {
          const name = value.names[i]!;
          if (put(`${i === 0 ? '' : ','}${JSON.stringify(name)}:${canonicalJson(value.get(name))}`)) yield take();
        }
        put('}');
        continue;
      }
      if (value instanceof CachedModels) {
        // Each model's canonical JSON as it was made.
        put('{');
        for (let i = 0; i < value.names.length; i++) {
          put(`${i === 0 ? '' : ','}${JSON.stringify(value.names[i]!)}:`);
          if (put(value.json[i]!)) yield take();
        }
        put('}');
        continue;
      }
      if (!isPlainObject(value)) {
        if (put(canonicalJson(value))) yield take();
        continue;
      }
      put('{');
      let first = true;
      for (const name of Object.keys(value).sort()) {
        const item = value[name];
        if (omitted(item)) continue;
        if (put(`${first ? '' : ','}${JSON.stringify(name)}:${canonicalJson(item)}`)) yield take();
        first = false;
      }
      put('}');
    }
    // The content's closing brace is hashed, but the file goes on with the version before closing.
    const last = take();
    hash.update('}', 'utf8');
    version = 'sha256:' + hash.digest('hex');
    const end = `${firstKey ? '' : ','}"version":${JSON.stringify(version)}}\n`;
    yield typeof last === 'string' ? last + end : Buffer.concat([last, Buffer.from(end, 'utf8')]);
  }
  return {
    chunks: { [Symbol.iterator]: chunks },
    version: () => {
      if (version === undefined) throw new Error('snapshotStream: the version is known only after every piece was taken');
      return version;
    },
  };
}
