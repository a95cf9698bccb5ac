// The soak's report: one line per attack (peak resident memory, /live, refusals by code, the
// clean pair), then what each attack measured and every check that failed.
import type { AttackReport } from './harness.js';

const MiB = 1024 * 1024;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));

function refusalsText(refusals: Record<string, number>): string {
  const entries = Object.entries(refusals);
  return entries.length ? entries.map(([code, n]) => `${code} ${n}`).join(', ') : '—';
}

export function formatReport(reports: readonly AttackReport[]): string {
  const rows = reports.map((r) => [
    r.attack,
    `${(r.peakResidentBytes / MiB).toFixed(0)} / ${(r.budgetBytes / MiB).toFixed(0)}`,
    `${ms(r.live.p50)} / ${ms(r.live.p99)} / ${ms(r.live.max)}${r.live.failed ? ` (${r.live.failed} failed)` : ''}`,
    r.live.connect ? `${ms(r.live.connect.p99)} / ${ms(r.live.connect.max)}` : '—',
    refusalsText(r.refusals),
    `${r.clean.acknowledged} / ${r.clean.received} / ${r.clean.lost} / ${r.clean.reordered}`,
    `${ms(r.clean.latency.p99)}`,
    r.brokerCpuShare === undefined ? '—' : `${(100 * r.brokerCpuShare).toFixed(0)}%`,
    r.brokerCpuWaitShare === undefined ? '—' : `${(100 * r.brokerCpuWaitShare).toFixed(0)}%`,
    r.loopDelay ? `${r.loopDelay.over25ms} / ${r.loopDelay.over100ms} of ${r.loopDelay.samples}` : '—',
    r.observer
      ? `${ms(r.observer.loopLateP99Ms)} / ${ms(r.observer.loopLateMaxMs)}` +
        (r.observer.cpuWaitShare === undefined ? '' : `, ${(100 * r.observer.cpuWaitShare).toFixed(0)}%`)
      : '—',
    r.passed ? 'pass' : 'FAIL',
  ]);
  const out = [
    table(
      [
        'attack',
        'peak RSS / budget MiB',
        '/live p50 / p99 / max ms',
        'of which connect p99 / max',
        'refusals by code',
        'clean acked / received / lost / reordered',
        'clean p99 ms',
        'broker CPU',
        'waiting for a CPU',
        'loop late >25 / >100 ms',
        'observer late p99 / max ms, waiting',
        'result',
      ],
      rows,
    ),
  ];
  for (const r of reports) {
    out.push(`\n${r.attack} — ${r.row}`);
    const figures = Object.entries(r.figures).map(([k, v]) => `${k}: ${v}`);
    if (figures.length) out.push(`  ${figures.join('; ')}`);
    for (const c of r.checks) if (!c.ok) out.push(`  FAILED ${c.what}: ${c.detail}`);
    if (!r.passed && r.awaits) out.push(`  (awaits ${r.awaits})`);
  }
  const failed = reports.filter((r) => !r.passed).length;
  out.push(`\n${reports.length - failed} passed, ${failed} failed`);
  return out.join('\n');
}
