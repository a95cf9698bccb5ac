// One SVG chart per measured workload from a comparison report.
import { type ComparisonReport, findRow, measuredWorkloads, type WorkloadId } from '../results.js';
import { renderBarChart } from './svg.js';

export function renderCharts(report: ComparisonReport): Map<string, string> {
  const charts = new Map<string, string>();
  const subtitle = `${report.machine.cores} cores, Node ${report.machine.node}, ${report.startedAt.slice(0, 10)}, ${report.seconds} s per measurement`;
  for (const w of measuredWorkloads(report)) {
    // The durable rows run against one Felix carrier and a peer or two: no bar for the others.
    const groups = w.kind === 'acked' ? report.targets.filter((t) => findRow(report, w.id, t)) : report.targets;
    const rows = groups.map((t) => findRow(report, w.id, t));
    const series =
      w.kind === 'latency'
        ? (['p50', 'p99', 'p999'] as const).map((p) => ({
            name: p,
            values: rows.map((r) => (r?.skipped ? undefined : r?.latencyUs?.[p])),
          }))
        : [{ name: w.unit, values: rows.map((r) => (r?.skipped ? undefined : r?.perSec)) }];
    charts.set(
      chartFile(w.id),
      renderBarChart({
        title: w.title,
        subtitle,
        unit: w.unit,
        groups,
        series,
        log: w.kind === 'latency',
      }),
    );
  }
  return charts;
}

export const chartFile = (id: WorkloadId) => `${id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.svg`;
