import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const unknownBinding: Rule = {
  code: 'unknown-binding',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const m of ctx.byKind.Model.values())
      (m.spec.sources ?? []).forEach((s, i) => {
        const provider = ctx.byKind.Provider.get(s.provider);
        const binding = s.binding ?? 'default';
        if (provider && !(binding in provider.spec.credentials)) {
          const pointer = toPointer(['sources', i, s.binding ? 'binding' : 'provider']);
          out.push(report(m, pointer, 'unknown-binding', `provider '${s.provider}' has no credential '${binding}'`, { hint: `defined: ${Object.keys(provider.spec.credentials).join(', ')}` }));
        }
      });
    return out;
  },
};
