// What the broker fuzz target counts while it runs, for its report and its memory bound.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Stats {
  frames: number;
  connections: number;
  connectFailures: number;
  cleanRecords: number;
  cleanCacheOps: number;
  /** Event-stream connections attached (or refused) that then carried mutated frames. */
  eventStreamAttacks: number;
  peakRss: number;
  warmRss: number;
  /** Longest event-loop stall seen in the broker (its own metric) and in this process, in ms. */
  brokerLagMs: number;
}

/** Counters at zero, for a run that starts. */
export function newStats(): Stats {
  return {
    frames: 0,
    connections: 0,
    connectFailures: 0,
    cleanRecords: 0,
    cleanCacheOps: 0,
    eventStreamAttacks: 0,
    peakRss: 0,
    warmRss: 0,
    brokerLagMs: 0,
  };
}

/**
 * Watches this process's event loop. A stall of the fuzzer fires every pending timeout at once
 * when it ends; knowing the longest one tells such a false alarm from a broker that stopped
 * answering. `describe` gives the line a failure report carries.
 */
export function watchStalls(stats: Pick<Stats, 'brokerLagMs'>): { describe(): string; stop(): void } {
  const ownLag = monitorEventLoopDelay({ resolution: 20 });
  ownLag.enable();
  return {
    describe: () =>
      `longest event-loop stall: broker ${stats.brokerLagMs.toFixed(0)} ms, fuzzer ${(ownLag.max / 1e6).toFixed(0)} ms`,
    stop: () => ownLag.disable(),
  };
}
