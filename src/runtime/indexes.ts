// The whole-snapshot index, built once per resolver: models by name, group
// spellings, tiers by entry point, task candidates, native tools, and the
// sets that bound the catalog cache key.
import { drain } from './steps.js';
import type { LocaleMap, Snapshot } from '../generated/types.js';
import { buildGroupLookup, spellingsByGroup, type Access } from './availability.js';
import { Interner } from './interner.js';
import { RouteTable } from './route-table.js';
import { credentialCheck, memoizedCredentials, type CredentialCheck } from './credentials.js';
import { buildModelIndex, type ModelIndex, type ModelIndexContext } from './model-index.js';
import type { ResolverOptions } from './types.js';

export interface TierIndex {
  readonly name: string;
  readonly displayName: LocaleMap;
  readonly order: number;
  readonly access: Access;
  readonly entryPointGroup: string;
  /** The entry points of `entryPointGroup`: where the tier is shown. */
  readonly entryPoints: ReadonlySet<string>;
  /** Candidates in the tier's order; names that do not resolve are dropped. */
  readonly models: readonly ModelIndex[];
}

export interface CollectionIndex {
  readonly name: string;
  readonly displayName: LocaleMap;
  readonly access: Access;
  readonly models: readonly string[];
}

export interface SnapshotIndex {
  readonly snapshot: Snapshot;
  readonly models: ReadonlyMap<string, ModelIndex>;
  /** Public, active, routable models by `order` then name: the catalog's candidates. */
  readonly listed: readonly ModelIndex[];
  readonly tiers: ReadonlyMap<string, TierIndex>;
  /** Tiers shown on each entry point, by `order` then name. */
  readonly tiersByEntryPoint: ReadonlyMap<string, readonly TierIndex[]>;
  /** Internal models by task, by `order` then name (any status). */
  readonly tasks: ReadonlyMap<string, readonly ModelIndex[]>;
  readonly toolRequires: ReadonlyMap<string, readonly string[]>;
  readonly collections: readonly CollectionIndex[];
  readonly groupLookup: ReadonlyMap<string, string>;
  readonly knownEntryPoints: ReadonlySet<string>;
  readonly knownLocales: ReadonlySet<string>;
  readonly routes: RouteTable;
  /** The credential check the routes were laid out with (memoized): the credential report asks it too, so both agree. */
  readonly credentialPresent: CredentialCheck;
  /** For the next index over a snapshot that changes a few models (index-patch.ts): the model names in the snapshot's order, their indexes in the same order, the interner they were built with, and how many patches this index is from a full build. */
  readonly names: readonly string[];
  readonly ordered: readonly ModelIndex[];
  readonly intern: Interner;
  readonly patches: number;
}

const present = <T>(record: Record<string, T | undefined>): [string, T][] =>
  Object.entries(record).filter((e): e is [string, T] => e[1] !== undefined);

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const byOrderThenName = (a: { order: number; name: string }, b: { order: number; name: string }): number =>
  a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** In the catalog's candidates: public, active and routable. */
export const isListed = (m: ModelIndex): boolean => m.isPublic && m.active && m.routeCount > 0;

/** Models indexed between two yields of indexSteps: ~1-2 ms of work. */
const MODELS_PER_STEP = 256;

/** What the model loop fills in. */
interface Indexed {
  names: string[];
  ordered: ModelIndex[];
  models: Map<string, ModelIndex>;
  tasks: Map<string, ModelIndex[]>;
  knownEntryPoints: Set<string>;
  knownLocales: Set<string>;
}

/**
 * Indexes the models names[start, end) into `into`. A function of its own, not
 * a loop inside indexSteps: V8 optimizes a function once its loops have run
 * enough, and a replica builds one index per apply, so with the loop inside,
 * V8 compiled the whole generator and all it inlines with its optimizing
 * compiler (~100 ms of a background thread's CPU, --trace-opt) and again after
 * each deoptimization, on every replica of a fleet.
 */
function indexModels(all: Snapshot['models'], names: readonly string[], start: number, end: number, ctx: ModelIndexContext, before: Snapshot['models'] | undefined, into: Indexed): void {
  for (let i = start; i < end; i++) {
    const name = names[i]!;
    const m = all[name];
    if (m === undefined) continue;
    const mi = buildModelIndex(name, m, ctx, before !== undefined && Object.hasOwn(before, name) && before[name] === m);
    into.models.set(name, mi);
    into.names.push(name);
    into.ordered.push(mi);
    // Indexed loops: this runs over every model on each swap, mostly before V8 optimizes it, where for-of allocates an iterator and a result per step.
    const eps = m.entryPoints;
    if (eps) for (let j = 0; j < eps.length; j++) into.knownEntryPoints.add(eps[j]!);
    for (const locale in m.displayName) into.knownLocales.add(locale);
    if (!mi.isPublic) for (let j = 0; j < m.tasks.length; j++) pushTo(into.tasks, m.tasks[j]!, mi);
  }
}

export function buildIndex(s: Snapshot, opts: ResolverOptions): SnapshotIndex {
  return drain(indexSteps(s, opts));
}

/**
 * buildIndex in steps: it yields after every MODELS_PER_STEP models, so a
 * server can build the index for a pushed 10,000-model snapshot between
 * requests instead of stalling them for the whole build. Pure: the caller
 * decides when to resume.
 */
export function* indexSteps(s: Snapshot, opts: ResolverOptions): Generator<void, SnapshotIndex> {
  const groupLookup = buildGroupLookup(s);
  const spellings = spellingsByGroup(groupLookup);
  const routes = new RouteTable();
  const intern = new Interner(spellings);
  const ctx = {
    intern,
    credentialPresent: memoizedCredentials(credentialCheck(opts)),
    globalSystemPrompt: s.settings.globalSystemPrompt,
    routes,
    groups: s.groups,
  };
  // Models that are the very objects the previous snapshot held reuse their parts (model-index.ts).
  // (A previous that carries breaker state only, as explain builds one, reuses nothing.)
  const before = (opts.previous?.snapshot as Snapshot | undefined)?.models;
  const models = new Map<string, ModelIndex>();
  const tasks = new Map<string, ModelIndex[]>();
  const knownEntryPoints = new Set<string>();
  const knownLocales = new Set<string>(s.settings.locales);
  const into: Indexed = { names: [], ordered: [], models, tasks, knownEntryPoints, knownLocales };
  const names = Object.keys(s.models);
  for (let i = 0; i < names.length; i += MODELS_PER_STEP) {
    if (i > 0) yield;
    indexModels(s.models, names, i, Math.min(i + MODELS_PER_STEP, names.length), ctx, before, into);
  }
  for (const list of tasks.values()) list.sort(byOrderThenName);
  const listed = [...models.values()].filter(isListed).sort(byOrderThenName);

  const { tiers, tiersByEntryPoint } = indexTiers(s, models, intern, knownEntryPoints, knownLocales);

  const collections = present(s.collections)
    .map(([name, c]) => ({ name, order: c.order, displayName: c.displayName, access: intern.access(c.availability), models: c.models }))
    .sort(byOrderThenName);
  for (const c of collections) for (const locale of Object.keys(c.displayName)) knownLocales.add(locale);

  const toolRequires = new Map(present(s.nativeTools).map(([name, t]) => [name, t.requires] as const));
  return { snapshot: s, models, listed, tiers, tiersByEntryPoint, tasks, toolRequires, collections, groupLookup, knownEntryPoints, knownLocales, routes, credentialPresent: ctx.credentialPresent, names: into.names, ordered: into.ordered, intern, patches: 0 };
}

/**
 * The tiers over `models`, each with its candidates' indexes, and the tiers
 * shown per entry point. Adds their entry points and locales to the known
 * sets when given (a patch passes none: its sets already hold them).
 */
export function indexTiers(s: Snapshot, models: ReadonlyMap<string, ModelIndex>, intern: Interner, knownEntryPoints?: Set<string>, knownLocales?: Set<string>): Pick<SnapshotIndex, 'tiers' | 'tiersByEntryPoint'> {
  const tiers = new Map<string, TierIndex>();
  const tiersByEntryPoint = new Map<string, TierIndex[]>();
  for (const [name, t] of present(s.tiers)) {
    const tier: TierIndex = {
      name,
      displayName: t.displayName,
      order: t.order,
      access: intern.access(t.availability),
      entryPointGroup: t.entryPointGroup,
      entryPoints: new Set(s.entryPointGroups[t.entryPointGroup]?.entryPoints ?? []),
      models: t.models.map((m) => models.get(m)).filter((m): m is ModelIndex => m !== undefined),
    };
    tiers.set(name, tier);
    if (knownLocales) for (const locale of Object.keys(t.displayName)) knownLocales.add(locale);
    for (const ep of tier.entryPoints) {
      knownEntryPoints?.add(ep);
      pushTo(tiersByEntryPoint, ep, tier);
    }
  }
  for (const list of tiersByEntryPoint.values()) list.sort(byOrderThenName);
  return { tiers, tiersByEntryPoint };
}
