// Catalog results cached per audience on the resolver instance, so the cache
// dies with the snapshot. The key is canonical — aliases folded to their
// group, unknown groups dropped, group order and repeats ignored, unknown
// entry points and locales folded to one marker — because those spellings
// cannot change the answer, and folding them bounds the cache against
// arbitrary client input. A hit allocates nothing: groups become a bitmask
// (a string key only past 30 declared groups) and the lookup is three Map.gets.
import type { SnapshotIndex } from './indexes.js';
import type { CatalogRequest, CatalogResult } from './types.js';

const UNKNOWN = '\u0000';
const SEP = '\u0001';
const MAX_MASK_GROUPS = 30;
/** Past this many audiences the cache starts over (pathological group mixes). */
const MAX_ENTRIES = 10_000;

type GroupKey = number | string;

export class CatalogCache {
  private entries = new Map<string, Map<string, Map<GroupKey, CatalogResult>>>();
  private size = 0;
  /** Spelling → bit of its declared group; null when there are too many groups for a mask. */
  private readonly bits: Map<string, number> | null;

  constructor(private readonly ix: SnapshotIndex) {
    const groups = [...new Set(ix.groupLookup.values())].sort();
    if (groups.length > MAX_MASK_GROUPS) this.bits = null;
    else {
      const bits = new Map<string, number>();
      for (const [spelling, group] of ix.groupLookup) bits.set(spelling, 1 << groups.indexOf(group));
      this.bits = bits;
    }
  }

  get(req: CatalogRequest, build: () => CatalogResult): CatalogResult {
    const ep = this.ix.knownEntryPoints.has(req.entryPoint) ? req.entryPoint : UNKNOWN;
    const locale = req.locale !== undefined && this.ix.knownLocales.has(req.locale) ? req.locale : UNKNOWN;
    const groups = this.groupKey(req.groups);
    const hit = this.entries.get(ep)?.get(locale)?.get(groups);
    if (hit !== undefined) return hit;
    if (this.size >= MAX_ENTRIES) {
      this.entries = new Map();
      this.size = 0;
    }
    const result = build();
    let byLocale = this.entries.get(ep);
    if (byLocale === undefined) this.entries.set(ep, (byLocale = new Map()));
    let byGroups = byLocale.get(locale);
    if (byGroups === undefined) byLocale.set(locale, (byGroups = new Map()));
    byGroups.set(groups, result);
    this.size++;
    return result;
  }

  private groupKey(groups: readonly string[]): GroupKey {
    const bits = this.bits;
    if (bits !== null) {
      let mask = 0;
      for (let i = 0; i < groups.length; i++) mask |= bits.get(groups[i]!) ?? 0;
      return mask;
    }
    const canonical = new Set<string>();
    for (const spelling of groups) {
      const g = this.ix.groupLookup.get(spelling);
      if (g !== undefined) canonical.add(g);
    }
    return [...canonical].sort().join(SEP);
  }
}
