// Public shapes of the runtime resolver (design §6). The runtime is importable
// as `modelctl/runtime` and must not import anything Node-only.
import type { Snapshot, SnapshotCredentialRef } from '../generated/types.js';

export type { Snapshot };

export interface BreakerRecord {
  sourceId: string;
  failures: number;
  tripped: boolean;
  openUntil: number;
  cooldownSeconds: number;
}

export interface ResolverOptions {
  /** () => number in [0, 1); default Math.random. */
  random?: () => number;
  /** () => epoch milliseconds; default Date.now. */
  now?: () => number;
  /** Variables credential references are checked against; default process.env where it exists. */
  env?: Record<string, string | undefined>;
  /**
   * Whether a `{ file }` credential counts as present. The runtime cannot read
   * files (it stays runtime-neutral); default: file references count as present.
   */
  fileExists?: (path: string) => boolean;
  /**
   * The resolver this one replaces: breaker state of every source that keeps
   * its id carries over, so a snapshot push does not re-open traffic to a
   * failing upstream. A model whose object is the very one the previous
   * snapshot held (a server's push that changed other models) reuses what
   * was worked out for it then; snapshot objects are never changed in place.
   */
  previous?: Resolver;
}

export interface CatalogRequest {
  entryPoint: string;
  groups: readonly string[];
  locale?: string;
}

export interface CatalogModel {
  name: string;
  displayName: string;
  vendor: string;
  purpose: string;
  capabilities: readonly string[];
  /** Native tools the model allows (offered by it, every required capability present), in the model's order. */
  tools: readonly string[];
  order: number;
}

export interface CatalogTier {
  name: string;
  displayName: string;
  model: string;
}

export interface CatalogCollection {
  name: string;
  displayName: string;
  models: readonly string[];
}

export interface CatalogResult {
  defaultModel: string | null;
  models: readonly CatalogModel[];
  tiers: readonly CatalogTier[];
  collections: readonly CatalogCollection[];
  message?: string;
}

export interface ResolveRequest {
  entryPoint: string;
  groups: readonly string[];
  model?: string;
  tier?: string;
  task?: string;
  tools?: readonly string[];
  requires?: readonly string[];
}

export interface Attempt {
  sourceId: string;
  provider: string;
  model: string;
  protocol: string;
  baseUrl: string;
  credential: SnapshotCredentialRef;
}

export type ToolRemovalReason = 'unknown' | 'not-allowed' | 'capability';

export type ResolveErrorCode = 'model-not-found' | 'not-available' | 'capability-unsupported' | 'no-route';

export type ResolveResult =
  | {
      ok: true;
      model: string;
      attempts: Attempt[];
      systemPrompt: string;
      tools: { allowed: string[]; removed: { name: string; reason: ToolRemovalReason }[] };
      parameters: Record<string, number>;
      providerOptions: Record<string, unknown>;
      pricing: Record<string, number>;
      /** Context window in tokens, or null when unknown. */
      contextLimit: number | null;
      /** Maximum tokens generated per response, or null when unknown. */
      maxOutputTokens: number | null;
      /** Percent (0–100) of the context window at which to compact; null when unset. 0 = compact always. */
      compressionThreshold: number | null;
    }
  | { ok: false; error: { code: ResolveErrorCode; message: string } };

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerStatus {
  sourceId: string;
  state: BreakerState;
  consecutiveFailures: number;
  /** Epoch ms when an open circuit becomes half-open; null when closed. */
  openUntil: number | null;
  cooldownSeconds: number;
}

export interface Resolver {
  readonly version: string;
  readonly snapshot: Snapshot;
  catalog(req: CatalogRequest): CatalogResult;
  resolve(req: ResolveRequest): ResolveResult;
  report(sourceId: string, outcome: { ok: boolean }): void;
  /** Breaker states of every source that is not plainly closed. */
  breakers(): BreakerStatus[];
  /** Raw breaker state, read by the next resolver (ResolverOptions.previous). */
  breakerState(): readonly BreakerRecord[];
}
