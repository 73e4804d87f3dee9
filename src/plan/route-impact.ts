// What a plan does to where requests go, in words: a model that loses its last
// active route, and a model whose traffic moves between upstreams ("anthropic
// 80% → 60%, bedrock-us 20% → 40%"; "priority-0 routes all disabled: traffic
// now goes to openrouter"). Shares are those of the first priority class that
// has an active source with weight > 0: the class the resolver tries first.
import type { Snapshot, SnapshotModel, SnapshotSource } from '../generated/types.js';
import type { Impact } from './types.js';

const usable = (s: SnapshotSource): boolean => s.status === 'active' && s.weight > 0;
const activeRoutes = (m: SnapshotModel): number => m.sources.filter(usable).length;

interface Split {
  priority: number;
  /** Source label → percent of the first class's traffic. */
  shares: Map<string, number>;
}

/** Providers name a source, unless one provider serves the model twice; then provider:model. */
function labels(sources: readonly SnapshotSource[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const s of sources) count.set(s.provider, (count.get(s.provider) ?? 0) + 1);
  return new Map(sources.map((s) => [s.id, count.get(s.provider)! > 1 ? `${s.provider}:${s.model}` : s.provider]));
}

function split(m: SnapshotModel, names: ReadonlyMap<string, string>): Split | null {
  const live = m.sources.filter(usable);
  if (live.length === 0) return null;
  const priority = live.reduce((min, s) => Math.min(min, s.priority), Infinity);
  const first = live.filter((s) => s.priority === priority);
  const total = first.reduce((sum, s) => sum + s.weight, 0);
  return { priority, shares: new Map(first.map((s) => [names.get(s.id) ?? s.provider, (100 * s.weight) / total])) };
}

const pct = (n: number | undefined): string => `${n === undefined ? 0 : Math.round(n * 10) / 10}%`;

function movedWords(a: Split, b: Split): string | null {
  const names = [...new Set([...a.shares.keys(), ...b.shares.keys()])];
  const moved = names.filter((n) => Math.abs((a.shares.get(n) ?? 0) - (b.shares.get(n) ?? 0)) > 1e-9);
  if (moved.length === 0) return null;
  return moved.map((n) => `${n} ${pct(a.shares.get(n))} → ${pct(b.shares.get(n))}`).join(', ');
}

function changedRoute(name: string, a: SnapshotModel, b: SnapshotModel): Impact | null {
  const names = labels([...a.sources, ...b.sources.filter((s) => !a.sources.some((x) => x.id === s.id))]);
  const before = split(a, names);
  const after = split(b, names);
  if (!before || !after) return null; // no route before (nothing moves) or after (route-lost says it)
  const address = `model/${name}`;
  if (after.priority !== before.priority) {
    const targets = [...after.shares].map(([n, share]) => (after.shares.size > 1 ? `${n} ${pct(share)}` : n)).join(', ');
    const why = after.priority > before.priority ? `priority-${before.priority} routes all disabled` : `priority-${after.priority} routes now come first`;
    return { kind: 'route-changed', address, message: `model ${name}: ${why}: traffic now goes to ${targets}` };
  }
  const words = movedWords(before, after);
  return words ? { kind: 'route-changed', address, message: `model ${name}: ${words}` } : null;
}

export function routeImpact(live: Snapshot, desired: Snapshot, changed: ReadonlySet<string>): Impact[] {
  const out: Impact[] = [];
  for (const name of Object.keys(desired.models).sort()) {
    if (!changed.has(`model/${name}`)) continue;
    const a = live.models[name];
    const b = desired.models[name];
    if (!a || !b) continue;
    if (activeRoutes(a) > 0 && activeRoutes(b) === 0) {
      const drained = b.sources.some((s) => s.status === 'active');
      out.push({ kind: 'route-lost', address: `model/${name}`, message: `model ${name} loses its last active route${drained ? ' (only drained routes, weight 0, remain)' : ''}` });
      continue;
    }
    const moved = changedRoute(name, a, b);
    if (moved) out.push(moved);
  }
  return out;
}
