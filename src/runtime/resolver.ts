// createResolver (design §6): index the snapshot once, then answer catalog,
// resolve and report from memory. Pure apart from the injected random/now.
// Credential presence is read once, at build time (see credentials.ts).
import { BreakerBoard } from './breaker.js';
import { CatalogCache } from './catalog-cache.js';
import { buildCatalog } from './catalog.js';
import { indexCredentialReport, type CredentialReport } from './credential-report.js';
import type { Audience } from './eligibility.js';
import { indexSteps, type SnapshotIndex } from './indexes.js';
import { patchIndex } from './index-patch.js';
import { drain } from './steps.js';
import { Router } from './routing.js';
import { isRefusal, selectModel, selectTask, selectTier, type Selection } from './selection.js';
import { filterTools } from './tools.js';
import type { ResolveRequest, ResolveResult, Resolver, ResolverOptions, Snapshot } from './types.js';

/**
 * A request names exactly one target; if several are given the most specific
 * wins: model, then tier, then task.
 */
function select(ix: SnapshotIndex, req: ResolveRequest): Selection {
  const a: Audience = req;
  if (req.model !== undefined) return selectModel(ix, req.model, a);
  if (req.tier !== undefined) return selectTier(ix, req.tier, a);
  if (req.task !== undefined) return selectTask(ix, req.task, a);
  return { code: 'model-not-found', message: 'the request names no model, tier or task' };
}

export function createResolver(snapshot: Snapshot, opts: ResolverOptions = {}): Resolver {
  return drain(resolverSteps(snapshot, opts));
}

/**
 * createResolver in steps (see indexSteps), for a server that builds the
 * resolver of a large pushed snapshot between requests. The previous
 * resolver's breaker states are read at the last step, so reports that
 * arrive during the build carry over too.
 */
export function* resolverSteps(snapshot: Snapshot, opts: ResolverOptions = {}): Generator<void, Resolver> {
  // A few models changed since `previous`: its index, patched (index-patch.ts); else the whole build.
  const before = opts.previous && indexes.get(opts.previous);
  const ix = (before && patchIndex(before, snapshot, opts)) || (yield* indexSteps(snapshot, opts));
  const resolver = resolverOver(snapshot, ix, opts);
  indexes.set(resolver, ix);
  return resolver;
}

/** Whether `resolver`'s index was patched from its `previous` one's (index-patch.ts) rather than built over every model: for a server's status and metrics. */
export function resolverWasPatched(resolver: Resolver): boolean {
  return (indexes.get(resolver)?.patches ?? 0) > 0;
}

/** Each resolver's index, for what is read off it besides answers (its credential report). */
const indexes = new WeakMap<Resolver, SnapshotIndex>();

/**
 * The credential report that matches what `resolver` routes: read off its
 * index (credential-report.ts indexCredentialReport), for the options it was
 * built with. Only for resolvers built here.
 */
export function resolverCredentialReport(resolver: Resolver): CredentialReport {
  const ix = indexes.get(resolver);
  if (ix === undefined) throw new Error('resolverCredentialReport: not a resolver built by createResolver or resolverSteps');
  return indexCredentialReport(ix);
}

function resolverOver(snapshot: Snapshot, ix: SnapshotIndex, opts: ResolverOptions): Resolver {
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const breakers = new BreakerBoard(ix.routes.size, (slot) => ix.routes.sourceId(slot), snapshot.settings.circuitBreaker);
  if (opts.previous) breakers.importState(opts.previous.breakerState());
  const router = new Router(ix.routes, breakers, random, now);
  const cache = new CatalogCache(ix);

  return {
    version: snapshot.version,
    snapshot,
    catalog(req) {
      return cache.get(req, () => buildCatalog(ix, { entryPoint: req.entryPoint, groups: req.groups, locale: req.locale }));
    },
    resolve(req): ResolveResult {
      const m = select(ix, req);
      if (isRefusal(m)) return { ok: false, error: m };
      return {
        ok: true,
        model: m.name,
        attempts: router.attempts(m),
        systemPrompt: m.systemPrompt,
        tools: filterTools(req.tools, m, ix.toolRequires),
        parameters: m.parameters,
        providerOptions: m.providerOptions,
        pricing: m.pricing,
        contextLimit: m.model.contextLimit,
        maxOutputTokens: m.model.maxOutputTokens,
        compressionThreshold: m.model.compressionThreshold,
      };
    },
    report(sourceId, outcome) {
      // Unknown ids are ignored: the report may concern a source of the
      // snapshot this one replaced.
      const slot = breakers.slotOf(sourceId);
      if (slot !== undefined) breakers.report(slot, outcome.ok, now());
    },
    breakers() {
      return breakers.statuses(now());
    },
    breakerState() {
      return breakers.exportState();
    },
  };
}
