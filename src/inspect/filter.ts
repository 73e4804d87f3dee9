// `get models` filters. --group reads availability exactly as the resolver
// does (runtime/availability.ts: names and identity-provider aliases), and
// "everyone" matches only models available to all.
import type { Snapshot } from '../generated/types.js';
import { allows, buildGroupLookup, compileAccess, spellingsByGroup } from '../runtime/availability.js';
import type { ModelRow, ModelStatus } from './models.js';

export interface ModelFilter {
  search?: string;
  status?: ModelStatus;
  protocol?: string;
  vendor?: string;
  purpose?: string;
  access?: string;
  group?: string;
  entryPoint?: string;
}

export function filterModels(s: Snapshot, rows: readonly ModelRow[], f: ModelFilter): ModelRow[] {
  const spellings = spellingsByGroup(buildGroupLookup(s));
  const needle = f.search?.toLowerCase();
  const eq = (a: string, b: string | undefined) => b === undefined || a.toLowerCase() === b.toLowerCase();
  return rows.filter((r) => {
    if (needle !== undefined) {
      const hay = [r.name, r.vendor, r.description, ...Object.values(r.displayNames)].map((t) => t.toLowerCase());
      if (!hay.some((t) => t.includes(needle))) return false;
    }
    if (!eq(r.status, f.status) || !eq(r.vendor, f.vendor) || !eq(r.purpose, f.purpose) || !eq(r.access, f.access)) return false;
    if (f.protocol !== undefined && !r.protocols.includes(f.protocol)) return false;
    if (f.entryPoint !== undefined && r.entryPoints !== null && !r.entryPoints.includes(f.entryPoint)) return false;
    if (f.group !== undefined && !allows(compileAccess(r.availability, spellings), [f.group])) return false;
    return true;
  });
}
