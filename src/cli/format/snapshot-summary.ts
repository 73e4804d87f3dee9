import type { Snapshot } from '../../generated/types.js';

/** One line a human reads after compile: what the snapshot holds. */
export function summarizeSnapshot(s: Snapshot): string {
  const models = Object.values(s.models);
  const active = models.filter((m) => m.status === 'active').length;
  const internal = models.filter((m) => m.access === 'internal').length;
  const sources = models.reduce((n, m) => n + m.sources.length, 0);
  const count = (o: object) => Object.keys(o).length;
  return (
    `snapshot ${s.version.slice(0, 19)}…: ${models.length} models (${active} active, ${internal} internal), ${sources} sources, ` +
    `${count(s.providers)} providers, ${count(s.tiers)} tiers, ${count(s.collections)} collections, ${count(s.groups)} groups, ` +
    `${count(s.nativeTools)} native tools; default model: ${s.settings.defaultModel ?? '(none)'}`
  );
}
