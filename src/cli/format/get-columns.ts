// The columns of `modelctl get` per resource type; `wide` adds to `table`.
import type { CollectionRow, GroupRow, ModelRow, ProviderRow, TierRow, ToolRow } from '../../inspect/index.js';
import { list, type Column } from './table.js';

const price = (n: number | undefined) => (n === undefined ? '-' : String(n));

const modelTable: Column<ModelRow>[] = [
  { header: 'NAME', cell: (m) => m.name },
  { header: 'DISPLAY NAME', cell: (m) => m.displayName },
  { header: 'STATUS', cell: (m) => m.status },
  { header: 'PURPOSE', cell: (m) => m.purpose },
  { header: 'VENDOR', cell: (m) => m.vendor },
  { header: 'SOURCES', cell: (m) => `${m.sources.usable}/${m.sources.total}` },
  { header: 'ACCESS', cell: (m) => m.access },
  { header: 'AVAILABILITY', cell: (m) => m.availabilityText },
  { header: 'ORDER', cell: (m) => String(m.order) },
];

const modelWide: Column<ModelRow>[] = [
  ...modelTable,
  { header: 'PROTOCOLS', cell: (m) => list(m.protocols) },
  { header: 'PRICE IN/OUT', cell: (m) => `${price(m.pricing.input)}/${price(m.pricing.output)}` },
  { header: 'CONTEXT', cell: (m) => (m.contextLimit === null ? '-' : String(m.contextLimit)) },
  { header: 'DEFAULT', cell: (m) => (m.default ? '*' : '') },
];

/** One line per credential binding, so a missing one stands out. */
export interface ProviderLine {
  provider: ProviderRow;
  binding: ProviderRow['credentials'][number] | undefined;
}

export const providerLines = (rows: readonly ProviderRow[]): ProviderLine[] =>
  rows.flatMap((p): ProviderLine[] => (p.credentials.length ? p.credentials.map((binding) => ({ provider: p, binding })) : [{ provider: p, binding: undefined }]));

const providerTable: Column<ProviderLine>[] = [
  { header: 'NAME', cell: (l) => l.provider.name },
  { header: 'TYPE', cell: (l) => l.provider.type },
  { header: 'BASE URL', cell: (l) => l.provider.baseUrl },
  { header: 'BINDING', cell: (l) => l.binding?.binding ?? '-' },
  { header: 'CREDENTIAL', cell: (l) => l.binding?.ref ?? '-' },
  { header: 'PRESENCE', cell: (l) => l.binding?.presence ?? '-' },
  { header: 'MODELS', cell: (l) => list(l.binding?.models ?? []) },
];

const tierTable: Column<TierRow>[] = [
  { header: 'NAME', cell: (t) => t.name },
  { header: 'DISPLAY NAME', cell: (t) => t.displayName },
  { header: 'ENTRY POINT GROUP', cell: (t) => t.entryPointGroup },
  { header: 'ORDER', cell: (t) => String(t.order) },
  { header: 'AVAILABILITY', cell: (t) => t.availabilityText },
  { header: 'MODELS', cell: (t) => list(t.models) },
];

const collectionTable: Column<CollectionRow>[] = [
  { header: 'NAME', cell: (c) => c.name },
  { header: 'DISPLAY NAME', cell: (c) => c.displayName },
  { header: 'ORDER', cell: (c) => String(c.order) },
  { header: 'AVAILABILITY', cell: (c) => c.availabilityText },
  { header: 'MODELS', cell: (c) => list(c.models) },
];

const groupTable: Column<GroupRow>[] = [
  { header: 'NAME', cell: (g) => g.name },
  { header: 'DESCRIPTION', cell: (g) => g.description || '-' },
  { header: 'ALIASES', cell: (g) => list(g.aliases) },
];

const toolTable: Column<ToolRow>[] = [
  { header: 'NAME', cell: (t) => t.name },
  { header: 'DESCRIPTION', cell: (t) => t.description || '-' },
  { header: 'REQUIRES', cell: (t) => list(t.requires) },
  { header: 'PRICE/CALL', cell: (t) => (t.perCall === null ? '-' : String(t.perCall)) },
  { header: 'MODELS', cell: (t) => list(t.models) },
];

export const columns = {
  models: { table: modelTable, wide: modelWide },
  providers: { table: providerTable, wide: providerTable },
  tiers: { table: tierTable, wide: [...tierTable, { header: 'ENTRY POINTS', cell: (t: TierRow) => list(t.entryPoints) }] },
  collections: { table: collectionTable, wide: collectionTable },
  groups: { table: groupTable, wide: groupTable },
  tools: { table: toolTable, wide: toolTable },
};
