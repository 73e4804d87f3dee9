// The one mutable reference of the server: the live snapshot and its
// resolver. A swap replaces the whole object at once, so a request that took
// the reference keeps a consistent resolver until it ends, whatever swaps
// happen meanwhile. Long-poll waiters are woken on every swap.
import type { CredentialReport, Resolver, Snapshot } from '../runtime/index.js';
import type { Basis } from '../snapshot-bytes/delta.js';
import { documentBuffer } from '../io/buffers.js';

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
}

export function liveOf(snapshot: Snapshot, resolver: Resolver, credentials: CredentialReport, document: string | Uint8Array, basis?: Basis): Live {
  const bytes = documentBuffer(document);
  let text = typeof document === 'string' ? document : undefined;
  return {
    snapshot,
    version: snapshot.version,
    resolver,
    bytes,
    loadedAt: Date.now(),
    credentials,
    ...(basis ? { basis } : {}),
    get document() {
      return (text ??= bytes.toString('utf8'));
    },
  };
}

export class LiveRef {
  private live: Live | null = null;
  private waiters = new Set<() => void>();

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
