// Where a replica (`modelctl serve --follow SPEC`) gets the live snapshot
// from: Redis (the shared store `apply --target redis://…` writes) or a
// primary `modelctl serve` over its long poll. The follower owns checking
// (schema, hash, signature), swapping and persisting; a source only moves
// documents and announces versions. Both kinds implement this one interface.

/** A document exactly as the source holds it (a snapshot or a signed envelope), with the version it claims. */
export interface FollowedDocument {
  /** The version the source says is live; the follower re-derives it from the document and refuses a mismatch. */
  version: string;
  /** The bytes as the source holds them (text only from tests and hand-made sources). */
  document: Uint8Array | string;
  /**
   * Rebuilt here from the bytes the replica holds and a patch the source
   * keeps, not read whole: when they are not the version claimed, the
   * follower reads the document whole instead of refusing it (the patch, not
   * the document, may be what is wrong).
   */
  patched?: true;
}

/** What the replica serves now, so a source that keeps patches can send one from it. */
export interface HeldDocument {
  version: string;
  bytes: Uint8Array;
}

export interface FollowWatchHandlers {
  /** The source announced that `version` is live now (a hint: the follower fetches and checks it). */
  onChange(version: string): void;
  /** The connection (re)opened: the follower re-checks the live version, since messages may have been missed. */
  onConnected(): void;
  /** The connection failed or dropped; the source keeps reconnecting with backoff on its own. */
  onError(err: Error): void;
}

export interface FollowSource {
  readonly kind: 'redis' | 'http';
  /** How to name the source in logs, /v1/status and errors: never a password or token. */
  readonly description: string;
  /**
   * The live document now; null when the source has none. Rejects when the
   * source is unreachable. With `held`, a source may answer with the document
   * rebuilt from it and a patch (`patched`); without, it reads it whole.
   */
  fetchLive(signal: AbortSignal, held?: HeldDocument): Promise<FollowedDocument | null>;
  /**
   * Optional: the live version alone (null when none), for the timed check,
   * which then fetches the document only when the version moved. Worth it
   * where fetchLive always moves the whole document (a 10,000-model snapshot
   * is ~15 MB); the HTTP source's fetchLive is already a conditional GET.
   */
  fetchLiveVersion?(signal: AbortSignal): Promise<string | null>;
  /** Starts announcing changes until the returned stop function is called. */
  watch(handlers: FollowWatchHandlers): () => Promise<void>;
  close(): Promise<void>;
}
