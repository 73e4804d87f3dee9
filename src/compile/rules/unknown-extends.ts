import { didYouMeanHint } from '../../diagnostics/did-you-mean.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const unknownExtends: Rule = {
  code: 'unknown-extends',
  check(ctx) {
    return [...ctx.byKind.Model.values()].flatMap((m) =>
      m.spec.extends && !ctx.registry.has(m.spec.extends)
        ? [report(m, '/extends', 'unknown-extends', `registry model '${m.spec.extends}' does not exist`, { hint: didYouMeanHint(m.spec.extends, ctx.registry.keys()) })]
        : [],
    );
  },
};
