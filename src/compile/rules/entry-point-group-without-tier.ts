// Tier coverage, as admins need it: for every declared group and every entry
// point group, is there a tier that group may use there, holding a model that
// group may use there? A tier available to everyone whose models are all
// `availability: none` serves nobody; a group left without any usable tier on
// an entry point group gets the empty-catalog message. Both are warnings at the
// entry point group's name, one per group (or one "to anyone" when no group has
// a usable tier, which also covers catalogs that declare no groups).
import type { SnapshotAvailability } from '../../generated/types.js';
import { resolveAvailability } from '../build/availability.js';
import { report, type CompileContext } from '../context.js';
import type { Rule } from './types.js';

/** A user with no declared group: only what is available to all. */
const NO_GROUP = '';

const offeredTo = (a: SnapshotAvailability, group: string): boolean => a === 'all' || (typeof a === 'object' && group !== NO_GROUP && a.groups.includes(group));

/** Whether `group` may use model `name` on any of `entryPoints`. */
function modelUsable(ctx: CompileContext, name: string, group: string, entryPoints: readonly string[]): boolean {
  const m = ctx.byKind.Model.get(name)?.spec;
  if (!m || (m.status ?? 'active') !== 'active' || (m.access ?? 'public') !== 'public') return false;
  if (!(m.sources ?? []).some((s) => (s.status ?? 'active') === 'active' && (s.weight ?? 100) > 0)) return false;
  if (m.entryPoints && !m.entryPoints.some((ep) => entryPoints.includes(ep))) return false;
  return offeredTo(resolveAvailability(m.availability, ctx.settings?.defaults?.availability), group);
}

/** Tiers of entry point group `epg` that `group` may use, with a model it may use. */
function usableTiers(ctx: CompileContext, epg: string, entryPoints: readonly string[], group: string): string[] {
  const fallback = ctx.settings?.defaults?.availability;
  return [...ctx.byKind.Tier.values()]
    .filter((t) => t.spec.entryPointGroup === epg && offeredTo(resolveAvailability(t.spec.availability, fallback), group))
    .filter((t) => t.spec.models.some((m) => modelUsable(ctx, m, group, entryPoints)))
    .map((t) => t.name);
}

export const entryPointGroupWithoutTier: Rule = {
  code: 'entry-point-group-without-tier',
  check(ctx) {
    const groups = [...ctx.byKind.Group.keys()].sort();
    return [...ctx.byKind.EntryPointGroup.values()].flatMap((g) => {
      const entryPoints = g.spec.entryPoints;
      const left = [NO_GROUP, ...groups].filter((group) => usableTiers(ctx, g.name, entryPoints, group).length === 0);
      const warn = (message: string) => report(g, '/name', 'entry-point-group-without-tier', message, { severity: 'warning' });
      // Nobody at all: one warning says it (a user in no group is covered by "anyone").
      if (left.length === groups.length + 1) return [warn(`entry point group '${g.name}' has no tier with a usable model available to anyone`)];
      return left
        .filter((group) => group !== NO_GROUP)
        .map((group) => warn(`group '${group}' has no usable tier on entry point group '${g.name}' (no tier it may use holds a model it may use there)`));
    });
  },
};
