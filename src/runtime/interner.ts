// Shares identical lookup structures between models at load: catalogs repeat
// the same capability lists, availabilities and credentials across hundreds of
// models, and one Set per distinct value keeps a 10,000-model build fast and small.
import type { SnapshotAvailability, SnapshotCredentialRef } from '../generated/types.js';
import { compileAccess, type Access } from './availability.js';

const SEP = '\u0000';

export class Interner {
  private readonly sets = new Map<string, ReadonlySet<string>>();
  private readonly accesses = new Map<string, Access>();
  private readonly envRefs = new Map<string, SnapshotCredentialRef>();
  private readonly fileRefs = new Map<string, SnapshotCredentialRef>();

  constructor(private readonly spellings: Map<string, string[]>) {}

  set(values: readonly string[]): ReadonlySet<string> {
    // Single values key as themselves: no joined string to allocate.
    const key = values.length === 1 ? values[0]! : values.length === 0 ? SEP : values.join(SEP) + SEP;
    let hit = this.sets.get(key);
    if (hit === undefined) this.sets.set(key, (hit = new Set(values)));
    return hit;
  }

  access(a: SnapshotAvailability): Access {
    const key = typeof a === 'string' ? a : SEP + a.groups.join(SEP);
    let hit = this.accesses.get(key);
    if (hit === undefined) this.accesses.set(key, (hit = compileAccess(a, this.spellings)));
    return hit;
  }

  /** A frozen copy of a credential reference, one per distinct reference. */
  credential(ref: SnapshotCredentialRef): SnapshotCredentialRef {
    const isEnv = 'env' in ref;
    const refs = isEnv ? this.envRefs : this.fileRefs;
    const key = isEnv ? ref.env : ref.file;
    let hit = refs.get(key);
    if (hit === undefined) refs.set(key, (hit = Object.freeze(isEnv ? { env: key } : { file: key })));
    return hit;
  }
}
