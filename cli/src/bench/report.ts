// The matrix as a table for people (cli-table3) and as JSON for tools.
import Table from 'cli-table3';
import type { CellResult } from './matrix.js';

const bytes = (n: number) => (n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} B`);
const micros = (us: number) =>
  Number.isNaN(us) ? '–' : us >= 10_000 ? `${(us / 1000).toFixed(1)} ms` : `${Math.round(us)} µs`;
const rate = (perSec: number) => (Number.isFinite(perSec) ? Math.round(perSec).toLocaleString('en-US') : '–');

export function formatTable(cells: readonly CellResult[]): string {
  const table = new Table({
    head: ['payload', 'fanout', 'batch', 'p50', 'p99', 'p99.9', 'max', 'msgs/s', 'deliveries/s', 'gaps'],
    colAligns: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [], compact: true },
  });
  for (const c of cells) {
    table.push([
      bytes(c.size),
      c.fanout,
      c.batch,
      micros(c.latencyUs.p50),
      micros(c.latencyUs.p99),
      micros(c.latencyUs.p999),
      micros(c.latencyUs.max),
      rate(c.msgsPerSec),
      rate(c.deliveriesPerSec),
      c.gaps,
    ]);
  }
  return table.toString();
}
