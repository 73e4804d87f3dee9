// Making a snapshot live: the one place that persists and swaps. Called with
// an already validated (and, with a verify key, verified) snapshot.
import { createResolver, type Snapshot } from '../runtime/index.js';
import type { ServerContext } from './context.js';

export type Precondition = (current: string | null) => boolean;

export type CommitResult = { status: 'ok'; version: string; previous: string | null } | { status: 'stale'; current: string | null };

export function commit(ctx: ServerContext, snapshot: Snapshot, document: string, precondition: Precondition): Promise<CommitResult> {
  return ctx.serial(async () => {
    const current = ctx.live.current?.version ?? null;
    if (!precondition(current)) return { status: 'stale', current };
    if (current === snapshot.version) return { status: 'ok', version: current, previous: current };
    // Build the resolver before persisting: nothing is written unless it can be served.
    // Open circuits carry over: a push must not send traffic back to a failing upstream.
    const previous = ctx.live.current?.resolver;
    const resolver = createResolver(snapshot, { ...ctx.resolverOptions, ...(previous ? { previous } : {}) });
    // Persist before the swap: a client is never told "applied" for a state a restart would lose.
    await ctx.store.append(snapshot.version, document);
    ctx.live.swap({ snapshot, version: snapshot.version, resolver, document, loadedAt: Date.now() });
    return { status: 'ok', version: snapshot.version, previous: current };
  });
}

/** Loads a document and makes it live without a precondition (boot). */
export function install(ctx: ServerContext, snapshot: Snapshot, document: string): void {
  ctx.live.swap({ snapshot, version: snapshot.version, resolver: createResolver(snapshot, ctx.resolverOptions), document, loadedAt: Date.now() });
}
