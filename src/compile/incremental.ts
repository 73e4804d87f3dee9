// Pure: the rules and the models of a snapshot, redone only where a change
// can reach (what `--cache DIR` runs; src/incremental-load.ts feeds it).
//
// What makes it sound: every diagnostic a rule reports at a Model comes from
// that model's own spec, the non-Model resources (providers, native tools,
// entry point groups, groups, settings …), the registry and the rule's code,
// and is made while the rule walks ctx.byKind.Model.values(). The one
// exception, duplicate-name, reports at the second definition by looking at
// every definition: it always runs over everything (names only, cheap).
// Likewise a compiled model depends on its spec, the non-Model resources and
// the registry. So under an unchanged "environment key" (a hash of the
// non-Model resources and modelctl's code) an unchanged model's diagnostics
// and compiled JSON are what they were, and only the changed models need
// walking. Rules that report at non-Model resources (tiers, settings …) still
// run whole each time: they may look up any model by name, and get it.
//
// The contract is checked, not only trusted: a diagnostic reported at a model
// that was not walked (a rule looking across models) makes the whole pass run
// again over every model; test/cache compares warm runs with cold ones.
import { hash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Resource } from '../validate/resources.js';
import { createContext, reportedAt, type CompileContext, type Registry } from './context.js';
import { rules } from './rules/index.js';
import { canonicalJson } from '../runtime/canonical.js';
import { buildModel } from './build/model.js';
import { buildSnapshotContent, CachedModels, type CachedModelsContent, type ModelSummary } from './build/snapshot.js';

/** A hash of everything but the models that a model's diagnostics and compiled JSON depend on. */
export function environmentKey(resources: readonly Resource[], code: string): string {
  const env: unknown[] = [];
  for (const r of resources) if (r.kind !== 'Model') env.push([r.source.file, r.source.index, r.kind, r.name, r.spec]);
  return hash('sha256', JSON.stringify([code, env]), 'base64');
}

/** What an earlier run in the same environment left for each model (a first definition). */
export interface ModelMemos {
  /** Its rule diagnostics, in the order the rules made them; undefined: walk it. */
  diagnostics(model: Resource<'Model'>): readonly Diagnostic[] | undefined;
  /** What the rules reported at a walked model, for next time. */
  walked(model: Resource<'Model'>, diagnostics: Diagnostic[]): void;
}

/** The models the rules walk: lookups by name still see every model (read from `all`, not copied). */
class WalkedModels extends Map<string, Resource<'Model'>> {
  constructor(
    private readonly all: Map<string, Resource<'Model'>>,
    private readonly walked: readonly Resource<'Model'>[],
  ) {
    super();
  }
  override get(name: string): Resource<'Model'> | undefined {
    return this.all.get(name);
  }
  override has(name: string): boolean {
    return this.all.has(name);
  }
  override keys(): MapIterator<string> {
    return this.all.keys();
  }
  override get size(): number {
    return this.all.size;
  }
  override values(): MapIterator<Resource<'Model'>> {
    return this.walked.values();
  }
  override entries(): MapIterator<[string, Resource<'Model'>]> {
    return this.walked.map((r): [string, Resource<'Model'>] => [r.name, r]).values();
  }
  override [Symbol.iterator](): MapIterator<[string, Resource<'Model'>]> {
    return this.entries();
  }
  override forEach(fn: (value: Resource<'Model'>, key: string, map: Map<string, Resource<'Model'>>) => void, thisArg?: unknown): void {
    for (const r of this.walked) fn.call(thisArg, r, r.name, this);
  }
}

export interface IncrementalCheck {
  ctx: CompileContext;
  /** Every rule diagnostic, as check() gives them (unsorted: the caller sorts with the rest). */
  diagnostics: Diagnostic[];
}

/**
 * Every rule, walking only the models without a memo. The diagnostics are the
 * ones check() gives over everything, in an order whose ties (same file, line,
 * column and code: only ever within one document) are as check()'s.
 */
export function checkIncremental(resources: readonly Resource[], registry: Registry, memos: ModelMemos): IncrementalCheck {
  const ctx = createContext(resources, registry);
  const remembered: (readonly Diagnostic[])[] = [];
  const walk: Resource<'Model'>[] = [];
  for (const r of ctx.byKind.Model.values()) {
    const known = memos.diagnostics(r);
    if (known) remembered.push(known);
    else walk.push(r);
  }
  const pass = walkRules(ctx, walk);
  if (!pass) return { ctx, diagnostics: walkEverything(ctx, memos) };
  for (const [r, list] of pass.byModel) memos.walked(r, list);
  return { ctx, diagnostics: [...pass.diagnostics, ...remembered.flat()] };
}

/** The rules over every model (the contract above was broken: nothing remembered is used). */
function walkEverything(ctx: CompileContext, memos: ModelMemos): Diagnostic[] {
  const pass = walkRules(ctx, [...ctx.byKind.Model.values()])!;
  for (const [r, list] of pass.byModel) memos.walked(r, list);
  return pass.diagnostics;
}

/** The rules with `walk` as the models they iterate; undefined when one reported at a model outside it. */
function walkRules(ctx: CompileContext, walk: Resource<'Model'>[]): { diagnostics: Diagnostic[]; byModel: Map<Resource<'Model'>, Diagnostic[]> } | undefined {
  const walked = new Set<Resource>(walk);
  const view: CompileContext = { ...ctx, byKind: { ...ctx.byKind, Model: new WalkedModels(ctx.byKind.Model, walk) } };
  const byModel = new Map<Resource<'Model'>, Diagnostic[]>(walk.map((r) => [r, []]));
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules)
    for (const d of rule.check(view)) {
      diagnostics.push(d);
      const at = reportedAt.get(d);
      // Reported at a model that is a first definition: it must be one walked, and is remembered with it.
      if (at?.kind !== 'Model' || ctx.byKind.Model.get(at.name) !== at) continue;
      if (!walked.has(at)) return undefined;
      byModel.get(at)!.push(d);
    }
  return { diagnostics, byModel };
}

/** A model's compiled JSON from an earlier run in the same environment, and a place to leave new ones. */
export interface FragmentMemos {
  fragment(model: Resource<'Model'>): { json: Uint8Array; summary: ModelSummary } | undefined;
  built(model: Resource<'Model'>, json: Uint8Array, summary: ModelSummary): void;
}

/** The snapshot content with each model's canonical JSON taken from the memos or built (and handed to them). */
export function buildCachedContent(ctx: CompileContext, memos: FragmentMemos): CachedModelsContent {
  const names = [...ctx.byKind.Model.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const json: Uint8Array[] = [];
  const summaries: ModelSummary[] = [];
  for (const name of names) {
    const r = ctx.byKind.Model.get(name)!;
    let known = memos.fragment(r);
    if (!known) {
      const model = buildModel(ctx, r);
      known = { json: Buffer.from(canonicalJson(model), 'utf8'), summary: [model.status, model.access, model.sources.length] };
      memos.built(r, known.json, known.summary);
    }
    json.push(known.json);
    summaries.push(known.summary);
  }
  return { ...buildSnapshotContent(ctx, false), models: new CachedModels(names, json, summaries) };
}
