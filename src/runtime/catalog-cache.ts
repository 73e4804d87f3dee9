// Catalog results cached per audience on the resolver instance, so the cache
// dies with the snapshot. Keys are canonical — aliases folded to their group,
// unknown groups dropped, groups sorted and deduplicated, unknown entry points
// and locales folded to one marker — because those spellings cannot change
// the answer, and folding them bounds the cache against arbitrary client input.
import type { SnapshotIndex } from './indexes.js';
import type { CatalogRequest, CatalogResult } from './types.js';

const SEP = '\u0001';
const UNKNOWN = '\u0000';
/** Past this many audiences the cache starts over (pathological group mixes). */
const MAX_ENTRIES = 10_000;

export class CatalogCache {
  private readonly entries = new Map<string, CatalogResult>();

  constructor(private readonly ix: SnapshotIndex) {}

  get(req: CatalogRequest, build: () => CatalogResult): CatalogResult {
    const key = this.key(req);
    let hit = this.entries.get(key);
    if (hit === undefined) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      hit = build();
      this.entries.set(key, hit);
    }
    return hit;
  }

  key(req: CatalogRequest): string {
    const ix = this.ix;
    const ep = ix.knownEntryPoints.has(req.entryPoint) ? req.entryPoint : UNKNOWN;
    const locale = req.locale !== undefined && ix.knownLocales.has(req.locale) ? req.locale : UNKNOWN;
    const key = ep + SEP + locale;
    const groups = req.groups;
    if (groups.length === 0) return key;
    if (groups.length === 1) {
      const g = ix.groupLookup.get(groups[0]!);
      return g === undefined ? key : key + SEP + g;
    }
    const canonical: string[] = [];
    for (const spelling of groups) {
      const g = ix.groupLookup.get(spelling);
      if (g !== undefined && !canonical.includes(g)) canonical.push(g);
    }
    canonical.sort();
    return canonical.length === 0 ? key : key + SEP + canonical.join(SEP);
  }
}
