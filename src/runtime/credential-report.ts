// Which credential references are present where a resolver runs, and which
// models they leave hidden: presence only, never a value. Pure, two ways:
// credentialReport works it out from a snapshot and the env / fileExists a
// resolver was built with (the CLI's checks before an apply); a server reads
// it off the resolver it built (indexCredentialReport, through
// resolver.ts resolverCredentialReport), which matches what that resolver
// routes by construction.
import type { Snapshot, SnapshotCredentialRef, SnapshotModel, SnapshotSource } from '../generated/types.js';
import { credentialCheck, memoizedCredentials, type CredentialCheck } from './credentials.js';
import type { SnapshotIndex } from './indexes.js';
import type { ResolverOptions } from './types.js';

export interface CredentialPresence {
  /** `env NAME` or `file PATH`: the reference, never its value. */
  ref: string;
  present: boolean;
}

/** provider → binding → presence. */
export type CredentialPresenceMap = Record<string, Record<string, CredentialPresence>>;

export interface CredentialReport {
  credentials: CredentialPresenceMap;
  /** Active models with active sources, none of whose credentials is present; by name. */
  hidden: string[];
  /** The missing references those hidden models depend on, sorted. */
  missing: string[];
  /** One sentence for logs and answers, or null when nothing is hidden. */
  warning: string | null;
}

export function credentialRefText(ref: SnapshotCredentialRef): string {
  return 'env' in ref ? `env ${ref.env}` : `file ${ref.file}`;
}

const missingText = (ref: string): string => (ref.startsWith('env ') ? `${ref} is not set` : `${ref} is not readable`);

/** "3 models are hidden: env A is not set; file /x is not readable". */
export function hiddenWarning(count: number, missing: readonly string[]): string {
  const head = count === 1 ? '1 model is hidden' : `${count} models are hidden`;
  return `${head}: ${missing.map(missingText).join('; ')}`;
}

const NO_FILES: readonly string[] = Object.freeze([]);

/** Each model object's `{ file }` paths: a push by difference keeps most model objects, and a replica asks on every swap. */
const modelFiles = new WeakMap<SnapshotModel, readonly string[]>();

function filesOf(m: SnapshotModel): readonly string[] {
  let files = modelFiles.get(m);
  if (files === undefined) {
    const found = m.sources.filter((s) => 'file' in s.credential).map((s) => (s.credential as { file: string }).file);
    modelFiles.set(m, (files = found.length ? found : NO_FILES));
  }
  return files;
}

/** Every `{ file }` path the snapshot refers to, in sources and provider bindings (for a fileExists check at the IO edge). */
export function credentialFiles(snapshot: Snapshot): string[] {
  const paths = new Set<string>();
  for (const name in snapshot.models) {
    const m = snapshot.models[name];
    if (m === undefined) continue;
    const files = filesOf(m);
    for (let i = 0; i < files.length; i++) paths.add(files[i]!);
  }
  for (const name in snapshot.providers) {
    for (const ref of Object.values(snapshot.providers[name]?.credentials ?? {})) if ('file' in ref) paths.add(ref.file);
  }
  return [...paths];
}

/** Whether a model has active sources and none of their credentials is present (a loop: this runs per model on every push). */
function hiddenByCredentials(sources: readonly SnapshotSource[], present: CredentialCheck): boolean {
  let active = 0;
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    if (s.status !== 'active') continue;
    active++;
    if (present(s.credential)) return false;
  }
  return active > 0;
}

/** The report for `hidden` (sorted names), with presence answered by `present`. */
function reportOf(snapshot: Snapshot, hidden: string[], present: CredentialCheck): CredentialReport {
  const credentials: CredentialPresenceMap = {};
  for (const name of Object.keys(snapshot.providers).sort()) {
    const p = snapshot.providers[name];
    if (p === undefined) continue;
    const bindings: Record<string, CredentialPresence> = {};
    for (const binding of Object.keys(p.credentials).sort()) {
      const ref = p.credentials[binding];
      if (ref !== undefined) bindings[binding] = { ref: credentialRefText(ref), present: present(ref) };
    }
    credentials[name] = bindings;
  }
  const missing = new Set<string>();
  for (const name of hidden) {
    const sources = snapshot.models[name]?.sources ?? [];
    for (let i = 0; i < sources.length; i++) if (sources[i]!.status === 'active') missing.add(credentialRefText(sources[i]!.credential));
  }
  const refs = [...missing].sort();
  return { credentials, hidden, missing: refs, warning: hidden.length ? hiddenWarning(hidden.length, refs) : null };
}

export function credentialReport(snapshot: Snapshot, opts: Pick<ResolverOptions, 'env' | 'fileExists'> = {}): CredentialReport {
  const present = memoizedCredentials(credentialCheck(opts));
  const hidden: string[] = [];
  for (const name of Object.keys(snapshot.models).sort()) {
    const m = snapshot.models[name];
    if (m !== undefined && m.status === 'active' && hiddenByCredentials(m.sources, present)) hidden.push(name);
  }
  return reportOf(snapshot, hidden, present);
}

/**
 * credentialReport over what a resolver's index already worked out: a model
 * is hidden when it is active and has active sources, none of which got a
 * route (a route is an active source whose credential is present). The same
 * answer as credentialReport(ix.snapshot, opts) for the options the index was
 * built with, asked of the same memoized checks, without a credential check
 * per source or a sort of every name: on a push or a replica's swap it runs
 * beside a build that reused most of its models.
 */
export function indexCredentialReport(ix: SnapshotIndex): CredentialReport {
  const hidden: string[] = [];
  // forEach, not for-of: no iterator result per model where this runs unoptimized (once per swap).
  ix.models.forEach((mi) => {
    if (mi.active && mi.activeSourceCount > 0 && mi.routeCount === 0) hidden.push(mi.name);
  });
  return reportOf(ix.snapshot, hidden.sort(), ix.credentialPresent);
}
