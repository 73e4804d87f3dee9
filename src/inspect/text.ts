// Small shared readings of snapshot values for display rows.
import type { LocaleMap, Snapshot, SnapshotAvailability, SnapshotCredentialRef } from '../generated/types.js';
import { pickText } from '../runtime/locale.js';

export function display(s: Snapshot, map: LocaleMap, name: string): string {
  return pickText(map, undefined, s.settings.locales[0], name);
}

/** `all`, `none` or the granted groups, comma-separated. */
export function availabilityText(a: SnapshotAvailability): string {
  return typeof a === 'string' ? a : a.groups.join(',');
}

/** `env NAME` or `file PATH`: the reference, never a value. */
export function refText(ref: SnapshotCredentialRef): string {
  return 'env' in ref ? `env ${ref.env}` : `file ${ref.file}`;
}

export const present = <T>(record: Record<string, T | undefined>): [string, T][] =>
  Object.entries(record).filter((e): e is [string, T] => e[1] !== undefined);

export const byOrderThenName = <T extends { order: number; name: string }>(a: T, b: T) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
