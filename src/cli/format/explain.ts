// Human-readable `modelctl explain`: what this user sees, what is hidden and why,
// and how a request would route.
import type { InspectExplanation, LiveRoute } from '../../inspect/index.js';

const price = (p: Record<string, number>) => Object.entries(p).map(([k, v]) => `${k} ${v}`).join(', ') || '(none)';

/** What the server says about a route: its breaker and its credential. */
function liveNote(r: LiveRoute): string {
  const notes = [`${r.credential} ${r.presence}`];
  if (r.breaker && r.breaker !== 'closed') notes.push(`breaker ${r.breaker}`);
  return `  [${notes.join('; ')}]`;
}

export function formatExplanation(e: InspectExplanation): string {
  const lines: string[] = [];
  lines.push(`snapshot ${e.version}`);
  lines.push(`entry point ${e.entryPoint}; groups ${e.groups.matched.map((m) => (m.spelling === m.group ? m.group : `${m.spelling}→${m.group}`)).join(', ') || '(none)'}`);
  if (e.groups.unknown.length) lines.push(`  unknown groups (ignored): ${e.groups.unknown.join(', ')}`);
  lines.push('', `default model: ${e.catalog.defaultModel ?? '(none)'}`);
  if (e.live) lines.push(`live: breakers and credential presence from the server (${e.live.presence === 'server' ? "the server's report" : e.live.presence === 'derived' ? 'derived from its resolver' : 'presence unknown'})`);
  if (e.catalog.message) lines.push(`message: ${e.catalog.message}`);
  lines.push('', 'tiers:');
  for (const t of e.catalog.tiers) lines.push(`  ${t.name.padEnd(24)} ${t.displayName} → ${t.model}`);
  if (!e.catalog.tiers.length) lines.push('  (none)');
  lines.push('', 'models:');
  for (const m of e.catalog.models) lines.push(`  ${m.name.padEnd(24)} ${m.displayName} [${m.capabilities.join(', ')}]`);
  if (!e.catalog.models.length) lines.push('  (none)');
  lines.push('', 'collections:');
  for (const c of e.catalog.collections) lines.push(`  ${c.name.padEnd(24)} ${c.displayName}: ${c.models.join(', ')}`);
  if (!e.catalog.collections.length) lines.push('  (none)');
  if (e.hidden.models.length || e.hidden.tiers.length) {
    lines.push('', 'hidden:');
    for (const h of e.hidden.models) lines.push(`  model ${h.name.padEnd(18)} ${h.reasons.join(', ')}`);
    for (const h of e.hidden.tiers) lines.push(`  tier  ${h.name.padEnd(18)} ${h.reasons.join(', ')}`);
  }
  if (e.result) {
    lines.push('');
    if (!e.result.ok) lines.push(`resolve: ${e.result.error.code}: ${e.result.error.message}`);
    else {
      lines.push(`resolve → ${e.result.model}`);
      e.result.attempts.forEach((a, i) => lines.push(`  ${i + 1}. ${a.provider} ${a.model} (${a.protocol}) ${a.baseUrl}`));
      if (e.model) {
        lines.push(`  prices (USD per 1M tokens): ${price(e.model.pricing)}`);
        lines.push(`  native tools: ${e.model.nativeTools.join(', ') || '(none)'}`);
        lines.push(`  collections: ${e.model.collections.join(', ') || '(none)'}`);
      }
      if (e.result.tools.allowed.length) lines.push(`  tools allowed: ${e.result.tools.allowed.join(', ')}`);
      if (e.result.tools.removed.length) lines.push(`  tools removed: ${e.result.tools.removed.map((r) => `${r.name} (${r.reason})`).join(', ')}`);
    }
  }
  if (e.routes?.length) {
    lines.push('', 'routes (all sources of the model):');
    for (const r of e.routes) lines.push(`  p${r.priority}  weight ${String(r.weight).padStart(4)}  ${(r.share * 100).toFixed(0).padStart(3)}%  ${r.state.padEnd(16)} ${r.sourceId}${e.live ? liveNote(r) : ''}`);
  }
  return lines.join('\n') + '\n';
}
