// kubectl-style columns: upper-case headers, cells padded to the widest, two spaces apart.
export interface Column<T> {
  header: string;
  cell: (row: T) => string;
}

export function table<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.cell(r)))];
  const widths = columns.map((_, i) => cells.reduce((max, line) => Math.max(max, line[i]!.length), 0));
  return cells.map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

export const list = (items: readonly string[]) => (items.length ? items.join(',') : '-');
