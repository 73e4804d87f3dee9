import type { Availability, SnapshotAvailability } from '../../generated/types.js';

/** Groups sorted and de-duplicated so equal availability compiles to equal bytes. */
export function normalizeAvailability(a: Availability): SnapshotAvailability {
  return typeof a === 'string' ? a : { groups: [...new Set(a.groups)].sort() };
}

export function resolveAvailability(own: Availability | undefined, fallback: Availability | undefined): SnapshotAvailability {
  return normalizeAvailability(own ?? fallback ?? 'all');
}
