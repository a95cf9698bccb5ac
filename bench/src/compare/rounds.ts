// Pools repeated rounds of a workload into one row: latency samples are pooled before taking
// percentiles (a p999 needs every sample), a rate is the median of the rounds (one round that
// met a burst of load from elsewhere on the machine does not move it), CPU and allocation are
// summed, the longest GC pause is the longest of any round. A measurement may carry both a rate
// and samples (acked publishes: a rate and each ack's latency).
import { summarize } from '../shared/stats.js';
import type { Row, WorkloadId } from './results.js';
import type { CpuUse } from './workloads.js';

export interface Measurement {
  workload: WorkloadId;
  target: string;
  samplesUs?: ArrayLike<number>;
  perSec?: number;
  count: number;
  cpu: CpuUse;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function pool(arrays: ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

export function combineRounds(measurements: Measurement[]): Row[] {
  const groups = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const key = `${m.workload}\u0000${m.target}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((ms) => {
    const cpu: CpuUse = {
      wallUs: ms.reduce((n, m) => n + m.cpu.wallUs, 0),
      loadGenCpuUs: ms.reduce((n, m) => n + m.cpu.loadGenCpuUs, 0),
      serverCpuUs: ms.some((m) => m.cpu.serverCpuUs === undefined)
        ? undefined
        : ms.reduce((n, m) => n + m.cpu.serverCpuUs!, 0),
    };
    if (ms.every((m) => m.cpu.serverAllocatedBytes !== undefined && m.cpu.serverMaxGcPauseUs !== undefined)) {
      cpu.serverAllocatedBytes = ms.reduce((n, m) => n + m.cpu.serverAllocatedBytes!, 0);
      cpu.serverMaxGcPauseUs = Math.max(...ms.map((m) => m.cpu.serverMaxGcPauseUs!));
    }
    const row: Row = {
      workload: ms[0].workload,
      target: ms[0].target,
      count: ms.reduce((n, m) => n + m.count, 0),
      cpu,
    };
    const withSamples = ms.every((m) => m.samplesUs);
    if (withSamples) row.latencyUs = summarize(pool(ms.map((m) => m.samplesUs!)));
    if (withSamples && ms.every((m) => m.perSec === undefined)) row.rounds = ms.map((m) => summarize(m.samplesUs!).p99);
    else {
      row.perSec = median(ms.map((m) => m.perSec ?? Number.NaN));
      row.rounds = ms.map((m) => m.perSec ?? Number.NaN);
    }
    return row;
  });
}
