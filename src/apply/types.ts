// One interface for every place a snapshot can be applied to: a resolver
// server over HTTP, or a live-state file. Outcomes a caller must handle are
// typed results, not exceptions; only a failed operation (network down,
// disk full) throws.
import type { Snapshot } from '../generated/types.js';
import type { SnapshotSignature } from '../runtime/index.js';
import type { ApplyMeta } from '../io/apply-meta.js';
import type { ForceUnlockResult } from './lock.js';

export type { ApplyMeta, ForceUnlockResult };

export interface RollbackOptions {
  ifMatch?: string | null;
  repair?: boolean;
}

export interface LiveState {
  snapshot: Snapshot | null;
  version: string | null;
}

export interface WriteOptions {
  /** The live version this write was planned against; null = only if nothing is live. */
  ifMatch: string | null;
  /** Sent as a signed envelope `{ snapshot, signature }` when given. */
  signature?: SnapshotSignature;
  /** Who applies it and why: sent as headers / kept in the file: target's history. */
  meta?: ApplyMeta;
}

/** Why a target refused; unauthorized, signature, replay and read-only are exit 3 (refused, nothing changed). */
/** read-only: a replica (serve --follow), which takes writes only through its source. */
export type RefusalReason = 'unauthorized' | 'signature' | 'replay' | 'invalid' | 'too-large' | 'not-found' | 'read-only';

export type WriteResult =
  /** warnings: what the new state hides (e.g. models whose credentials are missing), as the target words it. */
  | { status: 'ok'; version: string; previous: string | null; warnings?: string[] }
  /** Compare-and-swap lost: the live state is no longer `ifMatch`. */
  | { status: 'stale'; current: string | null }
  | { status: 'refused'; reason: RefusalReason; message: string; errors: string[] };

export interface HistoryEntry {
  version: string;
  /** ISO 8601 time the version was written. */
  appliedAt: string;
  /** Whether this entry is the live state. */
  live: boolean;
  /** Who applied it and why, when the apply said (cleaned: one line of printable text each). */
  message?: string;
  commit?: string;
  author?: string;
  run?: string;
}

export interface Target {
  /** How to name the target in messages (never contains a credential). */
  readonly description: string;
  /**
   * `signal`: the answer is no longer wanted (a read started while the
   * catalog loads, and the catalog was invalid); an http target stops its
   * request and retries at once. Redis and file: targets ignore it: what they
   * have in flight ends when they close (a Redis connect still in its
   * handshake stops at once then).
   * `desired`: the snapshot the caller will compare the live one with (plan,
   * apply), when it has one; a live document that differs from it only in
   * models is then checked by difference (document.ts checkedByDifference).
   */
  read(signal?: AbortSignal, desired?: PromiseLike<Snapshot | null>): Promise<LiveState>;
  write(snapshot: Snapshot, opts: WriteOptions): Promise<WriteResult>;
  /** Versions kept for rollback, newest first. */
  history(): Promise<HistoryEntry[]>;
  /** A kept version's snapshot (checked: schema and version hash), or null when it is not kept. */
  readVersion(version: string): Promise<Snapshot | null>;
  /**
   * Makes a kept version live again; `ifMatch` as for write, undefined =
   * unconditional. `repair`: only if the live state is damaged (file: targets).
   */
  rollback(version: string, opts?: RollbackOptions): Promise<WriteResult>;
  /** Removes a lock left behind, only if its id is `id` (file: targets). */
  forceUnlock?(id: string): Promise<ForceUnlockResult>;
  close(): Promise<void>;
}
