// The plan: plain, serialisable data (schema/plan.schema.json). A plan file
// carries the desired snapshot, so `modelctl apply plan.json` needs nothing else.
import type { Snapshot } from '../generated/types.js';

export type ResourceKind =
  | 'settings'
  | 'provider'
  | 'group'
  | 'entry-point-group'
  | 'native-tool'
  | 'model'
  | 'tier'
  | 'collection';

export type Action = 'create' | 'update' | 'delete';

/** One changed leaf inside a resource. `diff` is a unified diff for long text. */
export interface FieldChange {
  /** Dotted path inside the resource, e.g. `pricing.input`, `sources[id].weight`. */
  path: string;
  /** undefined in memory when the field is absent on that side; JSON has null. */
  before: unknown;
  after: unknown;
  diff?: string;
}

interface ChangeBase {
  /** `model/claude-sonnet`, `settings`, … */
  address: string;
  kind: ResourceKind;
  name: string;
}

export type PlanChange =
  | (ChangeBase & { action: 'create'; before: null; after: unknown; fields: FieldChange[] })
  | (ChangeBase & { action: 'update'; before: unknown; after: unknown; fields: FieldChange[] })
  | (ChangeBase & {
      action: 'delete';
      before: unknown;
      after: null;
      fields: FieldChange[];
      /** Deleting a model that is active and public in the live state: apply refuses without --allow-destroy. */
      guarded: boolean;
    });

export type ImpactKind =
  | 'access-gained'
  | 'access-lost'
  | 'default-model-changed'
  | 'global-prompt-changed'
  | 'price-changed'
  | 'route-lost'
  | 'route-changed'
  | 'credential-changed'
  | 'destroy-guarded';

export interface Impact {
  kind: ImpactKind;
  /** Plain words, e.g. "group eng gains model claude-opus on desktop, cli". */
  message: string;
  /** The resource the entry is about, when there is one. */
  address?: string;
  /** 'everyone' or a group name, for access entries. */
  subject?: string;
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
}

export interface Plan {
  formatVersion: 1;
  /** The live snapshot the plan was made against; null when nothing was live. */
  base: { version: string } | null;
  desired: { version: string };
  summary: PlanSummary;
  changes: PlanChange[];
  impact: Impact[];
  /** The desired snapshot itself, so a saved plan can be applied alone. */
  snapshot: Snapshot;
}

export const hasChanges = (plan: Pick<Plan, 'summary'>): boolean =>
  plan.summary.create + plan.summary.update + plan.summary.delete > 0;
