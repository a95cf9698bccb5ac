// The observer's process: /live sampling, the clean pair and the broker's resident memory, kept
// out of the process that runs the attack. An attacker busy with thousands of connections
// delays whatever shares its process — measured, /live timed from a thread of the attacker's
// process read p50 69 ms where curl beside it read 0.2 ms — and that would be blamed on the broker.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { scrapeMetrics } from '@felix/testkit';
import { CleanPair } from './clean-pair.js';
import { LiveProbe } from './live-probe.js';
import type { ObserverReport, ObserverStart } from './observer.js';
import { cpuSecondsFromProc, cpuWaitSecondsFromProc, residentFromMetrics, residentFromProc } from './process-memory.js';

/** How often resident memory is read. */
const MEMORY_INTERVAL_MS = 50;
/** The resolution of the observer's watch on its own loop. */
const SELF_LOOP_RESOLUTION_MS = 10;

const { endpoint } = JSON.parse(process.argv[2]) as ObserverStart;
const send = (m: unknown) => process.send!(m);
// Whoever started it is gone (a run cut short): nothing is left to report to.
process.once('disconnect', () => process.exit(0));

let peak = 0;
let samples = 0;
const sampleMemory = async () => {
  const bytes = residentFromProc(endpoint.pid) ?? (await residentFromMetrics(endpoint.httpPort));
  if (bytes === undefined) return;
  samples++;
  peak = Math.max(peak, bytes);
};
await sampleMemory();
const baseline = peak;
const cpuAtStart = cpuSecondsFromProc(endpoint.pid);
const waitAtStart = cpuWaitSecondsFromProc(endpoint.pid);
const startedAt = performance.now();
const loopAtStart = await loopDelay();
const selfLoop = monitorEventLoopDelay({ resolution: SELF_LOOP_RESOLUTION_MS });
selfLoop.enable();
const selfWaitAtStart = cpuWaitSecondsFromProc(process.pid);

/** The broker's felix_event_loop_delay_seconds buckets (cumulative counts by bound). */
async function loopDelay(): Promise<Map<string, number>> {
  const buckets = new Map<string, number>();
  try {
    for (const m of (await scrapeMetrics(endpoint.httpPort)).matchAll(
      /^felix_event_loop_delay_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm,
    ))
      buckets.set(m[1], Number(m[2]));
  } catch {
    // A broker that no longer answers (a drain): no figure.
  }
  return buckets;
}
const memoryTimer = setInterval(() => void sampleMemory(), MEMORY_INTERVAL_MS);

try {
  const live = new LiveProbe(endpoint.httpPort);
  const pair = await CleanPair.start(endpoint);
  send({ type: 'ready' });
  process.once('message', async () => {
    const [liveReport, clean] = await Promise.all([live.stop(), pair.stop()]);
    clearInterval(memoryTimer);
    await sampleMemory();
    const cpuAtEnd = cpuSecondsFromProc(endpoint.pid);
    const waitAtEnd = cpuWaitSecondsFromProc(endpoint.pid);
    const seconds = (performance.now() - startedAt) / 1000;
    const loopAtEnd = await loopDelay();
    selfLoop.disable();
    const selfWaitAtEnd = cpuWaitSecondsFromProc(process.pid);
    // The monitor records each whole interval (resolution plus lateness), in ns.
    const lateMs = (ns: number) => Math.max(0, ns / 1e6 - SELF_LOOP_RESOLUTION_MS);
    const report: ObserverReport = {
      brokerCpuShare:
        cpuAtStart === undefined || cpuAtEnd === undefined ? undefined : (cpuAtEnd - cpuAtStart) / seconds,
      brokerCpuWaitShare:
        waitAtStart === undefined || waitAtEnd === undefined ? undefined : (waitAtEnd - waitAtStart) / seconds,
      loopDelay: loopDelaySince(loopAtStart, loopAtEnd),
      self: {
        loopLateP99Ms: lateMs(selfLoop.percentile(99)),
        loopLateMaxMs: lateMs(selfLoop.max),
        cpuWaitShare:
          selfWaitAtStart === undefined || selfWaitAtEnd === undefined
            ? undefined
            : (selfWaitAtEnd - selfWaitAtStart) / seconds,
      },
      live: liveReport,
      clean,
      baselineResidentBytes: baseline,
      peakResidentBytes: peak,
      memorySamples: samples,
    };
    send({ type: 'report', report });
  });
} catch (err) {
  clearInterval(memoryTimer);
  send({ type: 'failed', error: (err as Error)?.stack ?? String(err) });
}

/** How the loop delay samples taken while observing fall: their count, and how many ran late by more than 100 ms. */
function loopDelaySince(before: Map<string, number>, after: Map<string, number>): ObserverReport['loopDelay'] {
  const count = (after.get('+Inf') ?? 0) - (before.get('+Inf') ?? 0);
  if (!after.size || count <= 0) return undefined;
  const within100 = (after.get('0.1') ?? 0) - (before.get('0.1') ?? 0);
  const within25 = (after.get('0.025') ?? 0) - (before.get('0.025') ?? 0);
  return { samples: count, over25ms: count - within25, over100ms: count - within100 };
}
