// The comparison as markdown: absolute numbers, Felix / peer ratios, server CPU, allocation and
// GC pauses per delivered message, the goals, and the state of the machine during the run. Workloads the run did not
// measure are left out.
import {
  allocatedPerUnitBytes,
  type ComparisonReport,
  cpuPerUnitUs,
  DENO_TARGET_PREFIX,
  felixTargets,
  findRow,
  GOALS,
  type Goal,
  gcUnmeasuredReason,
  goalMet,
  HOST_GOALS,
  type Metric,
  measuredWorkloads,
  metricValue,
  peerTargets,
  ratio,
  SATURATED_CORES,
  saturationNotes,
  serverCores,
  type WorkloadInfo,
} from '../results.js';
import { formatNumber } from './svg.js';

const METRICS: Record<WorkloadInfo['kind'], Metric[]> = {
  latency: ['p50', 'p99', 'p999'],
  rate: ['perSec'],
  acked: ['perSec', 'p50', 'p99'],
};
const fmt = (n: number | undefined) => (n === undefined ? 'n/a' : formatNumber(n));
const fmtRatio = (n: number | undefined) => (n === undefined ? 'n/a' : n.toFixed(2));
const goalCell = (g: Goal, r: number | undefined) => {
  const met = goalMet(g, r);
  return `${fmtRatio(r)} ${met === undefined ? '' : met ? 'met' : '**not met**'}`.trim();
};
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const rule = (n: number, firstLeft = 2) => row(Array.from({ length: n }, (_, i) => (i < firstLeft ? '---' : '---:')));

/** Bytes allocated per delivery or op and the longest GC pause, beside the CPU table. */
function garbageSection(report: ComparisonReport, workloads: WorkloadInfo[]): string[] {
  const out = [
    '',
    '## Server garbage',
    '',
    'Bytes the server allocated in its V8 heap per delivered message, cache operation or acknowledged publish or record, and in brackets its longest GC pause in any measured window, in ms. A probe loaded into each Node-hosted server (bench/src/compare/gc-probe-hook.cjs, v8.GCProfiler) rebuilds allocation from the heap’s size around each GC and is read at each window’s ends. Buffers held outside the V8 heap (ArrayBuffer backing stores: most Buffers over 64 B) are not counted; their cost shows in the CPU above. – : not measurable, see below.',
    '',
    row(['workload', ...report.targets]),
    rule(report.targets.length + 1, 1),
  ];
  for (const w of workloads) {
    if (w.id === 'cacheSet') continue; // shares its window with cacheGet
    out.push(
      row([
        w.id === 'cacheGet' ? 'cache get + set, sequential' : w.title,
        ...report.targets.map((t) => {
          const r = findRow(report, w.id, t);
          if (!r || r.skipped) return 'n/a';
          if (gcUnmeasuredReason(t)) return '–';
          const bytes = allocatedPerUnitBytes(r);
          const pauseUs = r.cpu?.serverMaxGcPauseUs;
          if (bytes === undefined || pauseUs === undefined) return 'n/a';
          return `${Math.round(bytes).toLocaleString('en-US')} B (${(pauseUs / 1000).toFixed(2)} ms)`;
        }),
      ]),
    );
  }
  const unmeasured = report.targets.filter((t) => gcUnmeasuredReason(t));
  if (unmeasured.length) out.push('', ...unmeasured.map((t) => `- ${t} –: ${gcUnmeasuredReason(t)}.`));
  return out;
}

export function renderMarkdown(report: ComparisonReport): string {
  const out: string[] = [];
  const { machine } = report;
  out.push(
    '# Felix beside NATS and Redis',
    '',
    `Run ${report.startedAt} with \`${report.command}\`: ${report.rounds} round${report.rounds > 1 ? 's' : ''} of every workload on every target in turn, ${report.seconds} s per measurement after ${report.warmupSeconds} s of warm-up, all on loopback. Latency percentiles pool the rounds' samples; rates are the median round.`,
    `Machine: ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}; load average ${machine.loadavgBefore.map((l) => l.toFixed(2)).join(' / ')} before, ${machine.loadavgAfter.map((l) => l.toFixed(2)).join(' / ')} after` +
      (machine.cpuPressurePct === undefined
        ? '.'
        : `; some task waited for a CPU ${machine.cpuPressurePct.toFixed(1)} % of the run (PSI).`),
    `Versions: ${Object.entries(report.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
    '',
    '## Absolute numbers',
    '',
    'Latency in µs (lower is better); rates per second (higher is better).',
    '',
  );
  const workloads = measuredWorkloads(report);
  out.push(row(['workload', 'metric', ...report.targets]), rule(report.targets.length + 2));
  for (const w of workloads)
    for (const [i, m] of METRICS[w.kind].entries())
      out.push(
        row([
          i === 0 ? w.title : '',
          m === 'perSec' ? w.unit : `${m} µs`,
          ...report.targets.map((t) => {
            const r = findRow(report, w.id, t);
            return r?.skipped ? 'skipped¹' : fmt(metricValue(r, m));
          }),
        ]),
      );
  const skipped = report.rows.filter((r) => r.skipped);
  if (skipped.length) {
    out.push('');
    for (const r of skipped) out.push(`¹ ${r.target}, ${r.workload}: ${r.skipped}`);
  }

  const felix = felixTargets(report);
  const peers = peerTargets(report);
  out.push(
    '',
    '## Felix / peer',
    '',
    'Felix’s number divided by the peer’s in the same run. For latency below 1 means Felix is faster; for rates above 1 means Felix delivers more.',
  );
  for (const f of felix) {
    out.push(
      '',
      `### ${f}`,
      '',
      row(['workload', 'metric', ...peers.map((p) => `${f} / ${p}`)]),
      rule(peers.length + 2),
    );
    // the durable rows ran on one carrier only
    for (const w of workloads.filter((w) => findRow(report, w.id, f)))
      for (const [i, m] of METRICS[w.kind].entries())
        out.push(
          row([
            i === 0 ? w.title : '',
            m === 'perSec' ? w.unit : m,
            ...peers.map((p) => fmtRatio(ratio(report, w.id, m, f, p))),
          ]),
        );
  }

  out.push(
    '',
    '## Server CPU',
    '',
    `CPU time of the server process (user + system, all threads, from /proc/<pid>/stat) per delivered message, cache operation, acknowledged durable publish or acknowledged queue record, in µs, and in brackets the cores it kept busy. ⚠ marks ≥ ${SATURATED_CORES} of a core: a single event loop (Felix, Redis, the floor) had no time to spare. Below it, the cores the load generator (the benchmark process: publisher and subscribers) used.`,
    '',
    row(['workload', ...report.targets]),
    rule(report.targets.length + 1, 1),
  );
  const loadGen: string[] = [];
  for (const w of workloads) {
    if (w.id === 'cacheSet') continue; // shares its window with cacheGet
    const title = w.id === 'cacheGet' ? 'cache get + set, sequential' : w.title;
    loadGen.push(
      row([
        title,
        ...report.targets.map((t) => {
          const cpu = findRow(report, w.id, t)?.cpu;
          return cpu ? (cpu.loadGenCpuUs / cpu.wallUs).toFixed(2) : 'n/a';
        }),
      ]),
    );
    out.push(
      row([
        title,
        ...report.targets.map((t) => {
          const r = findRow(report, w.id, t);
          if (!r || r.skipped) return 'n/a';
          const cores = serverCores(r);
          const per = cpuPerUnitUs(r);
          if (per === undefined || cores === undefined) return 'n/a';
          return `${per.toFixed(1)} (${cores.toFixed(2)}${cores >= SATURATED_CORES ? ' ⚠' : ''})`;
        }),
      ]),
    );
  }
  out.push('', row(['load generator, cores', ...report.targets]), rule(report.targets.length + 1, 1), ...loadGen);
  out.push(...garbageSection(report, workloads));

  out.push('', '## Goals', '', row(['goal', ...felix.map((f) => `${f}: Felix / peer`)]), rule(felix.length + 1, 1));
  for (const g of GOALS)
    for (const peer of [g.peer, `${g.peer}-tls`].filter((p) => findRow(report, g.workload, p)))
      out.push(
        row([
          peer === g.peer ? g.text : `${g.text} over TLS`,
          ...felix.map((f) => {
            if (findRow(report, g.workload, peer)?.skipped) return 'skipped¹';
            return goalCell(g, ratio(report, g.workload, g.metric, f, peer));
          }),
        ]),
      );
  const denoTargets = felix.filter((f) => f.startsWith(DENO_TARGET_PREFIX));
  if (denoTargets.length > 0 && report.targets.includes('felix-tls')) {
    out.push(
      '',
      '## Deno host',
      '',
      'The same broker on Deno (QUIC through quinn) divided by the Node host’s TLS carrier in this run.',
      '',
      row(['goal', ...denoTargets.map((f) => `${f} / felix-tls`)]),
      rule(denoTargets.length + 1, 1),
    );
    for (const g of HOST_GOALS.filter((g) => findRow(report, g.workload, g.peer)))
      out.push(row([g.text, ...denoTargets.map((f) => goalCell(g, ratio(report, g.workload, g.metric, f, g.peer)))]));
  }
  const notes = [...report.notes, ...saturationNotes(report.rows)];
  if (notes.length) out.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}
