// `modelctl access` output: text, json (schema/access-output.schema.json) or
// a markdown table for a pull request or a wiki.
import type { AccessCell, AccessMatrix, ModelAccess } from '../../inspect/index.js';
import { list, table } from './table.js';

export const ACCESS_FORMATS = ['text', 'json', 'markdown'] as const;
export type AccessFormat = (typeof ACCESS_FORMATS)[number];

export type AccessDocument =
  | { kind: 'matrix'; matrix: AccessMatrix }
  | { kind: 'model'; version: string; model: string; where: ModelAccess[] };

const tiersText = (c: AccessCell) => list(c.tiers.map((t) => `${t.name}→${t.model}`));

function text(d: AccessDocument): string {
  if (d.kind === 'model') {
    if (!d.where.length) return `${d.model}: visible to no one on any entry point\n`;
    return `${d.model} is visible to:\n` + table(d.where, [
      { header: 'GROUP', cell: (w) => w.group },
      { header: 'ENTRY POINT', cell: (w) => w.entryPoint },
      { header: 'LISTED', cell: (w) => (w.listed ? 'yes' : 'no') },
      { header: 'VIA TIERS', cell: (w) => list(w.tiers) },
      { header: 'COLLECTIONS', cell: (w) => list(w.collections) },
    ]);
  }
  return table(d.matrix.cells, [
    { header: 'GROUP', cell: (c) => c.group },
    { header: 'ENTRY POINT', cell: (c) => c.entryPoint },
    { header: 'DEFAULT', cell: (c) => c.defaultModel ?? '-' },
    { header: 'TIERS (→ MODEL)', cell: tiersText },
    { header: 'MODELS', cell: (c) => list(c.models) },
    { header: 'COLLECTIONS', cell: (c) => list(c.collections) },
  ]);
}

const md = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;

function markdown(d: AccessDocument): string {
  if (d.kind === 'model') {
    const rows = d.where.map((w) => md([w.group, `\`${w.entryPoint}\``, w.listed ? 'yes' : 'no', list(w.tiers), list(w.collections)]));
    return [`**Who can see \`${d.model}\`**`, '', md(['group', 'entry point', 'listed', 'via tiers', 'collections']), md(['---', '---', '---', '---', '---']), ...rows].join('\n') + '\n';
  }
  const rows = d.matrix.cells.map((c) => md([c.group, `\`${c.entryPoint}\``, c.defaultModel ?? '-', tiersText(c), list(c.models), list(c.collections)]));
  return [`**Who sees what** (snapshot \`${d.matrix.version}\`)`, '', md(['group', 'entry point', 'default', 'tiers (→ model)', 'models', 'collections']), md(['---', '---', '---', '---', '---', '---']), ...rows].join('\n') + '\n';
}

export const accessFormatters: Record<AccessFormat, (d: AccessDocument) => string> = {
  text,
  json: (d) => JSON.stringify(d.kind === 'matrix' ? { kind: 'matrix', ...d.matrix } : d, null, 2) + '\n',
  markdown,
};
