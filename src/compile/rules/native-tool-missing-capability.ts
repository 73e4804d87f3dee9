import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import { resolveTraits } from '../build/model.js';
import type { Rule } from './types.js';

export const nativeToolMissingCapability: Rule = {
  code: 'native-tool-missing-capability',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const m = resolveTraits(ctx, r);
      (r.spec.nativeTools ?? []).forEach((name, i) => {
        const missing = (ctx.byKind.NativeTool.get(name)?.spec.requires ?? []).filter((c) => c !== 'tools' && !m.capabilities.includes(c));
        if (missing.length) out.push(report(r, toPointer(['nativeTools', i]), 'native-tool-missing-capability', `native tool '${name}' requires ${missing.join(', ')}`));
      });
    }
    return out;
  },
};
