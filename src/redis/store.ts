// The shared store in Redis: what `apply --target redis://…` writes and a
// replica (`serve --follow redis://…`) reads. Keys, for key K (see spec.ts):
//   {K}:live          hash: version, document (the exact bytes: snapshot or
//                     signed envelope), appliedAt (ms, Redis clock), meta
//                     (JSON, when given), serial (when signed), and patchBase
//                     + patch (when the apply gave one: a patch from the
//                     version it replaced, which replicas holding that
//                     version read instead of the document)
//   {K}:history       list, newest first, capped at `keep`: JSON entries
//                     { version, appliedAt, meta? }, one per swap
//   {K}:doc:VERSION   string: each kept document, pruned with the history
//   {K}:events        channel: the new version, published after each swap
// Every swap (apply and rollback alike) is one Lua script (scripts.ts). This
// module moves bytes and checks nothing about them: callers parse and verify.
import { DEFAULT_MAX_READ_BYTES } from '../io/read-capped.js';
import { closeClient, redisError, type ScriptedRedis } from './client.js';
import { redisKeys, type RedisKeys, type RedisSpec } from './spec.js';

export const VERSION_PATTERN = /^sha256:[0-9a-f]{64}$/;

export type StoredLive =
  | { status: 'none' }
  | { status: 'too-large'; bytes: number }
  /** Fields as Redis holds them: none of them is checked yet. `bytes`: the document's exact bytes. */
  | { status: 'live'; version: string | null; document: string | null; bytes: Buffer | null; appliedAt: string | null; serial: string | null };

export type StoredDoc = { status: 'none' } | { status: 'too-large'; bytes: number } | { status: 'doc'; document: string };

export interface StoredHistoryEntry {
  version: string;
  appliedAt: string;
  meta?: unknown;
}

export type SwapCheck =
  | { kind: 'any' }
  | { kind: 'none' }
  | { kind: 'version'; version: string }
  /** Only if the live document is still these bytes' SHA-1 (a repair of damaged bytes). */
  | { kind: 'damaged'; sha1: string };

export interface SwapRequest {
  version: string;
  document: string;
  check: SwapCheck;
  /** Cleaned apply meta, JSON-encoded by the store. */
  meta?: object;
  serial?: number;
  /** A patch from the live version's document to this one (snapshot-bytes/patch.ts): kept only if `base` is still live at the swap. */
  patch?: { base: string; bytes: Buffer };
}

export type SwapOutcome = { status: 'ok'; previous: string | null } | { status: 'stale'; current: string | null };

export class RedisStore {
  readonly keys: RedisKeys;

  constructor(
    readonly spec: RedisSpec,
    private readonly client: ScriptedRedis,
    private readonly opts: { keep?: number; maxBytes?: number } = {},
  ) {
    this.keys = redisKeys(spec.key);
  }

  private get maxBytes(): string {
    return String(this.opts.maxBytes ?? DEFAULT_MAX_READ_BYTES);
  }

  /** Runs a command, turning any failure into a masked, located error. */
  private async run<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw redisError(err, this.spec, doing);
    }
  }

  async readLive(): Promise<StoredLive> {
    // As Buffers: a document that is not valid UTF-8 must still hash as Redis holds it (a repair matches its SHA-1).
    const r = await this.run(`reading ${this.keys.live}`, () => this.client.modelctlReadLiveBuffer(this.keys.live, this.maxBytes));
    const status = r[0].toString();
    if (status === 'none') return { status: 'none' };
    if (status === 'too-large') return { status: 'too-large', bytes: Number(r[1]) };
    const [, version, document, appliedAt, serial] = r as [Buffer, Buffer | null, Buffer | null, Buffer | null, Buffer | null];
    const text = (b: Buffer | null) => (b === null ? null : b.toString('utf8'));
    return { status: 'live', version: text(version), document: text(document), bytes: document, appliedAt: text(appliedAt), serial: text(serial) };
  }

  /** A kept document; a version that is not a version names no key (and never another slot). */
  async readDoc(version: string): Promise<StoredDoc> {
    if (!VERSION_PATTERN.test(version)) return { status: 'none' };
    const key = this.keys.docPrefix + version;
    const r = await this.run(`reading ${key}`, () => this.client.modelctlReadDoc(key, this.maxBytes));
    if (r[0] === 'none') return { status: 'none' };
    if (r[0] === 'too-large') return { status: 'too-large', bytes: Number(r[1]) };
    return { status: 'doc', document: r[1] };
  }

  /** History entries, newest first; one that does not parse (changed by hand) is left out. */
  async history(): Promise<StoredHistoryEntry[]> {
    const list = await this.run(`reading ${this.keys.history}`, () => this.client.lrange(this.keys.history, 0, -1));
    const entries: StoredHistoryEntry[] = [];
    for (const text of list) {
      const e = parseEntry(text);
      if (e) entries.push(e);
    }
    return entries;
  }

  async swap(req: SwapRequest): Promise<SwapOutcome> {
    const { check } = req;
    const match = check.kind === 'version' ? check.version : check.kind === 'damaged' ? check.sha1 : '';
    const [status, version] = await this.run(`the swap to ${req.version}`, () =>
      this.client.modelctlSwap(
        this.keys.live,
        this.keys.history,
        this.keys.docPrefix,
        this.keys.events,
        check.kind,
        match,
        req.version,
        req.document,
        req.meta ? JSON.stringify(req.meta) : '',
        req.serial !== undefined ? String(req.serial) : '',
        String(this.opts.keep ?? 10),
        req.patch?.base ?? '',
        req.patch?.bytes ?? '',
      ),
    );
    return status === 'ok' ? { status: 'ok', previous: version ?? null } : { status: 'stale', current: version ?? null };
  }

  close(): Promise<void> {
    return closeClient(this.client);
  }
}

/** One history entry, or undefined when it is not one (changed by hand): never trusted, never thrown on. */
function parseEntry(text: string): StoredHistoryEntry | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { version, appliedAt, meta } = raw as Record<string, unknown>;
  if (typeof version !== 'string' || !VERSION_PATTERN.test(version)) return undefined;
  const at = isoFromMs(typeof appliedAt === 'string' ? appliedAt : null);
  if (at === null) return undefined;
  return { version, appliedAt: at, ...(meta !== undefined ? { meta } : {}) };
}

/** appliedAt as the live hash holds it (ms), as ISO 8601, or null. */
export function isoFromMs(ms: string | null): string | null {
  if (ms === null || !/^\d{1,15}$/.test(ms)) return null;
  const d = new Date(Number(ms));
  // Past year 275760 a Date is invalid (and toISOString would throw).
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
