// The destroy guard (design §5, "disable before delete"): one function, used
// by apply and rollback alike, always on a plan computed against live state.
import type { Plan } from './types.js';

/** Addresses of models the plan deletes while they are active and public live. */
export function guardedDeletes(plan: Pick<Plan, 'changes'>): string[] {
  return plan.changes.filter((c) => c.action === 'delete' && c.guarded).map((c) => c.address);
}
