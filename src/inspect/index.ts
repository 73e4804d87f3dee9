// Inspecting a catalog (get, access, explain --target): rows computed from a
// snapshot and, for a live server, its status. Pure; the CLI does the IO.
export { parseStatus, presenceFromResolves, presenceOf, breakerOf, type LiveStatus, type Presence, type PresenceSource, type ResolveAnswer, type LiveBreakerState } from './live.js';
export { modelRows, type ModelRow, type ModelStatus } from './models.js';
export { filterModels, type ModelFilter } from './filter.js';
export { providerRows, type ProviderRow, type BindingRow } from './providers.js';
export { tierRows, collectionRows, groupRows, toolRows, type TierRow, type CollectionRow, type GroupRow, type ToolRow } from './resources.js';
export { accessMatrix, modelAccess, presenceOptions, EVERYONE, type AccessCell, type AccessMatrix, type ModelAccess } from './access.js';
export { explainLive, type InspectExplanation, type LiveRoute } from './explain.js';
