import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const capabilityNotInRegistry: Rule = {
  code: 'capability-not-in-registry',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const base = r.spec.extends ? ctx.registry.get(r.spec.extends) : undefined;
      if (!base) continue;
      (r.spec.capabilities ?? []).forEach((c, i) => {
        if (!base.capabilities.includes(c))
          out.push(report(r, toPointer(['capabilities', i]), 'capability-not-in-registry', `registry model '${base.id}' does not list capability '${c}'`, { severity: 'warning' }));
      });
    }
    return out;
  },
};
