import { report } from '../context.js';
import type { Rule } from './types.js';

export const noActiveSource: Rule = {
  code: 'no-active-source',
  check(ctx) {
    return [...ctx.byKind.Model.values()].flatMap((r) => {
      if ((r.spec.status ?? 'active') !== 'active') return [];
      const live = (r.spec.sources ?? []).some((s) => (s.status ?? 'active') === 'active' && (s.weight ?? 1) > 0);
      return live ? [] : [report(r, r.spec.sources ? '/sources' : '/name', 'no-active-source', `active model '${r.name}' has no active source with weight > 0`, { target: 'key', hint: 'add a source, or set status: inactive' })];
    });
  },
};
