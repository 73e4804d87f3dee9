import { report } from '../context.js';
import type { Rule } from './types.js';

export const multipleSettings: Rule = {
  code: 'multiple-settings',
  check(ctx) {
    const all = ctx.allOfKind('Settings');
    return all.slice(1).map((r) =>
      report(r, '/kind', 'multiple-settings', 'a catalog has at most one Settings document', {
        related: [{ message: 'first Settings here', resource: all[0]!, pointer: '/kind' }],
      }),
    );
  },
};
