import { toPointer } from '../../load/source-map.js';
import { didYouMeanHint } from '../../diagnostics/did-you-mean.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const unknownModel: Rule = {
  code: 'unknown-model',
  check(ctx) {
    const lists = [...ctx.byKind.Tier.values(), ...ctx.byKind.Collection.values()];
    return lists.flatMap((r) =>
      r.spec.models.flatMap((name, i) =>
        ctx.byKind.Model.has(name) ? [] : [report(r, toPointer(['models', i]), 'unknown-model', `model '${name}' is not defined`, { hint: didYouMeanHint(name, ctx.byKind.Model.keys()) })],
      ),
    );
  },
};
