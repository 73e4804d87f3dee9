// What every rule and builder sees: resources indexed by kind and name (first
// definition wins), the registry, and a way to report at a pointer of a resource.
import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics/types.js';
import { diagnosticAt } from '../load/parse.js';
import type { Target } from '../load/source-map.js';
import type { RegistryModel, Settings } from '../generated/types.js';
import type { Kind, KindMap, Resource } from '../validate/resources.js';

export type Registry = ReadonlyMap<string, RegistryModel>;

export interface CompileContext {
  resources: readonly Resource[];
  byKind: { [K in Kind]: Map<string, Resource<K>> };
  /** Every definition per kind, duplicates included, in input order. */
  allOfKind<K extends Kind>(kind: K): Resource<K>[];
  settings: Settings | undefined;
  registry: Registry;
}

export function createContext(resources: readonly Resource[], registry: Registry): CompileContext {
  const byKind = {
    Provider: new Map(),
    Model: new Map(),
    Settings: new Map(),
    Group: new Map(),
    EntryPointGroup: new Map(),
    Tier: new Map(),
    Collection: new Map(),
    NativeTool: new Map(),
  } as CompileContext['byKind'];
  for (const r of resources) {
    const map = byKind[r.kind] as Map<string, Resource>;
    if (!map.has(r.name)) map.set(r.name, r);
  }
  const settings = [...byKind.Settings.values()][0]?.spec;
  // Each kind's list made once: duplicate-name asks for every kind, and 10,000 models were filtered eight times.
  const ofKind = new Map<Kind, Resource[]>();
  return {
    resources,
    byKind,
    allOfKind: <K extends Kind>(kind: K) => {
      let list = ofKind.get(kind);
      if (!list) ofKind.set(kind, (list = resources.filter((r) => r.kind === kind)));
      return [...list] as Resource<K>[];
    },
    settings,
    registry,
  };
}

export interface ReportOptions {
  severity?: Severity;
  target?: Target;
  hint?: string;
  related?: { message: string; resource: Resource; pointer: string }[];
}

/**
 * The resource each rule diagnostic was reported at: the --cache keeps a
 * model's diagnostics with that model (src/compile/incremental.ts).
 */
export const reportedAt = new WeakMap<Diagnostic, Resource>();

export function report(resource: Resource, pointer: string, code: DiagnosticCode, message: string, opts: ReportOptions = {}): Diagnostic {
  const diagnostic = locate(resource, pointer, code, message, opts);
  reportedAt.set(diagnostic, resource);
  return diagnostic;
}

function locate(resource: Resource, pointer: string, code: DiagnosticCode, message: string, opts: ReportOptions): Diagnostic {
  const { file, map } = resource.source;
  const related = opts.related?.map((r) => {
    const range = r.resource.source.map.rangeOf(r.pointer, 'value');
    return { message: r.message, file: r.resource.source.file, line: range.line, column: range.column };
  });
  return diagnosticAt(file, map.rangeOf(pointer, opts.target ?? 'value'), code, message, pointer, {
    severity: opts.severity ?? 'error',
    ...(opts.hint ? { hint: opts.hint } : {}),
    ...(related?.length ? { related } : {}),
  });
}

export type Spec<K extends Kind> = KindMap[K];
