import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import { PROTOCOLS } from '../provider-types.js';
import type { Rule } from './types.js';

export const protocolUnsupported: Rule = {
  code: 'protocol-unsupported',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values())
      (r.spec.sources ?? []).forEach((s, i) => {
        const type = ctx.byKind.Provider.get(s.provider)?.spec.type;
        if (type && s.protocol && !PROTOCOLS[type].allowed.includes(s.protocol))
          out.push(report(r, toPointer(['sources', i, 'protocol']), 'protocol-unsupported', `provider type '${type}' does not speak ${s.protocol}`, { hint: `supported: ${PROTOCOLS[type].allowed.join(', ')}` }));
      });
    return out;
  },
};
