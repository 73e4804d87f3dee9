// Typed resources: what the validator hands the compiler.
import type { Collection, EntryPointGroup, Group, Model, NativeTool, Provider, Settings, Tier } from '../generated/types.js';
import type { LoadedDocument } from '../load/parse.js';

export interface KindMap {
  Provider: Provider;
  Model: Model;
  Settings: Settings;
  Group: Group;
  EntryPointGroup: EntryPointGroup;
  Tier: Tier;
  Collection: Collection;
  NativeTool: NativeTool;
}

export type Kind = keyof KindMap;

export const KIND_SCHEMAS: Record<Kind, string> = {
  Provider: 'provider.schema.json',
  Model: 'model.schema.json',
  Settings: 'settings.schema.json',
  Group: 'group.schema.json',
  EntryPointGroup: 'entry-point-group.schema.json',
  Tier: 'tier.schema.json',
  Collection: 'collection.schema.json',
  NativeTool: 'native-tool.schema.json',
};

export const KINDS = Object.keys(KIND_SCHEMAS) as Kind[];
export const API_VERSIONS = ['modelctl/v1'] as const;

export type Resource<K extends Kind = Kind> = K extends Kind ? { kind: K; name: string; spec: KindMap[K]; source: LoadedDocument } : never;

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KIND_SCHEMAS, value);
}
