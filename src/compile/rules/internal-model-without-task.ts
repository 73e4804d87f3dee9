import { report } from '../context.js';
import type { Rule } from './types.js';

export const internalModelWithoutTask: Rule = {
  code: 'internal-model-without-task',
  check(ctx) {
    return [...ctx.byKind.Model.values()]
      .filter((r) => r.spec.access === 'internal' && !(r.spec.tasks ?? []).length)
      .map((r) => report(r, '/access', 'internal-model-without-task', `internal model '${r.name}' lists no tasks, so nothing can reach it`, { severity: 'warning' }));
  },
};
