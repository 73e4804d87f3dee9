import { report } from '../context.js';
import { resolveAvailability } from '../build/availability.js';
import type { Rule } from './types.js';

export const entryPointGroupWithoutTier: Rule = {
  code: 'entry-point-group-without-tier',
  check(ctx) {
    const fallback = ctx.settings?.defaults?.availability;
    return [...ctx.byKind.EntryPointGroup.values()].flatMap((g) => {
      const usable = [...ctx.byKind.Tier.values()].some((t) => {
        if (t.spec.entryPointGroup !== g.name) return false;
        const a = resolveAvailability(t.spec.availability, fallback);
        return a === 'all' || (typeof a === 'object' && a.groups.length > 0);
      });
      return usable ? [] : [report(g, '/name', 'entry-point-group-without-tier', `entry point group '${g.name}' has no tier available to anyone`, { severity: 'warning' })];
    });
  },
};
