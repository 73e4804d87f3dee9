import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const providerOptionsUnused: Rule = {
  code: 'provider-options-unused',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const types = new Set((r.spec.sources ?? []).map((s) => ctx.byKind.Provider.get(s.provider)?.spec.type));
      for (const key of Object.keys(r.spec.providerOptions ?? {}))
        if (!types.has(key as never))
          out.push(report(r, toPointer(['providerOptions', key]), 'provider-options-unused', `no source of '${r.name}' uses a provider of type '${key}'; these options are never sent`, { severity: 'warning', target: 'key' }));
    }
    return out;
  },
};
