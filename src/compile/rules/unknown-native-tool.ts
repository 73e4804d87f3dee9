import { toPointer } from '../../load/source-map.js';
import { didYouMeanHint } from '../../diagnostics/did-you-mean.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const unknownNativeTool: Rule = {
  code: 'unknown-native-tool',
  check(ctx) {
    return [...ctx.byKind.Model.values()].flatMap((m) =>
      (m.spec.nativeTools ?? []).flatMap((name, i) =>
        ctx.byKind.NativeTool.has(name) ? [] : [report(m, toPointer(['nativeTools', i]), 'unknown-native-tool', `native tool '${name}' is not defined`, { hint: didYouMeanHint(name, ctx.byKind.NativeTool.keys()) })],
      ),
    );
  },
};
