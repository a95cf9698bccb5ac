// Consumer groups in /metrics. Group names are the clients', and there may be thousands: a
// series each would swamp a scrape, so only some are labelled one by one. Lag and in-flight
// are sampled at each scrape for the groups with the most lag; the counters label the first
// groups that count something and add the rest under group="_other", so no labelled counter
// ever goes back.
import type { BrokerMetrics } from '../service/metrics.js';
import type { ConsumerGroup, GroupEvents } from './consumer-group.js';
import { type GroupKey, groupId } from './group-key.js';

/** Groups labelled one by one, in each of the gauges and in the counters. */
export const LABELLED_GROUPS = 20;

const OTHER = { tenant: '', namespace: '', stream: '', group: '_other' };

export class GroupMetrics implements GroupEvents {
  private readonly labelled = new Set<string>();

  constructor(private readonly metrics: BrokerMetrics) {}

  redelivered(key: GroupKey, records: number): void {
    this.metrics.groupRedeliveries.inc(this.labels(key), records);
  }

  deadLettered(key: GroupKey): void {
    this.metrics.groupDeadLetters.inc(this.labels(key));
  }

  skipped(key: GroupKey, records: number): void {
    this.metrics.groupRecordsSkipped.inc(this.labels(key), records);
  }

  /** Sets the gauges from the groups as they are now (before a scrape). */
  sample(groups: Iterable<ConsumerGroup>): void {
    const m = this.metrics;
    const all = [...groups].map((g) => ({ key: g.key, ...g.snapshot() }));
    m.groups.set(all.length);
    // Series of groups that left the most-lag set go with a reset, rather than lingering stale.
    m.groupLag.reset();
    m.groupInFlight.reset();
    all.sort((a, b) => b.lag - a.lag);
    for (const g of all.slice(0, LABELLED_GROUPS)) {
      const labels = { tenant: g.key.tenant, namespace: g.key.namespace, stream: g.key.stream, group: g.key.group };
      m.groupLag.set(labels, g.lag);
      m.groupInFlight.set(labels, g.in_flight);
    }
  }

  private labels(key: GroupKey): Record<string, string> {
    const id = groupId(key);
    if (!this.labelled.has(id)) {
      if (this.labelled.size >= LABELLED_GROUPS) return OTHER;
      this.labelled.add(id);
    }
    return { tenant: key.tenant, namespace: key.namespace, stream: key.stream, group: key.group };
  }
}
