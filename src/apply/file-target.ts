// `--target file:PATH`: the live state is a JSON file (a plain snapshot or a
// signed envelope, so `modelctl serve --snapshot PATH` can load it), replaced
// durably. Compare-and-swap runs under PATH.lock, created with 'wx', so two
// processes can never both win. Applied versions are kept in PATH.history/.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Snapshot } from '../generated/types.js';
import { parseDocument, serializeDocument } from './document.js';
import { writeFileDurable } from './durable.js';
import { withLock, type LockOptions } from './lock.js';
import type { HistoryEntry, LiveState, Target, WriteOptions, WriteResult } from './types.js';
import { VersionDir } from './version-dir.js';

export interface FileTargetOptions {
  keep?: number;
  lock?: LockOptions;
}

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

  private async readText(): Promise<string | null> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async read(): Promise<LiveState> {
    const text = await this.readText();
    if (text === null) return { snapshot: null, version: null };
    const loaded = await parseDocument(text);
    if (!loaded.ok) throw new Error(`${this.path} is not a valid snapshot: ${loaded.errors.slice(0, 3).join('; ')}`);
    return { snapshot: loaded.snapshot, version: loaded.snapshot.version };
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return withLock(`${this.path}.lock`, fn, this.opts.lock);
  }

  /** Under the lock: swap in `text` if the live version is still `ifMatch`. */
  private async swap(version: string, text: string, ifMatch: string | null | undefined): Promise<WriteResult> {
    const current = (await this.read()).version;
    if (ifMatch !== undefined && current !== ifMatch) return { status: 'stale', current };
    await this.versions.init();
    await this.versions.append(version, text);
    await writeFileDurable(this.path, text);
    return { status: 'ok', version, previous: current };
  }

  async write(snapshot: Snapshot, opts: WriteOptions): Promise<WriteResult> {
    const text = serializeDocument(snapshot, opts.signature);
    // The same checks a resolver server makes, so a file never holds what a server would refuse.
    const checked = await parseDocument(text);
    if (!checked.ok) return { status: 'refused', reason: 'invalid', message: 'the snapshot is not valid', errors: checked.errors };
    return this.locked(() => this.swap(snapshot.version, text, opts.ifMatch));
  }

  async history(): Promise<HistoryEntry[]> {
    const current = (await this.read()).version;
    let liveSeen = false;
    return (await this.versions.list()).map((e) => {
      const live = !liveSeen && e.version === current;
      liveSeen ||= live;
      return { version: e.version, appliedAt: e.appliedAt, live };
    });
  }

  async rollback(version: string, opts: { ifMatch?: string | null } = {}): Promise<WriteResult> {
    return this.locked(async () => {
      const entry = await this.versions.find(version);
      if (!entry) return { status: 'refused', reason: 'not-found', message: `version ${version} is not among the kept versions`, errors: [] };
      const text = await this.versions.read(entry);
      const checked = await parseDocument(text);
      if (!checked.ok) return { status: 'refused', reason: 'invalid', message: `kept version ${version} is damaged`, errors: checked.errors };
      return this.swap(version, text, opts.ifMatch);
    });
  }

  async close(): Promise<void> {}
}
