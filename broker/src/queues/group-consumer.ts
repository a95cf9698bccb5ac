// One consumer of a group: how much it may hold and for how long, and the event stream its
// batches are written to. It takes deliveries once that stream is open, and none while the
// carrier holds more than its high-water mark of them (the batches go to a consumer that reads
// instead), nor once it is finishing or ended.
import type { ByteSink } from '@felix/transport';
import type { MemoryBudget } from '../core/memory-budget.js';

/**
 * Memory of one consumer whatever it holds: the consumer, its place in its group and session,
 * the callbacks between them and its lease bookkeeping's fixed part. Its event stream's
 * carrier is not counted here, as for a subscription.
 */
export const CONSUMER_OVERHEAD_BYTES = 2048;

export interface ConsumerOptions {
  id: number;
  maxInFlight: number;
  ackWaitMs: number;
}

export class GroupConsumer {
  private sink: ByteSink | undefined;
  private blocked = false;
  private finishing = false;
  private ended = false;
  /** Called when the consumer can take deliveries again (its carrier drained). */
  onRoom: () => void = () => {};

  constructor(
    readonly options: ConsumerOptions,
    /** Writes a frame to the event stream; counts it. False once the carrier is over its mark. */
    private readonly write: (sink: ByteSink, frame: Uint8Array) => boolean,
    private readonly memory?: MemoryBudget,
  ) {
    memory?.charge('subscribers', CONSUMER_OVERHEAD_BYTES);
  }

  get id(): number {
    return this.options.id;
  }

  /** Whether a batch may be written to it now. */
  get ready(): boolean {
    return this.sink !== undefined && !this.blocked && !this.finishing && !this.ended;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Set by finish(): its event stream is ending on the broker's side. */
  get isFinishing(): boolean {
    return this.finishing;
  }

  /** True once nothing it was written is left in the carrier (or it never had an event stream). */
  get flushed(): boolean {
    return (this.sink?.bufferedBytes ?? 0) === 0;
  }

  /** Its event stream is open (event_stream_hello written): deliveries may start. */
  attach(sink: ByteSink): void {
    if (this.ended) return;
    this.sink = sink;
    this.onRoom();
  }

  deliver(frame: Uint8Array): void {
    const sink = this.sink;
    if (!sink || this.ended) return;
    if (this.write(sink, frame)) return;
    this.blocked = true;
    void sink.drained().then(
      () => {
        this.blocked = false;
        if (!this.ended) this.onRoom();
      },
      () => undefined,
    );
  }

  /** Takes no more deliveries and finishes the event stream once what was written has gone. */
  finish(): Promise<void> {
    this.finishing = true;
    return this.sink?.end().catch(() => undefined) ?? Promise.resolve();
  }

  /** Ends it for good; gives back its memory. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.memory?.release('subscribers', CONSUMER_OVERHEAD_BYTES);
  }
}
