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

/** A model narrowed to an entry point no group declares is probably a typo. */
export const unknownEntryPoint: Rule = {
  code: 'unknown-entry-point',
  check(ctx) {
    const known = new Set([...ctx.byKind.EntryPointGroup.values()].flatMap((g) => g.spec.entryPoints));
    if (known.size === 0) return [];
    return [...ctx.byKind.Model.values()].flatMap((r) =>
      (r.spec.entryPoints ?? []).flatMap((ep, i) => (known.has(ep) ? [] : [report(r, toPointer(['entryPoints', i]), 'unknown-entry-point', `entry point '${ep}' is in no EntryPointGroup`, { severity: 'warning' })])),
    );
  },
};
