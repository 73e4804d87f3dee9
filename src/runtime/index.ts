// modelctl/runtime: the embeddable resolver. Runtime-neutral — no Node-only
// imports — so gateways can embed it in Node, Deno, Bun, browsers or workers.
export type {
  Attempt,
  BreakerRecord,
  BreakerState,
  BreakerStatus,
  CatalogCollection,
  CatalogModel,
  CatalogRequest,
  CatalogResult,
  CatalogTier,
  ResolveErrorCode,
  ResolveRequest,
  ResolveResult,
  Resolver,
  ResolverOptions,
  Snapshot,
  ToolRemovalReason,
} from './types.js';
export { canonicalJson, canonicalJsonExact } from './canonical.js';
export { computeVersion, signedBytes } from './version.js';
export { validateSnapshot, type SnapshotValidation } from './validate-snapshot.js';
export { keyIdFromSpkiDer, pemToDer } from './keys.js';
export {
  isEnvelope,
  loadSnapshot,
  type LoadOptions,
  type LoadResult,
  type SignedEnvelope,
  type SnapshotSignature,
} from './envelope.js';
export { createResolver, resolverSteps } from './resolver.js';
export { EMPTY_CATALOG_MESSAGE } from './catalog.js';
export { explain, type Explanation, type HiddenReason, type HiddenModel, type HiddenTier } from './explain.js';
export {
  credentialFiles,
  credentialReport,
  credentialRefText,
  hiddenWarning,
  type CredentialPresence,
  type CredentialPresenceMap,
  type CredentialReport,
} from './credential-report.js';
