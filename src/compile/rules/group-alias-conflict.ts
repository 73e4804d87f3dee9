import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

/** An identity-provider name must map to exactly one group. */
export const groupAliasConflict: Rule = {
  code: 'group-alias-conflict',
  check(ctx) {
    const out: Diagnostic[] = [];
    const owner = new Map<string, string>();
    for (const g of ctx.byKind.Group.values()) owner.set(g.name, g.name);
    for (const g of ctx.byKind.Group.values())
      (g.spec.aliases ?? []).forEach((alias, i) => {
        const other = owner.get(alias);
        if (other !== undefined && other !== g.name) out.push(report(g, toPointer(['aliases', i]), 'group-alias-conflict', `alias '${alias}' already names group '${other}'`));
        else owner.set(alias, g.name);
      });
    return out;
  },
};
