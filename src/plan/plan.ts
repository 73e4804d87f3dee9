// createPlan: the desired snapshot against the live one, resource by
// resource. Pure: no IO, inputs untouched.
import type { Snapshot, SnapshotModel } from '../generated/types.js';
import { deepEqual, fieldChanges } from './fields.js';
import { impactOf, isGuardedDelete } from './impact.js';
import { resourcesOf } from './resources.js';
import type { Plan, PlanChange } from './types.js';

export function createPlan(live: Snapshot | null, desired: Snapshot): Plan {
  const before = resourcesOf(live);
  const after = resourcesOf(desired);
  const changes: PlanChange[] = [];
  // Walk in print order: every address of `after` in order, with deletes
  // slotted in where they sort among them.
  const addresses = [...new Set([...after.keys(), ...before.keys()])];
  const rank = new Map<string, number>();
  const kindRank = (a: string) => ['settings', 'provider', 'group', 'entry-point-group', 'native-tool', 'model', 'tier', 'collection'].indexOf(a.split('/')[0]!);
  for (const a of addresses) rank.set(a, kindRank(a));
  addresses.sort((x, y) => rank.get(x)! - rank.get(y)! || (x < y ? -1 : x > y ? 1 : 0));

  for (const addr of addresses) {
    const a = before.get(addr);
    const b = after.get(addr);
    if (a && b) {
      if (deepEqual(a.value, b.value)) continue;
      changes.push({ address: addr, kind: b.kind, name: b.name, action: 'update', before: a.value, after: b.value, fields: fieldChanges(addr, a.value, b.value) });
    } else if (b) {
      changes.push({ address: addr, kind: b.kind, name: b.name, action: 'create', before: null, after: b.value, fields: fieldChanges(addr, {}, b.value) });
    } else if (a) {
      const guarded = a.kind === 'model' && isGuardedDelete(a.value as SnapshotModel);
      changes.push({ address: addr, kind: a.kind, name: a.name, action: 'delete', before: a.value, after: null, fields: [], guarded });
    }
  }
  const count = (action: PlanChange['action']) => changes.filter((c) => c.action === action).length;
  return {
    formatVersion: 1,
    base: live ? { version: live.version } : null,
    desired: { version: desired.version },
    summary: { create: count('create'), update: count('update'), delete: count('delete') },
    changes,
    impact: impactOf(live, desired, changes),
    snapshot: desired,
  };
}
