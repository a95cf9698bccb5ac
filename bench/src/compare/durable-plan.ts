// The durable publish rows: which Felix fsync modes run with how many publishes in flight, and
// which setting of each peer stands beside each mode. Only data and pure functions, so the
// report and the tests read the same plan that main.ts runs.
export type FsyncMode = 'none' | 'periodic' | 'on_commit';
/** Redis's appendfsync setting. */
export type AppendFsync = 'always' | 'everysec' | 'no';
export const FSYNC_MODES: readonly FsyncMode[] = ['none', 'periodic', 'on_commit'];
/** Acked publishes outstanding at once: one publisher waiting for each ack, or 64. */
export const DURABLE_IN_FLIGHT = [1, 64] as const;
export type DurableInFlight = (typeof DURABLE_IN_FLIGHT)[number];
export const DURABLE_PAYLOAD_BYTES = 1024;

const MODE_WORD = { none: 'None', periodic: 'Periodic', on_commit: 'OnCommit' } as const;
export type DurableWorkloadId = `durable${(typeof MODE_WORD)[FsyncMode]}${DurableInFlight}`;

export function durableWorkloadId(mode: FsyncMode, inFlight: DurableInFlight): DurableWorkloadId {
  return `durable${MODE_WORD[mode]}${inFlight}`;
}

export interface DurableCase {
  mode: FsyncMode;
  inFlight: DurableInFlight;
  workload: DurableWorkloadId;
}

/**
 * Every mode at each number in flight; the quick run (CI's smoke test) only the strictest mode
 * with 64 in flight, the row the issue's main goal reads.
 */
export function durableCases(quick: boolean): DurableCase[] {
  const cases: DurableCase[] = [];
  for (const mode of FSYNC_MODES)
    for (const inFlight of DURABLE_IN_FLIGHT)
      if (!quick || (mode === 'on_commit' && inFlight === 64))
        cases.push({ mode, inFlight, workload: durableWorkloadId(mode, inFlight) });
  return cases;
}

/** Each peer's setting nearest to a Felix fsync mode; no entry where the peer has none. */
export const PEER_POLICY: Record<FsyncMode, { redis: AppendFsync; nats?: 'always' | 'default' }> = {
  // Written to the operating system, never fsynced by the server.
  none: { redis: 'no' },
  // Fsynced in the background: Felix every 250 ms, Redis every second, JetStream on its own
  // timer (nats-server's default); JetStream has no setting that never fsyncs.
  periodic: { redis: 'everysec', nats: 'default' },
  // Acknowledged only once fsynced.
  on_commit: { redis: 'always', nats: 'always' },
};

export function durableTitle(c: Pick<DurableCase, 'mode' | 'inFlight'>): string {
  const peers = PEER_POLICY[c.mode];
  const nats = peers.nats === 'always' ? ', JetStream sync_interval always' : peers.nats ? ', JetStream default' : '';
  return `durable publish, 1 KiB, acked, fsync ${c.mode} (Redis appendfsync ${peers.redis}${nats}), ${c.inFlight === 1 ? '1 publisher' : `${c.inFlight} in flight`}`;
}

/** The stream (Felix, JetStream) or key (Redis) a case publishes to, one per case. */
export const durableStream = (c: Pick<DurableCase, 'mode' | 'inFlight'>) => `durable-${c.mode}-${c.inFlight}`;
