import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const duplicateSource: Rule = {
  code: 'duplicate-source',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const seen = new Map<string, number>();
      (r.spec.sources ?? []).forEach((s, i) => {
        const key = `${s.provider}\u0000${s.model}`;
        const first = seen.get(key);
        if (first !== undefined)
          out.push(report(r, toPointer(['sources', i]), 'duplicate-source', `source ${s.provider}:${s.model} is listed twice`, { related: [{ message: 'first listed here', resource: r, pointer: toPointer(['sources', first]) }] }));
        else seen.set(key, i);
      });
    }
    return out;
  },
};
