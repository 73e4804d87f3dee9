// Making a snapshot live: the one place that persists and swaps. Called with
// an already validated (and, with a verify key, verified) snapshot.
//
// Replay: under a verify key a push must carry a signed serial above the
// highest ever accepted, else an old signed snapshot (say, the one an admin
// just rolled back from) could be pushed again by anyone holding the admin
// token or a captured request. The mark only rises: an explicit rollback may
// make an older serial live, but never lowers the bar for the next push.
// A follow swap (serve --follow) takes the source's choice, older serial
// included (see follow/follower.ts), and raises the mark like a push.
import { resolverSteps, type CredentialReport, type Resolver, type ResolverOptions, type Snapshot } from '../runtime/index.js';
import { resolverCredentialReport, resolverWasPatched } from '../runtime/resolver.js';
import type { ApplyMeta } from '../io/apply-meta.js';
import type { ServerContext } from './context.js';
import { resolverOptionsFor } from './credential-files.js';
import { liveOf } from './live.js';
import type { Basis } from '../snapshot-bytes/delta.js';
import { runSliced } from './sliced.js';

export type Precondition = (current: string | null) => boolean;

export type CommitResult =
  | { status: 'ok'; version: string; previous: string | null; warnings: string[] }
  | { status: 'stale'; current: string | null }
  | { status: 'replay'; serial: number | null; newest: number };

/** push: a new document, held to the serial rule. rollback: a kept version, chosen by an admin. follow: the source's live document. */
export interface CommitOptions {
  kind: 'push' | 'rollback' | 'follow';
  serial?: number | undefined;
  /** Who applied it and why (sanitized), kept beside the version. */
  meta?: ApplyMeta | undefined;
  /** The checked document's basis (verify.ts Checked), kept with it live. */
  basis?: Basis | undefined;
}

const warningsOf = (live: { credentials: CredentialReport } | null): string[] => (live?.credentials.warning ? [live.credentials.warning] : []);

/** Builds the resolver and its credential report, read off the resolver's own index so both agree. */
async function build(ctx: ServerContext, snapshot: Snapshot, previous?: Resolver) {
  const options: ResolverOptions = await resolverOptionsFor(ctx, snapshot);
  // In slices between requests: a 10,000-model index takes ~100 ms to build.
  const resolver = await runSliced(resolverSteps(snapshot, { ...options, ...(previous ? { previous } : {}) }));
  ctx.resolverBuilds[resolverWasPatched(resolver) ? 'patched' : 'full']++;
  return { resolver, credentials: resolverCredentialReport(resolver) };
}

/** The one warning per swap when models are hidden for missing credentials: names the references, never a value. */
function logHidden(ctx: ServerContext, credentials: CredentialReport, version: string, cause: string): void {
  if (!credentials.warning) return;
  ctx.log({ level: 'warn', msg: credentials.warning, cause, version, hiddenCount: credentials.hidden.length, hidden: credentials.hidden.slice(0, 50), missing: credentials.missing.slice(0, 50) });
}

/** Whether a push with `serial` would be a replay; null when it may go on. */
function replayOf(ctx: ServerContext, serial: number | undefined): { serial: number | null; newest: number } | null {
  if (ctx.verifyKey === undefined) return null;
  const newest = ctx.serials.newest;
  if (serial === undefined) return { serial: null, newest: newest ?? 0 };
  return newest !== null && serial <= newest ? { serial, newest } : null;
}

export function commit(ctx: ServerContext, snapshot: Snapshot, document: string | Uint8Array, precondition: Precondition, opts: CommitOptions): Promise<CommitResult> {
  return ctx.serial(async () => {
    const current = ctx.live.current?.version ?? null;
    if (!precondition(current)) return { status: 'stale', current };
    if (current === snapshot.version) return { status: 'ok', version: current, previous: current, warnings: warningsOf(ctx.live.current) };
    if (opts.kind === 'push') {
      const replay = replayOf(ctx, opts.serial);
      if (replay) return { status: 'replay', ...replay };
    }
    // Build the resolver before persisting: nothing is written unless it can be served.
    // Open circuits carry over: a push must not send traffic back to a failing upstream.
    const { resolver, credentials } = await build(ctx, snapshot, ctx.live.current?.resolver);
    // Persist before the swap: a client is never told "applied" for a state a restart would lose.
    // The document first, then the mark: a crash between them is healed at boot, which
    // takes the higher of the mark and the newest kept document's serial.
    await ctx.store.append(snapshot.version, document, opts.meta);
    if (opts.kind !== 'rollback' && opts.serial !== undefined && opts.serial > (ctx.serials.newest ?? -1)) {
      await ctx.store.setNewestSerial(opts.serial);
      ctx.serials.newest = opts.serial;
    }
    ctx.live.swap(liveOf(snapshot, resolver, credentials, document, opts.basis, ctx.live.patchesWanted ? ctx.live.current : null));
    logHidden(ctx, credentials, snapshot.version, opts.kind);
    return { status: 'ok', version: snapshot.version, previous: current, warnings: warningsOf({ credentials }) };
  });
}

/** Loads a document and makes it live without a precondition (boot). */
export async function install(ctx: ServerContext, snapshot: Snapshot, document: string | Uint8Array, basis?: Basis): Promise<void> {
  const { resolver, credentials } = await build(ctx, snapshot);
  ctx.live.swap(liveOf(snapshot, resolver, credentials, document, basis));
  logHidden(ctx, credentials, snapshot.version, 'boot');
}
