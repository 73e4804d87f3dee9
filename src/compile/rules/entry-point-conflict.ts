import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import type { Resource } from '../../validate/resources.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

/** An entry point belongs to one group, or tiers would be ambiguous there. */
export const entryPointConflict: Rule = {
  code: 'entry-point-conflict',
  check(ctx) {
    const owner = new Map<string, Resource<'EntryPointGroup'>>();
    const out: Diagnostic[] = [];
    for (const g of ctx.byKind.EntryPointGroup.values())
      g.spec.entryPoints.forEach((ep, i) => {
        const first = owner.get(ep);
        if (first) out.push(report(g, toPointer(['entryPoints', i]), 'entry-point-conflict', `entry point '${ep}' is already in group '${first.name}'`, { related: [{ message: 'first listed here', resource: first, pointer: toPointer(['entryPoints', first.spec.entryPoints.indexOf(ep)]) }] }));
        else owner.set(ep, g);
      });
    return out;
  },
};
