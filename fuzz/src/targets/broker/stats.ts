// What the broker fuzz target counts while it runs, for its report and its memory bound.

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
