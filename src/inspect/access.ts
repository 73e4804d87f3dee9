// `modelctl access`: who sees what, asked of the real resolver — one
// catalog() per group × entry point — so it can never disagree with what a
// gateway is given. "everyone" is a user in no declared group.
import type { Snapshot } from '../generated/types.js';
import { knownEntryPoints } from '../plan/exposure.js';
import { createResolver } from '../runtime/resolver.js';
import { presenceOf, type LiveStatus } from './live.js';
import { present } from './text.js';

export const EVERYONE = 'everyone';

export interface AccessCell {
  group: string;
  entryPoint: string;
  defaultModel: string | null;
  /** Tiers offered here, each with the model it resolves to for this audience. */
  tiers: { name: string; displayName: string; model: string }[];
  models: string[];
  collections: string[];
}

export interface AccessMatrix {
  version: string;
  groups: string[];
  entryPoints: string[];
  cells: AccessCell[];
}

export interface AccessQuery {
  group?: string;
  entryPoint?: string;
}

/**
 * The resolver options that make credential presence what the server
 * reported: a reference known missing is unset, any other counts as present
 * (a catalog read from git explains the catalog, not a machine).
 */
export function presenceOptions(s: Snapshot, live: LiveStatus | null): { env: Record<string, string>; fileExists: (path: string) => boolean } {
  const env: Record<string, string> = {};
  const missingFiles = new Set<string>();
  for (const [provider, p] of present(s.providers)) {
    for (const [binding, ref] of Object.entries(p.credentials)) {
      const missing = presenceOf(live, provider, binding) === 'missing';
      if ('env' in ref) {
        if (!missing) env[ref.env] = 'set';
      } else if (missing) missingFiles.add(ref.file);
    }
  }
  return { env, fileExists: (path) => !missingFiles.has(path) };
}

export function accessMatrix(s: Snapshot, live: LiveStatus | null, q: AccessQuery = {}): AccessMatrix {
  const resolver = createResolver(s, presenceOptions(s, live));
  const groups = q.group !== undefined ? [q.group] : [EVERYONE, ...Object.keys(s.groups).filter((g) => s.groups[g] !== undefined).sort()];
  const entryPoints = q.entryPoint !== undefined ? [q.entryPoint] : [...knownEntryPoints(s)].sort();
  const cells: AccessCell[] = [];
  for (const group of groups) {
    for (const entryPoint of entryPoints) {
      const c = resolver.catalog({ entryPoint, groups: group === EVERYONE ? [] : [group] });
      cells.push({
        group,
        entryPoint,
        defaultModel: c.defaultModel,
        tiers: c.tiers.map((t) => ({ name: t.name, displayName: t.displayName, model: t.model })),
        models: c.models.map((m) => m.name),
        collections: c.collections.map((col) => col.name),
      });
    }
  }
  return { version: s.version, groups, entryPoints, cells };
}

export interface ModelAccess {
  group: string;
  entryPoint: string;
  /** Shown in the model selector. */
  listed: boolean;
  /** Tiers that resolve to the model here. */
  tiers: string[];
  collections: string[];
}

/** "Who can see M, where": every cell where M is listed or a tier resolves to it. */
export function modelAccess(s: Snapshot, m: AccessMatrix, model: string): ModelAccess[] {
  // A collection shows only the models its audience sees, so it holds M here exactly when M is listed.
  const holds = (c: string) => s.collections[c]?.models.includes(model) ?? false;
  return m.cells
    .map((c) => {
      const listed = c.models.includes(model);
      return { group: c.group, entryPoint: c.entryPoint, listed, tiers: c.tiers.filter((t) => t.model === model).map((t) => t.name), collections: listed ? c.collections.filter(holds) : [] };
    })
    .filter((a) => a.listed || a.tiers.length > 0);
}
