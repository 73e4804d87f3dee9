// A directory of applied versions, oldest to newest, for restart and rollback:
// `000000000042-<sha256 hex>.json`, one document (snapshot or signed envelope)
// per file, written durably. The sequence number orders them, so rolling back
// to an old version appends it again as the newest. The newest `keep` files
// stay; older ones are pruned. Who applied a version and why (ApplyMeta) is
// kept beside it in `<same name>.meta.json`, written durably before the
// document (a document is only listed once written, so it never lacks the
// record it was sent with) and pruned with it.
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanMeta, type ApplyMeta } from './apply-meta.js';
import { TEMP_PREFIX, writeFileDurable } from './durable-write.js';
import { readTextIfExists } from './read-capped.js';

export interface StoredVersion {
  seq: number;
  version: string;
  file: string;
  appliedAt: string;
  meta?: ApplyMeta;
}

const metaFile = (file: string): string => file.replace(/\.json$/, '.meta.json');

async function readMeta(file: string): Promise<ApplyMeta | undefined> {
  try {
    const text = await readTextIfExists(metaFile(file));
    // Cleaned again on read: a file edited by hand is shown no differently.
    return text === null ? undefined : cleanMeta(JSON.parse(text));
  } catch {
    return undefined;
  }
}

const NAME = /^(\d{12})-([0-9a-f]{64})\.json$/;

/** What a kept file's name tells. */
type NamedVersion = Pick<StoredVersion, 'seq' | 'version' | 'file'>;

export class VersionDir {
  constructor(
    readonly dir: string,
    readonly keep = 10,
  ) {}

  /** Creates the directory and removes temp files a crash left behind. */
  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const name of await readdir(this.dir)) if (name.startsWith(TEMP_PREFIX)) await rm(join(this.dir, name), { force: true });
  }

  /** The kept files' names, sequence numbers and versions, newest first (no file is opened). */
  private async entries(): Promise<NamedVersion[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: NamedVersion[] = [];
    for (const name of names) {
      const m = NAME.exec(name);
      if (m) out.push({ seq: Number(m[1]), version: `sha256:${m[2]}`, file: join(this.dir, name) });
    }
    return out.sort((a, b) => b.seq - a.seq);
  }

  /** Newest first. */
  async list(): Promise<StoredVersion[]> {
    const out: StoredVersion[] = [];
    for (const e of await this.entries()) {
      const info = await stat(e.file).catch(() => null);
      if (!info) continue;
      const meta = await readMeta(e.file);
      out.push({ ...e, appliedAt: info.mtime.toISOString(), ...(meta ? { meta } : {}) });
    }
    return out;
  }

  async read(entry: StoredVersion): Promise<string> {
    return readFile(entry.file, 'utf8');
  }

  /** The newest stored entry with this version, if kept. */
  async find(version: string): Promise<StoredVersion | undefined> {
    return (await this.list()).find((e) => e.version === version);
  }

  async append(version: string, text: string | Uint8Array, meta?: ApplyMeta): Promise<StoredVersion> {
    const hex = /^sha256:([0-9a-f]{64})$/.exec(version)?.[1];
    if (!hex) throw new Error(`not a snapshot version: ${version}`);
    // Names alone: every append (each push, each replica's swap) would otherwise stat and read the meta of every kept version.
    const list = await this.entries();
    const seq = (list[0]?.seq ?? 0) + 1;
    const file = join(this.dir, `${String(seq).padStart(12, '0')}-${hex}.json`);
    const clean = cleanMeta(meta);
    // A record a crash left for this sequence number (document never written) must not be attributed to this one.
    if (clean) await writeFileDurable(metaFile(file), JSON.stringify(clean) + '\n');
    else await rm(metaFile(file), { force: true });
    await writeFileDurable(file, text);
    for (const old of list.slice(Math.max(0, this.keep - 1))) {
      await rm(old.file, { force: true });
      await rm(metaFile(old.file), { force: true });
    }
    return { seq, version, file, appliedAt: new Date().toISOString(), ...(clean ? { meta: clean } : {}) };
  }
}
