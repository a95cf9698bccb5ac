// The bystander every attack is measured beside: a publisher and a subscriber on a stream of
// their own, over TLS, publishing numbered records at a steady rate with acknowledgements. At
// the end every acknowledged record must have arrived, once each and in order, and the time
// from publish to delivery tells what the attack cost a client that did nothing wrong.
import { subscribe, type TestClient, testClient } from '@felix/testkit';
import { type Quantiles, quantiles } from './quantiles.js';
import { Refusals } from './refusals.js';
import type { SoakEndpoint } from './soak-broker.js';

export const CLEAN_STREAM = 'clean';
/** One record every this many milliseconds. */
export const CLEAN_INTERVAL_MS = 10;
/** How long, once publishing stops, the subscriber has to receive what was acknowledged. */
const CATCH_UP_MS = 10_000;

export interface CleanPairReport {
  published: number;
  acknowledged: number;
  received: number;
  /** Publishes neither acknowledged nor refused by the end. */
  unanswered: number;
  /** Acknowledged records that never arrived. */
  lost: number;
  /** Records that arrived after one published later than them. */
  reordered: number;
  duplicated: number;
  /** Publishes the broker refused, by code (a clean client should meet none). */
  refused: Record<string, number>;
  /** Publish to delivery, milliseconds. */
  latency: Quantiles;
  /** Why the pair stopped early, if it did (its connection closed, say). */
  broken?: string;
}

const RECORD_BYTES = 16;

function record(seq: number): Uint8Array {
  const bytes = new Uint8Array(RECORD_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, seq);
  view.setFloat64(8, performance.now());
  return bytes;
}

export class CleanPair {
  private publisher!: TestClient;
  private subscriber!: TestClient;
  private published = 0;
  private acknowledged = new Set<number>();
  private readonly refusals = new Refusals();
  private seen = new Uint8Array(1024);
  private received = 0;
  private highest = -1;
  private reordered = 0;
  private duplicated = 0;
  private readonly latencies: number[] = [];
  private broken: string | undefined;
  /** Set once stop() closes the pair: streams ending after that are not a breakage. */
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private arrived: (() => void) | undefined;

  private constructor(private readonly endpoint: SoakEndpoint) {}

  static async start(endpoint: SoakEndpoint): Promise<CleanPair> {
    const pair = new CleanPair(endpoint);
    await pair.connect();
    return pair;
  }

  private async connect(): Promise<void> {
    this.subscriber = await testClient('tls', this.endpoint);
    const { reply, events } = await subscribe(this.subscriber, CLEAN_STREAM);
    if (!events) throw new Error(`the clean subscriber was refused: ${JSON.stringify(reply)}`);
    this.publisher = await testClient('tls', this.endpoint);
    void this.readAcks();
    void this.readEvents(events);
    this.timer = setInterval(() => this.publish(), CLEAN_INTERVAL_MS);
  }

  private publish(): void {
    if (this.broken) return;
    const seq = this.published++;
    this.publisher.send({
      type: 'binary_publish_batch',
      request_id: BigInt(seq),
      ack_mode: 'per_batch',
      tenant_id: 't1',
      namespace: 'default',
      stream: CLEAN_STREAM,
      payloads: [record(seq)],
    });
  }

  private async readAcks(): Promise<void> {
    try {
      for (;;) {
        const m = await this.publisher.control.next(60_000);
        if (m.type !== 'binary_publish_ack') continue;
        if (m.status === 'ok') this.acknowledged.add(Number(m.request_id));
        else this.refusals.message(m);
      }
    } catch (err) {
      if (!this.stopping) this.broken ??= `publisher: ${(err as Error).message}`;
    }
  }

  private async readEvents(events: NonNullable<Awaited<ReturnType<typeof subscribe>>['events']>): Promise<void> {
    try {
      for (;;) {
        const m = await events.next(60_000);
        if (m.type !== 'binary_shared_event_batch') continue;
        const now = performance.now();
        for (const payload of m.payloads) this.arrive(payload, now);
        this.arrived?.();
      }
    } catch (err) {
      if (!this.stopping) this.broken ??= `subscriber: ${(err as Error).message}`;
      this.arrived?.();
    }
  }

  private arrive(payload: Uint8Array, now: number): void {
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    const seq = view.getUint32(0);
    this.latencies.push(now - view.getFloat64(8));
    if (seq >= this.seen.length) {
      const grown = new Uint8Array(Math.max(seq + 1, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    if (this.seen[seq]) {
      this.duplicated++;
      return;
    }
    this.seen[seq] = 1;
    this.received++;
    if (seq < this.highest) this.reordered++;
    this.highest = Math.max(this.highest, seq);
  }

  private missing(): number {
    let n = 0;
    for (const seq of this.acknowledged) if (!this.seen[seq]) n++;
    return n;
  }

  /** Stops publishing, waits (bounded) for the subscriber to catch up, and reports. */
  async stop(): Promise<CleanPairReport> {
    clearInterval(this.timer);
    const deadline = Date.now() + CATCH_UP_MS;
    // Acks still on their way count once they come; the subscriber then has what they acknowledge.
    while (!this.broken && Date.now() < deadline && (this.missing() > 0 || this.acknowledged.size < this.settled())) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.arrived = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.arrived = undefined;
    this.stopping = true;
    this.publisher.close();
    this.subscriber.close();
    return {
      published: this.published,
      acknowledged: this.acknowledged.size,
      received: this.received,
      unanswered: this.settled() - this.acknowledged.size,
      lost: this.missing(),
      reordered: this.reordered,
      duplicated: this.duplicated,
      refused: this.refusals.byCode(),
      latency: quantiles(this.latencies),
      ...(this.broken && { broken: this.broken }),
    };
  }

  /** Publishes answered so far, one way or the other. */
  private settled(): number {
    let refused = 0;
    for (const n of Object.values(this.refusals.byCode())) refused += n;
    return this.published - refused;
  }
}
