import { didYouMeanHint } from '../../diagnostics/did-you-mean.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const unknownEntryPointGroup: Rule = {
  code: 'unknown-entry-point-group',
  check(ctx) {
    return [...ctx.byKind.Tier.values()].flatMap((t) =>
      ctx.byKind.EntryPointGroup.has(t.spec.entryPointGroup)
        ? []
        : [report(t, '/entryPointGroup', 'unknown-entry-point-group', `entry point group '${t.spec.entryPointGroup}' is not defined`, { hint: didYouMeanHint(t.spec.entryPointGroup, ctx.byKind.EntryPointGroup.keys()) })],
    );
  },
};
