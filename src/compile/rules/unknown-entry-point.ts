import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

/** A model narrowed to an entry point no group declares is probably a typo. */
export const unknownEntryPoint: Rule = {
  code: 'unknown-entry-point',
  check(ctx) {
    const known = new Set([...ctx.byKind.EntryPointGroup.values()].flatMap((g) => g.spec.entryPoints));
    if (known.size === 0) return [];
    return [...ctx.byKind.Model.values()].flatMap((r) =>
      (r.spec.entryPoints ?? []).flatMap((ep, i) => (known.has(ep) ? [] : [report(r, toPointer(['entryPoints', i]), 'unknown-entry-point', `entry point '${ep}' is in no EntryPointGroup`, { severity: 'warning' })])),
    );
  },
};
