// Passed and failed cells counted per table and column, so each column's result stands apart.
import type { CellResult } from './run.js';

export interface Tally {
  table: string;
  column: string;
  passed: number;
  failed: number;
}

export function tallyColumns(table: string, results: { cells: Map<string, CellResult> }[], columns: string[]): Tally[] {
  return columns.map((column) => {
    const t: Tally = { table, column, passed: 0, failed: 0 };
    for (const r of results) {
      const cell = r.cells.get(column);
      if (cell) cell.ok ? t.passed++ : t.failed++;
    }
    return t;
  });
}
