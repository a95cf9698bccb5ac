// GET /live on a fixed schedule, each on a fresh connection, as a load balancer's health check
// would: a request goes out every interval whether or not the last one has been answered, so a
// broker that stalls shows its whole stall in the latencies instead of hiding it behind one slow
// request.
import { request } from 'node:http';
import { type Quantiles, quantiles } from './quantiles.js';

/**
 * How often /live is asked: often enough that a short run of a few seconds takes a few hundred
 * samples, so its p99 is a percentile and not merely its worst sample.
 */
export const LIVE_INTERVAL_MS = 20;
/** A /live not answered by then counts as failed, with this as its latency. */
export const LIVE_TIMEOUT_MS = 10_000;

export interface LiveReport extends Quantiles {
  /** Requests refused, broken or unanswered within LIVE_TIMEOUT_MS. */
  failed: number;
  /**
   * Of the answered requests, the time to the TCP connection alone: the kernel completes the
   * handshake without the broker's process, so a slow /live that was slow to connect waited on
   * the machine (its network stack, the observer's own turn), not on the broker's event loop.
   */
  connect: Quantiles;
}

export class LiveProbe {
  private readonly latencies: number[] = [];
  private readonly connects: number[] = [];
  private failed = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly httpPort: number) {
    this.timer = setInterval(() => this.ask(), LIVE_INTERVAL_MS);
  }

  private ask(): void {
    const started = performance.now();
    let connected: number | undefined;
    const answered = new Promise<void>((resolve) => {
      const done = (ok: boolean) => {
        const ms = performance.now() - started;
        this.latencies.push(ok ? ms : Math.max(ms, LIVE_TIMEOUT_MS));
        if (ok && connected !== undefined) this.connects.push(connected - started);
        if (!ok) this.failed++;
        resolve();
      };
      const req = request({ host: '127.0.0.1', port: this.httpPort, path: '/live', agent: false }, (res) => {
        res.resume();
        res.once('end', () => done(res.statusCode === 200));
        res.once('error', () => done(false));
      });
      req.once('socket', (socket) =>
        socket.once('connect', () => {
          connected = performance.now();
        }),
      );
      req.setTimeout(LIVE_TIMEOUT_MS, () => req.destroy(new Error('no answer')));
      req.once('error', () => done(false));
      req.end();
    });
    this.inFlight.add(answered);
    void answered.then(() => this.inFlight.delete(answered));
  }

  /** Stops asking; requests still out get until their own timeout. */
  async stop(): Promise<LiveReport> {
    clearInterval(this.timer);
    await Promise.all(this.inFlight);
    return { ...quantiles(this.latencies), failed: this.failed, connect: quantiles(this.connects) };
  }
}
