// Plan: the structured difference between the live and the desired snapshot (design §5).
export { createPlan } from './plan.js';
export { hasChanges } from './types.js';
export type { Action, FieldChange, Impact, ImpactKind, Plan, PlanChange, PlanSummary, ResourceKind } from './types.js';
export { exposure, knownEntryPoints, isOffered, EVERYONE } from './exposure.js';
export { isGuardedDelete } from './impact.js';
export { isLongText } from './fields.js';
export { guardedDeletes } from './guard.js';
export { reviewMismatch, REVIEWED_SECTIONS } from './review.js';
