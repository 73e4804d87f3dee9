// Internal models stay internal; every entry point group keeps a tier someone can use.
import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import { resolveAvailability } from '../build/availability.js';
import type { Rule } from './types.js';

export const internalModelExposed: Rule = {
  code: 'internal-model-exposed',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of [...ctx.byKind.Tier.values(), ...ctx.byKind.Collection.values()])
      r.spec.models.forEach((name, i) => {
        if (ctx.byKind.Model.get(name)?.spec.access === 'internal')
          out.push(report(r, toPointer(['models', i]), 'internal-model-exposed', `internal model '${name}' cannot be in a ${r.kind.toLowerCase()}`));
      });
    return out;
  },
};

export const internalModelWithoutTask: Rule = {
  code: 'internal-model-without-task',
  check(ctx) {
    return [...ctx.byKind.Model.values()]
      .filter((r) => r.spec.access === 'internal' && !(r.spec.tasks ?? []).length)
      .map((r) => report(r, '/access', 'internal-model-without-task', `internal model '${r.name}' lists no tasks, so nothing can reach it`, { severity: 'warning' }));
  },
};

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
