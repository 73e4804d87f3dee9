// Registers one test per row: it() for the contract, it.fails() for a row that
// documents a known bug in src/ (it starts failing loudly once the bug is fixed).
import { it } from 'vitest';
import { assertRow, diagnoseOnDisk, diagnosePure, type Row } from './harness.js';

export function runRows(rows: readonly Row[], mode: 'pure' | 'disk' = 'pure'): void {
  for (const row of rows) {
    const test = row.bug ? it.fails : it;
    const title = row.bug ? `${row.name} [known bug: ${row.bug}]` : row.name;
    test(title, async () => {
      const diagnostics = mode === 'disk' ? await diagnoseOnDisk(row) : await diagnosePure(row.files, row.stage);
      assertRow(row, diagnostics);
    });
  }
}
