// `--target redis://[user:pass@]host:port/db?key=K` (or rediss://): the live
// state in Redis, where every replica following it (`modelctl serve --follow
// redis://…`) picks it up. It behaves exactly like a file: target: the same
// checks on what it stores and reads back, the same warnings (models hidden
// for credentials missing from the applying process's env), the same history
// and rollback. Compare-and-swap is one Lua script inside Redis (see
// src/redis/store.ts for the key layout), so of several concurrent applies
// exactly one wins. ioredis is loaded on first use, never by commands that
// do not touch Redis.
import { createHash } from 'node:crypto';
import type { Snapshot } from '../generated/types.js';
import { cleanMeta, cleanText } from '../io/apply-meta.js';
import { byteSize, DEFAULT_MAX_READ_BYTES } from '../io/read-capped.js';
import { RedisAuthError } from '../redis/errors.js';
import { redisKeys, type RedisSpec } from '../redis/spec.js';
import type { RedisStore, SwapCheck, SwapRequest } from '../redis/store.js';
import { isEnvelope } from '../runtime/index.js';
import { makePatch } from '../snapshot-bytes/patch.js';
import { parseDocument, parseLiveDocument, serializeDocument, settled } from './document.js';
import { DamagedTargetError, TargetRefusedError } from './errors.js';
import { checkKept, hiddenWarnings, type KeptCheck, keptSnapshot, problemOf } from './target-checks.js';
import type { HistoryEntry, LiveState, RollbackOptions, Target, WriteOptions, WriteResult } from './types.js';

export interface RedisTargetOptions {
  /** Versions kept in `{key}:history` (and their documents); default 10. */
  keep?: number;
  /** Largest document read back (bytes); default the CLI's read cap. */
  maxBytes?: number;
  /** The environment credential references are checked against for warnings; absent: no warnings. */
  env?: Record<string, string | undefined>;
}

/** bytes: the live document as Redis holds it (null: no document field); tooLarge: not read at all. */
type State = LiveState & { damaged?: string; bytes?: Buffer | null; tooLarge?: true };


export class RedisTarget implements Target {
  readonly description: string;
  private opening: Promise<RedisStore> | undefined;
  /** Aborted by close(): a connect still in its handshake stops at once (a read started early whose answer is no longer wanted). */
  private readonly closing = new AbortController();
  /** The bytes of the version last read or written here: the next write's patch starts from them when it replaces that version. */
  private known: { version: string; bytes: Buffer } | undefined;

  constructor(
    private readonly spec: RedisSpec,
    private readonly opts: RedisTargetOptions = {},
  ) {
    this.description = spec.description;
  }

  /** Connects on first use (loading ioredis then); a failed connect is retried by the next call. */
  private store(): Promise<RedisStore> {
    this.opening ??= (async () => {
      const [{ connectOneShot }, { RedisStore }] = await Promise.all([import('../redis/client.js'), import('../redis/store.js')]);
      const client = await connectOneShot(this.spec, 'modelctl-apply', this.closing.signal);
      return new RedisStore(this.spec, client, { ...(this.opts.keep ? { keep: this.opts.keep } : {}), maxBytes: this.maxBytes });
    })();
    const opening = this.opening;
    opening.catch(() => {
      if (this.opening === opening) this.opening = undefined;
    });
    return opening;
  }

  private get maxBytes(): number {
    return this.opts.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  }

  /** Runs against the store; credentials refused become a refusal (exit 3, nothing changed). */
  private async use<T>(fn: (store: RedisStore) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.store());
    } catch (err) {
      if (err instanceof RedisAuthError) throw new TargetRefusedError('unauthorized', err.message);
      throw err;
    }
  }

  /** The live state, or what is wrong with it; only Redis failures throw. */
  private async state(desired?: PromiseLike<Snapshot | null>): Promise<State> {
    const live = await this.use((s) => s.readLive());
    const where = redisKeys(this.spec.key).live;
    if (live.status === 'none') return { snapshot: null, version: null };
    if (live.status === 'too-large') return { snapshot: null, version: null, tooLarge: true, damaged: `${where} holds a document of ${byteSize(live.bytes)}, over the limit of ${byteSize(this.maxBytes)}` };
    const damaged = (problem: string): State => ({ snapshot: null, version: null, damaged: `${where} ${problem}`, bytes: live.bytes });
    if (live.document === null) return damaged('has no document field (changed by hand?)');
    const loaded = await parseLiveDocument(live.document, await settled(desired));
    if (!loaded.ok) return damaged(`holds a document that does not load: ${problemOf(loaded.errors, live.bytes?.length ?? 0)}`);
    if (live.version !== loaded.snapshot.version) {
      const claimed = live.version === null ? 'no version' : `version ${cleanText(live.version, 80) ?? '(blank)'}`;
      return damaged(`says ${claimed} but holds ${loaded.snapshot.version} (changed by hand?)`);
    }
    if (live.bytes) this.known = { version: loaded.snapshot.version, bytes: live.bytes };
    return { snapshot: loaded.snapshot, version: loaded.snapshot.version, bytes: live.bytes };
  }

  async read(_signal?: AbortSignal, desired?: PromiseLike<Snapshot | null>): Promise<LiveState> {
    const s = await this.state(desired);
    if (s.damaged !== undefined) throw new DamagedTargetError(this.description, s.damaged);
    return { snapshot: s.snapshot, version: s.version };
  }

  /** One swap; a stale answer names the live version as Redis holds it (cleaned: it may have been written by hand). */
  private async swap(version: string, text: string, check: SwapCheck, meta?: WriteOptions['meta'], patch?: SwapRequest['patch']): Promise<WriteResult> {
    const clean = cleanMeta(meta);
    const serial = serialOf(text);
    const r = await this.use((s) => s.swap({ version, document: text, check, ...(clean ? { meta: clean } : {}), ...(serial !== undefined ? { serial } : {}), ...(patch ? { patch } : {}) }));
    if (r.status === 'stale') return { status: 'stale', current: r.current === null ? null : (cleanText(r.current, 80) ?? null) };
    return { status: 'ok', version, previous: r.previous };
  }

  async write(snapshot: Snapshot, opts: WriteOptions): Promise<WriteResult> {
    const text = serializeDocument(snapshot, opts.signature);
    // The same checks a resolver server makes, so Redis never holds what a replica would refuse.
    const checked = await parseDocument(text);
    if (!checked.ok) return { status: 'refused', reason: 'invalid', message: 'the snapshot is not valid', errors: checked.errors };
    const check: SwapCheck = opts.ifMatch === null ? { kind: 'none' } : { kind: 'version', version: opts.ifMatch };
    // Replicas holding the version replaced read a patch of a few kilobytes instead of the whole document (Redis keeps it only if that version is still live).
    const bytes = Buffer.from(text, 'utf8');
    const base = this.known?.version === opts.ifMatch ? this.known : undefined;
    const patch = base ? makePatch(base.bytes, bytes) : null;
    const result = await this.swap(snapshot.version, text, check, opts.meta, base && patch ? { base: base.version, bytes: patch } : undefined);
    if (result.status !== 'ok') return result;
    this.known = { version: snapshot.version, bytes };
    return { ...result, warnings: await hiddenWarnings(checked.snapshot, this.opts.env) };
  }

  async history(): Promise<HistoryEntry[]> {
    // A damaged live state has no version: every kept one is listed as not live.
    const current = (await this.state()).version;
    const entries = await this.use((s) => s.history());
    let liveSeen = false;
    return entries.map((e) => {
      const live = !liveSeen && e.version === current;
      liveSeen ||= live;
      const meta = cleanMeta(e.meta);
      return { version: e.version, appliedAt: e.appliedAt, live, ...meta };
    });
  }

  /** The kept document, checked; a damaged one is an error, not a snapshot. */
  private async kept(version: string): Promise<KeptCheck | { missing: true }> {
    const doc = await this.use((s) => s.readDoc(version));
    if (doc.status === 'none') return { missing: true };
    if (doc.status === 'too-large') return { damaged: [`${byteSize(doc.bytes)}, over the limit of ${byteSize(this.maxBytes)}`] };
    return checkKept(doc.document, version);
  }

  async readVersion(version: string): Promise<Snapshot | null> {
    return keptSnapshot(await this.kept(version), version);
  }

  async rollback(version: string, opts: RollbackOptions = {}): Promise<WriteResult> {
    const k = await this.kept(version);
    if ('missing' in k) return { status: 'refused', reason: 'not-found', message: `version ${version} is not among the kept versions`, errors: [] };
    if ('damaged' in k) return { status: 'refused', reason: 'invalid', message: `kept version ${version} is damaged`, errors: k.damaged };
    let check: SwapCheck;
    if (opts.repair === true) {
      // Only over the very bytes found damaged: a good apply landing meanwhile makes this stale.
      const s = await this.state();
      if (s.damaged === undefined) return { status: 'stale', current: s.version };
      if (s.tooLarge) {
        const live = redisKeys(this.spec.key).live;
        return { status: 'refused', reason: 'invalid', message: `${s.damaged}: too large to repair in place; remove it (redis-cli DEL ${live}) and roll back again`, errors: [] };
      }
      check = { kind: 'damaged', sha1: createHash('sha1').update(s.bytes ?? Buffer.alloc(0)).digest('hex') };
    } else {
      check = opts.ifMatch === undefined ? { kind: 'any' } : opts.ifMatch === null ? { kind: 'none' } : { kind: 'version', version: opts.ifMatch };
    }
    const result = await this.swap(version, k.text, check);
    if (result.status !== 'ok') return result;
    // What a repair replaced was no version (whatever its version field claimed), as for a file: target.
    return { ...result, ...(opts.repair === true ? { previous: null } : {}), warnings: await hiddenWarnings(k.snapshot, this.opts.env) };
  }

  async close(): Promise<void> {
    this.closing.abort();
    const opening = this.opening;
    this.opening = undefined;
    if (!opening) return;
    const store = await opening.catch(() => undefined);
    await store?.close();
  }
}

/** A signed envelope's serial (unverified: a hint for readers of the live hash), or undefined. */
function serialOf(text: string): number | undefined {
  if (!text.startsWith('{"signature":')) return undefined;
  try {
    const doc: unknown = JSON.parse(text);
    if (!isEnvelope(doc)) return undefined;
    const serial = (doc.signature as { serial?: unknown } | null)?.serial;
    return typeof serial === 'number' && Number.isSafeInteger(serial) && serial >= 0 ? serial : undefined;
  } catch {
    return undefined;
  }
}
