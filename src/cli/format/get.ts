// `modelctl get` output: one Formatter per -o format. json and yaml print the
// same document (schema/get-output.schema.json); table and wide print columns.
import { stringify } from 'yaml';
import type { CollectionRow, GroupRow, LiveStatus, ModelRow, ProviderRow, TierRow, ToolRow } from '../../inspect/index.js';
import { columns, providerLines } from './get-columns.js';
import { table, type Column } from './table.js';

export const GET_FORMATS = ['table', 'wide', 'json', 'yaml'] as const;
export type GetFormat = (typeof GET_FORMATS)[number];

export type GetOutput =
  | { kind: 'models'; items: ModelRow[] }
  | { kind: 'providers'; items: ProviderRow[] }
  | { kind: 'tiers'; items: TierRow[] }
  | { kind: 'collections'; items: CollectionRow[] }
  | { kind: 'groups'; items: GroupRow[] }
  | { kind: 'tools'; items: ToolRow[] };

export type GetKind = GetOutput['kind'];

export interface GetDocument {
  /** The snapshot version the rows were read from. */
  version: string;
  /** What the live server told us, or null for a catalog or snapshot file. */
  live: { presence: LiveStatus['presenceSource'] } | null;
  output: GetOutput;
}

const json = (d: GetDocument) => ({ kind: d.output.kind, version: d.version, live: d.live, items: d.output.items });

function columnsText(d: GetDocument, wide: boolean): string {
  const o = d.output;
  const pick = <T>(c: { table: Column<T>[]; wide: Column<T>[] }) => (wide ? c.wide : c.table);
  if (o.items.length === 0) return `No ${o.kind} found.\n`;
  switch (o.kind) {
    case 'models':
      return table(o.items, pick(columns.models));
    case 'providers':
      return table(providerLines(o.items), pick(columns.providers));
    case 'tiers':
      return table(o.items, pick(columns.tiers));
    case 'collections':
      return table(o.items, pick(columns.collections));
    case 'groups':
      return table(o.items, pick(columns.groups));
    case 'tools':
      return table(o.items, pick(columns.tools));
  }
}

export const getFormatters: Record<GetFormat, (d: GetDocument) => string> = {
  table: (d) => columnsText(d, false),
  wide: (d) => columnsText(d, true),
  json: (d) => JSON.stringify(json(d), null, 2) + '\n',
  yaml: (d) => stringify(json(d)),
};
