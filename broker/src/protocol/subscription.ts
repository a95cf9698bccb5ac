// One subscription's delivery: event_stream_hello, then records replayed from the log up to
// the live offset, then the live frames fanout queues for it — written as fast as the carrier
// takes them, and never more than the queue's bound held for a slow reader.
import type { ByteSink } from '@felix/transport';
import type { OverflowPolicy } from '../core/subscriber-queue.js';
import { SubscriberQueue } from '../core/subscriber-queue.js';
import type { BatchEncoder, Topic, TopicSubscriber } from '../core/topic.js';
import { eventStreamHello } from './event-frames.js';

export interface SubscriptionOptions {
  id: number;
  topic: Topic;
  /** How batches are encoded for this peer, replayed and live alike (see eventBatchEncoder). */
  encoder: BatchEncoder;
  /** The stream's epoch, named in event_stream_hello; undefined for a peer without STREAM_EPOCHS. */
  epoch?: number;
  /** First offset to deliver; below `liveFrom` it comes from the log. */
  startOffset: number;
  queueBytes: number;
  policy: OverflowPolicy;
  replayBatchRecords: number;
  replayBatchBytes: number;
  onDelivered(records: number, latencySeconds: number | undefined): void;
  onOverflowDisconnect(): void;
  onDropped(records: number): void;
}

export class Subscription implements TopicSubscriber {
  readonly queue: SubscriberQueue;
  readonly encoder: BatchEncoder;
  liveFrom: number;
  private cursor: number;
  private wakeUp: (() => void) | undefined;
  private stopped = false;
  /** Where delivery writes, once the event stream is open; its buffered bytes are still owed. */
  private sink: ByteSink | undefined;
  /** Set by finish(): run() returns once nothing is left to write, instead of waiting for more. */
  private finishing = false;

  constructor(private readonly options: SubscriptionOptions) {
    this.queue = new SubscriberQueue(options.queueBytes, options.policy);
    this.encoder = options.encoder;
    this.liveFrom = options.topic.log.tail;
    this.cursor = options.startOffset;
    options.topic.add(this);
  }

  get id(): number {
    return this.options.id;
  }

  wake(): void {
    const w = this.wakeUp;
    this.wakeUp = undefined;
    w?.();
  }

  overflow(): void {
    this.options.onOverflowDisconnect();
  }

  dropped(records: number): void {
    this.options.onDropped(records);
  }

  /** Stops delivery; the writer loop ends after its current write. */
  stop(): void {
    this.stopped = true;
    this.options.topic.remove(this);
    this.queue.clear();
    this.wake();
  }

  /**
   * Ends delivery once everything owed has been written (a drain: nothing more will be
   * published): run() then returns, so its caller can end the event stream in good order.
   */
  finish(): void {
    this.finishing = true;
    this.wake();
  }

  /** Whether an event stream is open for it (then only ending that stream makes it done). */
  get streaming(): boolean {
    return this.sink !== undefined;
  }

  /**
   * True once everything owed has left the process: nothing to replay, nothing queued, and
   * nothing held in the carrier's buffer (used while draining).
   */
  get idle(): boolean {
    return this.queue.length === 0 && this.cursor >= this.liveFrom && (this.sink?.bufferedBytes ?? 0) === 0;
  }

  /** Bytes still owed that are already encoded: queued here and buffered in the carrier. */
  get owedBytes(): number {
    return this.queue.queuedBytes + (this.sink?.bufferedBytes ?? 0);
  }

  /** One past the last record this subscription can be owed: its stream's tail. */
  get endOffset(): number {
    return this.options.topic.log.tail;
  }

  private replayFrame(): Uint8Array | undefined {
    if (this.cursor >= this.liveFrom) return undefined;
    const { log } = this.options.topic;
    const want = Math.min(this.options.replayBatchRecords, this.liveFrom - this.cursor);
    const { baseOffset, payloads } = log.read(this.cursor, want, this.options.replayBatchBytes);
    // Retention may have moved past the cursor while replaying: the gap shows in the offsets.
    const usable = payloads.slice(0, Math.max(0, this.liveFrom - baseOffset));
    if (usable.length === 0) {
      this.cursor = this.liveFrom;
      return undefined;
    }
    this.cursor = baseOffset + usable.length;
    return this.encoder(usable, baseOffset);
  }

  async run(sink: ByteSink): Promise<void> {
    this.sink = sink;
    const write = async (bytes: Uint8Array) => {
      if (!sink.write(bytes)) await sink.drained();
    };
    await write(eventStreamHello(this.options.id, this.options.epoch));
    while (!this.stopped) {
      const replay = this.replayFrame();
      if (replay) {
        await write(replay);
        continue;
      }
      const frame = this.queue.shift();
      if (frame) {
        if (!sink.write(frame.bytes)) await sink.drained();
        this.options.onDelivered(
          frame.records,
          frame.queuedAt === undefined ? undefined : (performance.now() - frame.queuedAt) / 1000,
        );
        continue;
      }
      if (this.finishing) return;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
      });
    }
  }
}
