import { report } from '../context.js';
import { resolveTraits } from '../build/model.js';
import type { Rule } from './types.js';

export const nativeToolNeedsTools: Rule = {
  code: 'native-tool-needs-tools',
  check(ctx) {
    return [...ctx.byKind.Model.values()].flatMap((r) => {
      const m = resolveTraits(ctx, r);
      return m.nativeTools.length > 0 && !m.capabilities.includes('tools')
        ? [report(r, '/nativeTools', 'native-tool-needs-tools', "native tools need the 'tools' capability", { hint: "add 'tools' to capabilities or remove nativeTools" })]
        : [];
    });
  },
};
