// createPlan: the desired snapshot against the live one, resource by
// resource. Pure: no IO, inputs untouched.
import type { Snapshot, SnapshotModel } from '../generated/types.js';
import { deepEqual, fieldChanges } from './fields.js';
import { impactOf, isGuardedDelete } from './impact.js';
import { KINDS, resourcesOf } from './resources.js';
import type { Plan, PlanChange } from './types.js';

function isSet(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return typeof v !== 'object' || Object.keys(v).length > 0;
}

export function createPlan(live: Snapshot | null, desired: Snapshot): Plan {
  const before = resourcesOf(live);
  const after = resourcesOf(desired);
  const changes: PlanChange[] = [];
  // Print order: kind (as KINDS lists them), then name; deletes slot in among the rest.
  const rank = (a: string) => KINDS.findIndex((k) => k.kind === (before.get(a) ?? after.get(a))!.kind);
  const addresses = [...new Set([...after.keys(), ...before.keys()])].sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));

  for (const addr of addresses) {
    const a = before.get(addr);
    const b = after.get(addr);
    if (a && b) {
      if (deepEqual(a.value, b.value)) continue;
      changes.push({ address: addr, kind: b.kind, name: b.name, action: 'update', before: a.value, after: b.value, fields: fieldChanges(addr, a.value, b.value) });
    } else if (b) {
      // A create lists what is set: an unset field (null, '', [], {}) tells a reviewer nothing.
      changes.push({ address: addr, kind: b.kind, name: b.name, action: 'create', before: null, after: b.value, fields: fieldChanges(addr, {}, b.value).filter((f) => isSet(f.after)) });
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
