// How late the event loop runs, as the Prometheus histogram felix_event_loop_delay_seconds: the
// one number that says whether the broker is responsive (a /live, an ack, a delivery all wait
// behind whatever holds the loop). The runtime samples the delay natively (perf_hooks
// monitorEventLoopDelay, every RESOLUTION_MS) at no JavaScript cost and keeps every sample since
// start in its own histogram; a scrape reads the cumulative bucket counts off that histogram's
// percentiles. It is never reset: a reset drops the interval in progress, which is exactly the
// stall a scrape that waited behind it would want counted.
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { Histogram, type MetricObjectWithValues, type MetricValueWithName, type Registry } from 'prom-client';

const NAME = 'felix_event_loop_delay_seconds';
/** How often the runtime samples the loop: the histogram's resolution. */
const RESOLUTION_MS = 10;
const HELP = `How late the event loop ran, sampled every ${RESOLUTION_MS} ms: what every request and delivery waits behind`;
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/**
 * Bisection steps for a bucket's share: 2^-40 of the samples is under one sample after years
 * of them, so the counts come out exact.
 */
const STEPS = 40;

/** A bucket's bound in the monitor's terms: it records the whole interval (resolution plus delay) in ns. */
const recordedNs = (seconds: number) => (seconds * 1000 + RESOLUTION_MS) * 1e6;

/** The share (0–1) of the samples in `h` at or below `ns`, from its percentiles. */
function shareAtOrBelow(h: IntervalHistogram, ns: number): number {
  if (h.min > ns) return 0;
  if (h.max <= ns) return 1;
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (h.percentile(mid) <= ns) lo = mid;
    else hi = mid;
  }
  return lo / 100;
}

export class EventLoopDelayHistogram extends Histogram {
  private readonly monitor = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  /** What the last scrape reported, which the next never goes below (rounding cannot make counts fall). */
  private readonly atOrBelow = BUCKETS.map(() => 0);
  private samples = 0;
  private delaySeconds = 0;

  constructor(registry: Registry) {
    super({ name: NAME, help: HELP, buckets: BUCKETS, registers: [registry] });
    this.monitor.enable();
  }

  /** Reads the buckets, sum and count off the monitor's histogram of every sample so far. */
  private read(): void {
    const h = this.monitor;
    const count = h.count;
    if (count === 0) return;
    BUCKETS.forEach((bound, i) => {
      const atOrBelow = Math.round(count * shareAtOrBelow(h, recordedNs(bound)));
      this.atOrBelow[i] = Math.max(this.atOrBelow[i], atOrBelow);
    });
    this.samples = count;
    // Early ticks (the timer runs a little ahead now and then) count as no delay.
    const delaySeconds = (count * Math.max(0, h.mean / 1e6 - RESOLUTION_MS)) / 1000;
    this.delaySeconds = Math.max(this.delaySeconds, delaySeconds);
  }

  /**
   * What the registry writes: prom-client asks a metric for this rather than get() when it has
   * it, and its own histogram has it, so both are answered from the monitor.
   */
  async getForPromString(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    this.read();
    const bucket = `${NAME}_bucket`;
    const values: MetricValueWithName<string>[] = [
      ...BUCKETS.map((le, i) => ({ labels: { le }, value: this.atOrBelow[i], metricName: bucket })),
      { labels: { le: '+Inf' }, value: this.samples, metricName: bucket },
      { labels: {}, value: this.delaySeconds, metricName: `${NAME}_sum` },
      { labels: {}, value: this.samples, metricName: `${NAME}_count` },
    ];
    // The typings want the metric's collect hook too, which nothing reads from a snapshot.
    const snapshot = { name: NAME, help: HELP, type: 'histogram', values, aggregator: 'sum' };
    return snapshot as unknown as MetricObjectWithValues<MetricValueWithName<string>>;
  }

  override get(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    return this.getForPromString();
  }
}
