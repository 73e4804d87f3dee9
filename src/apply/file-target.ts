// `--target file:PATH`: the live state is a JSON file (a plain snapshot or a
// signed envelope, so `modelctl serve --snapshot PATH` can load it), replaced
// durably. Compare-and-swap runs under PATH.lock (see lock.ts), so two
// processes can never both win. Applied versions are kept in PATH.history/,
// and a damaged live file is repaired from there by `rollback --to V`.
import { resolve } from 'node:path';
import type { Snapshot } from '../generated/types.js';
import { writeFileDurable } from '../io/durable-write.js';
import { readFileCapped } from '../io/read-capped.js';
import { parseDocument, parseLiveDocument, serializeDocument, settled } from './document.js';
import { DamagedTargetError } from './errors.js';
import { forceUnlock, withLock, type ForceUnlockResult, type LockOptions } from './lock.js';
import type { HistoryEntry, LiveState, RollbackOptions, Target, WriteOptions, WriteResult } from './types.js';
import { VersionDir } from '../io/version-dir.js';
import { checkKept, hiddenWarnings, keptSnapshot, problemOf } from './target-checks.js';

export interface FileTargetOptions {
  keep?: number;
  lock?: LockOptions;
  /**
   * The environment credential references are checked against for warnings
   * (the applying process's: a file: target has no server of its own).
   * Absent: no warnings.
   */
  env?: Record<string, string | undefined>;
}

type State = LiveState & { damaged?: string };

export class FileTarget implements Target {
  readonly description: string;
  private readonly path: string;
  private readonly versions: VersionDir;

  constructor(
    path: string,
    private readonly opts: FileTargetOptions = {},
  ) {
    this.path = resolve(path);
    this.description = `file:${this.path}`;
    this.versions = new VersionDir(`${this.path}.history`, opts.keep ?? 10);
  }

  /** The live state, or what is wrong with it; only IO failures throw. */
  private async state(desired?: PromiseLike<Snapshot | null>): Promise<State> {
    let text: string;
    try {
      text = await readFileCapped(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { snapshot: null, version: null };
      throw err;
    }
    const loaded = await parseLiveDocument(text, await settled(desired));
    if (!loaded.ok) return { snapshot: null, version: null, damaged: problemOf(loaded.errors, Buffer.byteLength(text)) };
    return { snapshot: loaded.snapshot, version: loaded.snapshot.version };
  }

  async read(_signal?: AbortSignal, desired?: PromiseLike<Snapshot | null>): Promise<LiveState> {
    const s = await this.state(desired);
    if (s.damaged !== undefined) throw new DamagedTargetError(this.path, s.damaged);
    return { snapshot: s.snapshot, version: s.version };
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return withLock(`${this.path}.lock`, fn, this.opts.lock);
  }

  /** Under the lock: swap in `text` if the live version is still `ifMatch` (or, with repair, if it is still damaged). */
  private async swap(version: string, text: string, ifMatch: string | null | undefined, repair = false, meta?: WriteOptions['meta']): Promise<WriteResult> {
    const s = await this.state();
    if (repair) {
      if (s.damaged === undefined) return { status: 'stale', current: s.version };
    } else {
      if (s.damaged !== undefined) throw new DamagedTargetError(this.path, s.damaged);
      if (ifMatch !== undefined && s.version !== ifMatch) return { status: 'stale', current: s.version };
    }
    await this.versions.init();
    await this.versions.append(version, text, meta);
    await writeFileDurable(this.path, text);
    return { status: 'ok', version, previous: s.version };
  }

  async write(snapshot: Snapshot, opts: WriteOptions): Promise<WriteResult> {
    const text = serializeDocument(snapshot, opts.signature);
    // The same checks a resolver server makes, so a file never holds what a server would refuse.
    const checked = await parseDocument(text);
    if (!checked.ok) return { status: 'refused', reason: 'invalid', message: 'the snapshot is not valid', errors: checked.errors };
    const result = await this.locked(() => this.swap(snapshot.version, text, opts.ifMatch, false, opts.meta));
    return result.status === 'ok' ? { ...result, warnings: await this.warnings(checked.snapshot) } : result;
  }

  /** What the written state hides, checked against this process's env and files (presence only). */
  private warnings(snapshot: Snapshot): Promise<string[]> {
    return hiddenWarnings(snapshot, this.opts.env);
  }

  async history(): Promise<HistoryEntry[]> {
    // A damaged live file has no version: every kept one is listed as not live.
    const current = (await this.state()).version;
    let liveSeen = false;
    return (await this.versions.list()).map((e) => {
      const live = !liveSeen && e.version === current;
      liveSeen ||= live;
      return { version: e.version, appliedAt: e.appliedAt, live, ...e.meta };
    });
  }

  /** The kept document, checked; a damaged one is an error, not a snapshot. */
  private async kept(version: string): Promise<{ text: string; snapshot: Snapshot } | { missing: true } | { damaged: string[] }> {
    const entry = await this.versions.find(version);
    if (!entry) return { missing: true };
    return checkKept(await this.versions.read(entry), version);
  }

  async readVersion(version: string): Promise<Snapshot | null> {
    return keptSnapshot(await this.kept(version), version);
  }

  async rollback(version: string, opts: RollbackOptions = {}): Promise<WriteResult> {
    return this.locked(async () => {
      const k = await this.kept(version);
      if ('missing' in k) return { status: 'refused', reason: 'not-found', message: `version ${version} is not among the kept versions`, errors: [] };
      if ('damaged' in k) return { status: 'refused', reason: 'invalid', message: `kept version ${version} is damaged`, errors: k.damaged };
      const result = await this.swap(version, k.text, opts.ifMatch, opts.repair === true);
      return result.status === 'ok' ? { ...result, warnings: await this.warnings(k.snapshot) } : result;
    });
  }

  forceUnlock(id: string): Promise<ForceUnlockResult> {
    return forceUnlock(`${this.path}.lock`, id);
  }

  async close(): Promise<void> {}
}
