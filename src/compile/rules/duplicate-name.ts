import { report } from '../context.js';
import { KINDS } from '../../validate/resources.js';
import type { Rule } from './types.js';

/** Names are unique per kind; reported at the second definition, with the first as related. */
export const duplicateName: Rule = {
  code: 'duplicate-name',
  check(ctx) {
    return KINDS.filter((k) => k !== 'Settings').flatMap((kind) => {
      const first = ctx.byKind[kind];
      return ctx
        .allOfKind(kind)
        .filter((r) => first.get(r.name) !== r)
        .map((r) =>
          report(r, '/name', 'duplicate-name', `${kind} '${r.name}' is defined more than once`, {
            related: [{ message: 'first defined here', resource: first.get(r.name)!, pointer: '/name' }],
          }),
        );
    });
  },
};
