// The comparison's results: one row per (workload, target), the catalogue of workloads with
// how to read them, and the ratios and goals derived from the rows.
import type { LatencySummary } from '../shared/stats.js';
import { type DurableWorkloadId, durableCases, durableTitle } from './durable-plan.js';
import { type QueueWorkloadId, queueCases, queueTitle, queueWorkloadId } from './queue-plan.js';
import type { CpuUse } from './workloads.js';

export type WorkloadId =
  | 'latency'
  | 'throughput'
  | 'fanout'
  | 'cacheGet'
  | 'cacheSet'
  | 'cacheInFlight'
  | 'original'
  | DurableWorkloadId
  | QueueWorkloadId;

export interface WorkloadInfo {
  id: WorkloadId;
  title: string;
  /**
   * latency: p50/p99/p999 in µs, lower is better; rate: per second, higher is better; acked: a
   * rate of acknowledged operations and the p50/p99 of their acknowledgements.
   */
  kind: 'latency' | 'rate' | 'acked';
  unit: string;
  /**
   * What the server's CPU is charged per: a delivered message, a cache operation, an acked
   * publish or an acknowledged queue record.
   */
  per: 'delivery' | 'op' | 'ack';
}

export const WORKLOADS: WorkloadInfo[] = [
  {
    id: 'latency',
    title: 'pub→sub latency, 64 B at 5,000 msg/s, 1 subscriber',
    kind: 'latency',
    unit: 'µs',
    per: 'delivery',
  },
  { id: 'throughput', title: 'throughput, 1 KiB, 1 subscriber', kind: 'rate', unit: 'deliveries/s', per: 'delivery' },
  { id: 'fanout', title: 'fanout, 256 B to 10 subscribers', kind: 'rate', unit: 'deliveries/s', per: 'delivery' },
  { id: 'cacheGet', title: 'cache get, 64 B, sequential', kind: 'latency', unit: 'µs', per: 'op' },
  { id: 'cacheSet', title: 'cache set, 64 B, sequential', kind: 'latency', unit: 'µs', per: 'op' },
  { id: 'cacheInFlight', title: 'cache get, 64 B, 64 in flight', kind: 'rate', unit: 'ops/s', per: 'op' },
  {
    id: 'original',
    title: 'original Felix shape: 4 KiB, 1 subscriber, batches of 64',
    kind: 'rate',
    unit: 'deliveries/s',
    per: 'delivery',
  },
  ...durableCases(false).map(
    (c): WorkloadInfo => ({ id: c.workload, title: durableTitle(c), kind: 'acked', unit: 'acked/s', per: 'ack' }),
  ),
  ...queueCases(false).map(
    (c): WorkloadInfo => ({ id: c.workload, title: queueTitle(c), kind: 'acked', unit: 'acked/s', per: 'ack' }),
  ),
];

export interface Row {
  workload: WorkloadId;
  target: string;
  latencyUs?: LatencySummary;
  perSec?: number;
  /** Deliveries or operations in the measured window. */
  count?: number;
  cpu?: CpuUse;
  /** Per round: the rate, or the p99 of a latency. */
  rounds?: number[];
  /** Why there is no measurement. */
  skipped?: string;
}

export interface Machine {
  cores: number;
  cpuModel: string;
  node: string;
  loadavgBefore: number[];
  loadavgAfter: number[];
  /** Share of the run's wall time some task waited for a CPU (Linux PSI), %. */
  cpuPressurePct?: number;
}

export interface ComparisonReport {
  startedAt: string;
  command: string;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
  machine: Machine;
  versions: Record<string, string>;
  targets: string[];
  rows: Row[];
  notes: string[];
}

/** The workloads the report has a row of, measured or skipped, in catalogue order. */
export function measuredWorkloads(report: ComparisonReport): WorkloadInfo[] {
  return WORKLOADS.filter((w) => report.rows.some((r) => r.workload === w.id));
}

export function findRow(report: ComparisonReport, workload: WorkloadId, target: string): Row | undefined {
  return report.rows.find((r) => r.workload === workload && r.target === target);
}

/** Server CPU per delivery or op, µs. */
export function cpuPerUnitUs(row: Row): number | undefined {
  if (!row.cpu || row.cpu.serverCpuUs === undefined || !row.count) return undefined;
  return row.cpu.serverCpuUs / row.count;
}

/** Bytes the server allocated in its V8 heap per delivery or op. */
export function allocatedPerUnitBytes(row: Row): number | undefined {
  if (!row.cpu || row.cpu.serverAllocatedBytes === undefined || !row.count) return undefined;
  return row.cpu.serverAllocatedBytes / row.count;
}

/**
 * Why a target's allocation and GC pauses are not measured: only Node processes load the gc
 * probe (gc-probe-hook.cjs); undefined for targets that do.
 */
export function gcUnmeasuredReason(target: string): string | undefined {
  if (target.startsWith(DENO_TARGET_PREFIX))
    return 'the Deno host takes no --require hook and offers no GC records to a script (v8.GCProfiler is Node’s)';
  if (target.startsWith('nats'))
    return 'nats-server is a Go program, whose collector runs beside it and reports nothing per window to another process';
  if (target.startsWith('redis'))
    return 'redis-server is C with its own allocator: it has no garbage collector to pause';
  return undefined;
}

/** Cores the server kept busy on average in the window. */
export function serverCores(row: Row): number | undefined {
  if (!row.cpu || row.cpu.serverCpuUs === undefined || row.cpu.wallUs <= 0) return undefined;
  return row.cpu.serverCpuUs / row.cpu.wallUs;
}

/** At or above this many cores, a single-threaded event loop had no spare time. */
export const SATURATED_CORES = 0.9;

export type Metric = 'p50' | 'p99' | 'p999' | 'perSec';

export function metricValue(row: Row | undefined, metric: Metric): number | undefined {
  if (!row || row.skipped) return undefined;
  return metric === 'perSec' ? row.perSec : row.latencyUs?.[metric];
}

/** Felix's value over the peer's; undefined when either is missing. */
export function ratio(
  report: ComparisonReport,
  workload: WorkloadId,
  metric: Metric,
  felix: string,
  peer: string,
): number | undefined {
  const a = metricValue(findRow(report, workload, felix), metric);
  const b = metricValue(findRow(report, workload, peer), metric);
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

export interface Goal {
  text: string;
  workload: WorkloadId;
  metric: Metric;
  peer: string;
  /** Met when ratio ≤ bound (lower is better) or ≥ bound (higher is better). */
  bound: number;
  lowerIsBetter: boolean;
}

export const GOALS: Goal[] = [
  { text: 'pub→sub p999 ≤ NATS', workload: 'latency', metric: 'p999', peer: 'nats', bound: 1, lowerIsBetter: true },
  {
    text: '1 KiB throughput ≥ Redis pub/sub',
    workload: 'throughput',
    metric: 'perSec',
    peer: 'redis',
    bound: 1,
    lowerIsBetter: false,
  },
  {
    text: 'cache get p99 ≤ 1.2 × Redis GET',
    workload: 'cacheGet',
    metric: 'p99',
    peer: 'redis',
    bound: 1.2,
    lowerIsBetter: true,
  },
  {
    text: 'durable on_commit, 64 in flight ≥ JetStream synced (sync_interval always)',
    workload: 'durableOnCommit64',
    metric: 'perSec',
    peer: 'nats',
    bound: 1,
    lowerIsBetter: false,
  },
  {
    text: 'durable periodic, 64 in flight ≥ Redis AOF everysec',
    workload: 'durablePeriodic64',
    metric: 'perSec',
    peer: 'redis',
    bound: 1,
    lowerIsBetter: false,
  },
  {
    text: 'durable periodic, 1 publisher ≥ Redis AOF everysec',
    workload: 'durablePeriodic1',
    metric: 'perSec',
    peer: 'redis',
    bound: 1,
    lowerIsBetter: false,
  },
  ...queueGoals(),
];

/** Felix targets served by a second broker on the Deno host. */
export const DENO_TARGET_PREFIX = 'felix-deno-';

/**
 * The Deno host's goals, against the Node host's TLS carrier in the same run (issue 12): its
 * QUIC within 2× on latency and half the 1 KiB throughput.
 */
export const HOST_GOALS: Goal[] = [
  {
    text: 'pub→sub p50 ≤ 2 × Felix TLS (Node host)',
    workload: 'latency',
    metric: 'p50',
    peer: 'felix-tls',
    bound: 2,
    lowerIsBetter: true,
  },
  {
    text: '1 KiB throughput ≥ 0.5 × Felix TLS (Node host)',
    workload: 'throughput',
    metric: 'perSec',
    peer: 'felix-tls',
    bound: 0.5,
    lowerIsBetter: false,
  },
];

export function goalMet(goal: Goal, r: number | undefined): boolean | undefined {
  if (r === undefined) return undefined;
  return goal.lowerIsBetter ? r <= goal.bound : r >= goal.bound;
}

export const felixTargets = (report: ComparisonReport) => report.targets.filter((t) => t.startsWith('felix-'));
export const peerTargets = (report: ComparisonReport) => report.targets.filter((t) => !t.startsWith('felix-'));

/** Which server, and the load generator against which target, kept a core busy, per workload. */
export function saturationNotes(rows: Row[]): string[] {
  const servers = new Map<string, string[]>();
  const loadGen = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, key: string, what: string) => m.set(key, [...(m.get(key) ?? []), what]);
  for (const r of rows) {
    if (r.workload === 'cacheSet' || !r.cpu) continue; // its window is cacheGet's
    const cores = serverCores(r);
    if (cores !== undefined && cores >= SATURATED_CORES) add(servers, r.target, `${r.workload} (${cores.toFixed(2)})`);
    if (r.cpu.loadGenCpuUs / r.cpu.wallUs >= SATURATED_CORES) add(loadGen, r.workload, r.target);
  }
  const notes: string[] = [];
  if (servers.size > 0)
    notes.push(
      `Servers that kept a core busy (≥ ${SATURATED_CORES} cores): ${[...servers].map(([t, ws]) => `${t} in ${ws.join(', ')}`).join('; ')}.`,
    );
  if (loadGen.size > 0)
    notes.push(
      `The load generator kept a core busy — so the number is a floor for that server — in ${[...loadGen].map(([w, ts]) => `${w} against ${ts.join(', ')}`).join('; ')}.`,
    );
  return notes;
}

/**
 * The issue's queue goals: the rate on the pipelined case (the one --quick runs), the p99 on one
 * in flight per consumer, where the latency is the system's own and not mostly the backlog's wait
 * (which, with 64 in flight, only restates the rate).
 */
function queueGoals(): Goal[] {
  const peers = [
    { peer: 'redis', name: 'Redis Streams group' },
    { peer: 'nats', name: 'JetStream work queue' },
  ];
  return peers.flatMap(({ peer, name }): Goal[] => [
    {
      text: `queue, 64 in flight, acked/s ≥ ${name}`,
      workload: queueWorkloadId(64),
      metric: 'perSec',
      peer,
      bound: 1,
      lowerIsBetter: false,
    },
    {
      text: `queue, 1 in flight, publish→ack p99 ≤ ${name}`,
      workload: queueWorkloadId(1),
      metric: 'p99',
      peer,
      bound: 1,
      lowerIsBetter: true,
    },
  ]);
}
