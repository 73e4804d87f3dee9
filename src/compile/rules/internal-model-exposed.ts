import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
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
