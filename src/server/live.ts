// The one mutable reference of the server: the live snapshot and its
// resolver. A swap replaces the whole object at once, so a request that took
// the reference keeps a consistent resolver until it ends, whatever swaps
// happen meanwhile. Long-poll waiters are woken on every swap.
import type { CredentialReport, Resolver, Snapshot } from '../runtime/index.js';
import type { Basis } from '../snapshot-bytes/delta.js';
import { documentBuffer } from '../io/buffers.js';
import { makePatch } from '../snapshot-bytes/patch.js';

export interface Live {
  readonly snapshot: Snapshot;
  readonly version: string;
  readonly resolver: Resolver;
  /** The document as pushed (snapshot or signed envelope), UTF-8: served by GET /v1/snapshot as is. */
  readonly bytes: Buffer;
  /** The same as text, decoded on first use (a 15 MB decode is not paid by every push). */
  readonly document: string;
  readonly loadedAt: number;
  /** Credential presence as the resolver saw it when built (never a value), and what it hides. */
  readonly credentials: CredentialReport;
  /** Where its models sit in `bytes`, when they are canonical: the next push is checked by what changed (delta.ts). */
  readonly basis?: Basis;
  /** A patch from the version it replaced (snapshot-bytes/patch.ts): what a replica holding that version fetches instead of `bytes` (RFC 3229, GET /v1/snapshot). */
  readonly patch?: { readonly base: string; readonly bytes: Buffer };
}

/**
 * The live state for a checked document. With `previous` (what it replaces;
 * passed once a reader wants patches), the patch from its bytes is made now,
 * once per swap: a native comparison of the two documents (~2 ms at 10,000
 * models), and none kept when most of the document changed.
 */
export function liveOf(snapshot: Snapshot, resolver: Resolver, credentials: CredentialReport, document: string | Uint8Array, basis?: Basis, previous?: Live | null): Live {
  const bytes = documentBuffer(document);
  let text = typeof document === 'string' ? document : undefined;
  const patch = previous ? makePatch(previous.bytes, bytes) : null;
  return {
    snapshot,
    version: snapshot.version,
    resolver,
    bytes,
    loadedAt: Date.now(),
    credentials,
    ...(basis ? { basis } : {}),
    ...(patch && previous ? { patch: { base: previous.version, bytes: patch } } : {}),
    get document() {
      return (text ??= bytes.toString('utf8'));
    },
  };
}

export class LiveRef {
  private live: Live | null = null;
  private waiters = new Set<() => void>();
  /**
   * Whether a reader has asked for a patch (GET /v1/snapshot with A-IM):
   * from then on every swap makes one. A server nobody follows never pays
   * for comparing two documents it will not be asked about.
   */
  patchesWanted = false;

  get current(): Live | null {
    return this.live;
  }

  swap(next: Live): Live | null {
    const previous = this.live;
    this.live = next;
    const woken = this.waiters;
    this.waiters = new Set();
    for (const wake of woken) wake();
    return previous;
  }

  /** Resolves when the live version is no longer `version`, or after `ms`, or on `signal`. */
  waitForChange(version: string | null, ms: number, signal: AbortSignal): Promise<void> {
    if ((this.live?.version ?? null) !== version || ms <= 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        this.waiters.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      signal.addEventListener('abort', finish, { once: true });
      this.waiters.add(finish);
    });
  }
}
