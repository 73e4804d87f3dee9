// The impact list: what a plan means for people, in plain words. Each entry
// has a `kind` to branch on and a message to show.
import type { Snapshot, SnapshotModel, SnapshotPricing } from '../generated/types.js';
import { EVERYONE, OTHER_ENTRY_POINTS, exposure, knownEntryPoints, type Exposure } from './exposure.js';
import type { Impact, PlanChange } from './types.js';
import { routeImpact } from './route-impact.js';
import { credentialImpact } from './credential-impact.js';

const PRICE_UNITS: Record<keyof SnapshotPricing, string> = {
  input: 'USD/1M',
  output: 'USD/1M',
  cacheRead: 'USD/1M',
  cacheWrite: 'USD/1M',
  perImage: 'USD/image',
  perSecond: 'USD/s',
};
const PRICE_WORDS: Record<keyof SnapshotPricing, string> = {
  input: 'input price',
  output: 'output price',
  cacheRead: 'cache read price',
  cacheWrite: 'cache write price',
  perImage: 'price per image',
  perSecond: 'price per second',
};

const minus = (a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): Set<string> =>
  new Set([...(a ?? [])].filter((x) => !b?.has(x)));

function where(kind: string, places: Set<string>, everywhere: ReadonlySet<string>): string {
  if (kind === 'collection') return '';
  if (kind === 'tier') return ` on ${[...places].sort().join(', ')}`;
  const named = [...places].filter((p) => p !== OTHER_ENTRY_POINTS).sort();
  if (!places.has(OTHER_ENTRY_POINTS)) return ` on ${named.join(', ')}`;
  if (named.length === everywhere.size) return ' on every entry point';
  return named.length ? ` on ${named.join(', ')} and every other entry point` : ' on every entry point not listed by name';
}

function subjectWords(subject: string): string {
  return subject === EVERYONE ? 'everyone' : `group ${subject}`;
}

function accessImpact(before: Exposure, after: Exposure, live: Snapshot | null, desired: Snapshot, everywhere: ReadonlySet<string>): Impact[] {
  const out: Impact[] = [];
  const keys = new Set<string>();
  for (const side of [before, after]) for (const m of side.values()) for (const k of m.keys()) keys.add(k);
  const subjects = [EVERYONE, ...new Set([...Object.keys(live?.groups ?? {}), ...Object.keys(desired.groups)].sort())];
  const kindOrder = ['tier', 'collection', 'model'];
  const sorted = [...keys].sort((a, b) => {
    const [ka, na] = a.split('/') as [string, string];
    const [kb, nb] = b.split('/') as [string, string];
    return kindOrder.indexOf(ka) - kindOrder.indexOf(kb) || (na < nb ? -1 : na > nb ? 1 : 0);
  });
  for (const key of sorted) {
    const [kind, name] = key.split('/') as [string, string];
    const at = (side: Exposure, subject: string) => side.get(subject)?.get(key);
    const everyoneGains = minus(at(after, EVERYONE), at(before, EVERYONE));
    const everyoneLoses = minus(at(before, EVERYONE), at(after, EVERYONE));
    for (const subject of subjects) {
      const isEveryone = subject === EVERYONE;
      // A group entry says only what is not offered to everyone anyway: what
      // a group gains that everyone has afterwards (or loses that everyone
      // had before) is covered by the 'everyone' entry, or is no news.
      const gains = isEveryone ? everyoneGains : minus(minus(at(after, subject), at(before, subject)), at(after, EVERYONE));
      let losses = isEveryone ? everyoneLoses : minus(minus(at(before, subject), at(after, subject)), at(before, EVERYONE));
      // A deleted group's losses are the delete itself, shown in the changes.
      if (!isEveryone && desired.groups[subject] === undefined) losses = new Set();
      if (gains.size) {
        out.push({ kind: 'access-gained', subject, address: key, message: `${subjectWords(subject)} gains ${kind} ${name}${where(kind, gains, everywhere)}` });
      }
      if (losses.size) {
        let message = `${subjectWords(subject)} loses ${kind} ${name}${where(kind, losses, everywhere)}`;
        if (isEveryone) {
          const keeping = subjects.filter((g) => g !== EVERYONE && at(after, g)?.size);
          if (keeping.length) message += ` (still offered to ${keeping.length === 1 ? 'group' : 'groups'} ${keeping.join(', ')})`;
        }
        out.push({ kind: 'access-lost', subject, address: key, message });
      }
    }
  }
  return out;
}

const fmt = (n: number | undefined): string => (n === undefined ? 'none' : String(n));

function priceImpact(live: Snapshot, desired: Snapshot): Impact[] {
  const out: Impact[] = [];
  for (const name of Object.keys(desired.models).sort()) {
    const a = live.models[name];
    const b = desired.models[name];
    if (!a || !b) continue;
    for (const field of Object.keys(PRICE_UNITS) as (keyof SnapshotPricing)[]) {
      if (a.pricing[field] === b.pricing[field]) continue;
      out.push({
        kind: 'price-changed',
        address: `model/${name}`,
        message: `model ${name} ${PRICE_WORDS[field]} ${fmt(a.pricing[field])} → ${fmt(b.pricing[field])} ${PRICE_UNITS[field]}`,
      });
    }
  }
  for (const name of Object.keys(desired.nativeTools).sort()) {
    const a = live.nativeTools[name]?.pricing.perCall;
    const b = desired.nativeTools[name]?.pricing.perCall;
    if (!live.nativeTools[name] || a === b) continue;
    out.push({ kind: 'price-changed', address: `native-tool/${name}`, message: `native tool ${name} price per call ${fmt(a)} → ${fmt(b)} USD` });
  }
  return out;
}

function settingsImpact(live: Snapshot | null, desired: Snapshot): Impact[] {
  const out: Impact[] = [];
  const a = live?.settings.defaultModel ?? null;
  const b = desired.settings.defaultModel;
  if (live && a !== b) {
    out.push({ kind: 'default-model-changed', address: 'settings', message: `default model changes from ${a ?? 'none'} to ${b ?? 'none'}` });
  }
  if (live && live.settings.globalSystemPrompt !== desired.settings.globalSystemPrompt) {
    out.push({ kind: 'global-prompt-changed', address: 'settings', message: 'the global system prompt changes for every model' });
  }
  return out;
}

function guardImpact(changes: readonly PlanChange[]): Impact[] {
  return changes
    .filter((c) => c.action === 'delete' && c.guarded)
    .map((c) => ({
      kind: 'destroy-guarded' as const,
      address: c.address,
      message: `model ${c.name} is deleted while active and public; apply refuses this unless it is first made inactive or internal, or --allow-destroy is given`,
    }));
}

/** Whether deleting this live model needs --allow-destroy ("disable before delete"). */
export function isGuardedDelete(m: SnapshotModel): boolean {
  return m.status === 'active' && m.access === 'public';
}

export function impactOf(live: Snapshot | null, desired: Snapshot, changes: readonly PlanChange[]): Impact[] {
  const everywhere = knownEntryPoints(live, desired);
  // Who is offered an unchanged model, tier or collection does not change
  // (group entries never repeat what everyone is offered), so only changed
  // ones are evaluated: a 1% change to 10,000 models costs 1%.
  const changed = new Set(changes.filter((c) => c.kind === 'model' || c.kind === 'tier' || c.kind === 'collection').map((c) => c.address));
  return [
    ...guardImpact(changes),
    ...settingsImpact(live, desired),
    ...accessImpact(exposure(live, everywhere, changed), exposure(desired, everywhere, changed), live, desired, everywhere),
    ...(live ? routeImpact(live, desired, changed) : []),
    ...(live ? credentialImpact(live, desired) : []),
    ...(live ? priceImpact(live, desired) : []),
  ];
}

