import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { didYouMeanHint } from '../../diagnostics/did-you-mean.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const unknownProvider: Rule = {
  code: 'unknown-provider',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const m of ctx.byKind.Model.values())
      (m.spec.sources ?? []).forEach((s, i) => {
        if (!ctx.byKind.Provider.has(s.provider))
          out.push(report(m, toPointer(['sources', i, 'provider']), 'unknown-provider', `provider '${s.provider}' is not defined`, { hint: didYouMeanHint(s.provider, ctx.byKind.Provider.keys()) }));
      });
    return out;
  },
};
