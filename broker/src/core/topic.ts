// Fanout for one stream: published records are appended to the stream's log, gathered into
// count/bytes/time-bounded batches, encoded once per encoder in use and the same bytes queued
// for every subscriber. A subscriber's queue absorbs its slowness up to its bound; past that
// its overflow policy applies to it alone. The topic does not know the wire: each subscriber
// brings the encoder (supplied by the protocol layer) that turns a batch into its frame.
import type { MemoryBudget } from './memory-budget.js';
// Batches reach subscribers FANOUT_SLICE at a time, one slice per turn of the event loop: each
// subscriber woken writes its frame to its carrier in that same turn, so a batch for 15,000
// subscribers handed out at once held the loop (health checks, acks, other streams) for
// seconds. Batches go out strictly in order, so each subscriber still sees them in order.
import type { StreamLog } from './stream-log.js';
import type { EnqueueResult, QueuedFrame, SubscriberQueue } from './subscriber-queue.js';

export interface BatchingOptions {
  /** Records in one event batch at most. */
  maxRecords: number;
  /** Payload bytes in one event batch at most (a single larger record still goes alone). */
  maxBytes: number;
  /** How long a batch may wait for more records; 0 flushes at the end of the current turn. */
  lingerMs: number;
}

/**
 * Turns a batch of records, the first at `baseOffset`, into the bytes a subscriber is sent.
 * Subscribers that hold the same encoder share one encoding of each batch, so an encoder must
 * be a long-lived value (one per frame variant), not one made per subscriber.
 */
export type BatchEncoder = (payloads: Uint8Array[], baseOffset: number) => Uint8Array;

export interface TopicSubscriber {
  /** How this subscriber's batches are encoded. */
  readonly encoder: BatchEncoder;
  readonly queue: SubscriberQueue;
  /** Tells the subscriber's writer that its queue has frames. */
  wake(): void;
  /** Called when the overflow policy is disconnect and the queue is full. */
  overflow(): void;
  /** Called when the overflow policy dropped records meant for this subscriber. */
  dropped?(records: number): void;
  /** First offset the subscriber takes from live fanout; earlier ones it replays from the log. */
  liveFrom: number;
}

/**
 * Memory of one subscription whatever it has queued: the subscription and its queue, its place
 * in the topic and its session's map, and the callbacks between them, as measured by
 * broker/test/measure/memory-overhead.ts. The carrier's stream under it is not counted here.
 */
export const SUBSCRIPTION_OVERHEAD_BYTES = 3072;

/** Subscribers handed a batch per turn of the event loop. */
export const FANOUT_SLICE = 64;
/**
 * Batches waiting to go out, at most. Past that, fanout falls behind what is published: the
 * oldest goes out at once, in the publisher's turn, which holds the loop as fanout always did
 * but keeps the backlog (and the records it keeps alive past retention) bounded.
 */
export const MAX_OUTGOING_BATCHES = 256;

/** A batch cut from what was published, on its way to the subscribers it was cut for. */
interface OutgoingBatch {
  payloads: Uint8Array[];
  base: number;
  since: number;
  /** The subscribers when it was cut: anyone added later starts past it. */
  subscribers: TopicSubscriber[];
  /** The next of them to hand it to. */
  next: number;
  /** Its encoding per encoder, made for the first subscriber that needs it. */
  shared: Map<BatchEncoder, QueuedFrame>;
}

export interface FanoutStats {
  framesEncoded: number;
  recordsDelivered: number;
  recordsDropped: number;
}

export class Topic {
  private readonly subscribers = new Set<TopicSubscriber>();
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private pendingBase = 0;
  private pendingSince = 0;
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly outgoing: OutgoingBatch[] = [];
  /** The subscribers as an array, shared by every batch cut while they do not change. */
  private snapshot: TopicSubscriber[] | undefined;
  readonly stats: FanoutStats = { framesEncoded: 0, recordsDelivered: 0, recordsDropped: 0 };
  /** Told of each append: consumer groups take their records from the log, not from fanout. */
  private readonly appendWatchers = new Set<() => void>();

  constructor(
    readonly log: StreamLog,
    private readonly batching: BatchingOptions,
    /** Subscriptions and their queued frames are charged to its subscribers pool. */
    private readonly memory?: MemoryBudget,
  ) {}

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  add(subscriber: TopicSubscriber): void {
    if (this.subscribers.has(subscriber)) return;
    this.subscribers.add(subscriber);
    this.snapshot = undefined;
    if (!this.memory) return;
    // Counted, never refused: a subscription is already made by the time it joins, and caps on
    // subscriptions refuse them before that. A full pool makes queues drop instead.
    this.memory.charge('subscribers', SUBSCRIPTION_OVERHEAD_BYTES);
    subscriber.queue.attach(this.memory);
  }

  /** Takes the subscriber out of fanout and gives back what it held (its queue is emptied). */
  remove(subscriber: TopicSubscriber): void {
    if (!this.subscribers.delete(subscriber)) return;
    this.snapshot = undefined;
    if (!this.memory) return;
    subscriber.queue.detach();
    this.memory.release('subscribers', SUBSCRIPTION_OVERHEAD_BYTES);
  }

  /** Calls `watcher` after each append; returns what stops it. */
  watchAppends(watcher: () => void): () => void {
    const own = () => watcher();
    this.appendWatchers.add(own);
    return () => this.appendWatchers.delete(own);
  }

  /** Appends payloads to the log; returns the offset of the first. */
  publish(payloads: Iterable<Uint8Array>): number {
    const base = this.log.append(payloads);
    for (const watcher of this.appendWatchers) watcher();
    if (this.subscribers.size === 0) return base;
    // The log holds its own copies; fanout shares those rather than the caller's buffers. A
    // batch larger than the log's bounds comes back trimmed, which subscribers see as a gap.
    const { baseOffset, payloads: stored } = this.log.read(base, this.log.tail - base);
    for (let i = 0; i < stored.length; i++) {
      const p = stored[i];
      const full =
        this.pending.length >= this.batching.maxRecords ||
        (this.pending.length > 0 && this.pendingBytes + p.length > this.batching.maxBytes);
      if (full) this.cut();
      if (this.pending.length === 0) {
        this.pendingBase = baseOffset + i;
        this.pendingSince = performance.now();
      }
      this.pending.push(p);
      this.pendingBytes += p.length;
    }
    this.schedule();
    return base;
  }

  private schedule(): void {
    const lingering = this.batching.lingerMs > 0;
    if (this.outgoing.length > 0 || (this.pending.length > 0 && !lingering)) this.turnSoon();
    if (this.pending.length > 0 && lingering && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.cut();
        this.turn();
      }, this.batching.lingerMs);
    }
  }

  private turnSoon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.turn();
    });
  }

  /** One turn's share of the fanout: one slice handed out, the rest in later turns. */
  private turn(): void {
    // Without a linger, what was published this turn closes its batch now.
    if (this.batching.lingerMs <= 0) this.cut();
    this.handOut(FANOUT_SLICE);
    if (this.outgoing.length > 0) this.turnSoon();
  }

  /** Encodes the pending batch (once per encoder in use) and queues it for every subscriber, now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.cut();
    this.handOut(Number.POSITIVE_INFINITY);
  }

  /** Closes the pending batch: it goes out to the subscribers there are now. */
  private cut(): void {
    const payloads = this.pending;
    if (payloads.length === 0) return;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.subscribers.size === 0) return;
    if (this.outgoing.length >= MAX_OUTGOING_BATCHES) this.handOut(this.outgoing[0].subscribers.length);
    this.snapshot ??= [...this.subscribers];
    this.outgoing.push({
      payloads,
      base: this.pendingBase,
      since: this.pendingSince,
      subscribers: this.snapshot,
      next: 0,
      shared: new Map(),
    });
  }

  /** Hands out up to `count` batch deliveries, oldest batch first. */
  private handOut(count: number): void {
    let left = count;
    while (left > 0 && this.outgoing.length > 0) {
      const batch = this.outgoing[0];
      const { payloads, base, since, subscribers, shared } = batch;
      while (left > 0 && batch.next < subscribers.length) {
        const sub = subscribers[batch.next++];
        // Gone since the cut (unsubscribed, session over): nothing to hand it.
        if (!this.subscribers.has(sub)) continue;
        left--;
        if (base + payloads.length <= sub.liveFrom) continue;
        // A subscriber that joined mid-batch gets only the part from its live offset on.
        const skip = Math.max(0, sub.liveFrom - base);
        let frame: QueuedFrame | undefined;
        if (skip > 0) {
          frame = this.encode(sub.encoder, payloads.slice(skip), base + skip, since);
        } else {
          frame = shared.get(sub.encoder);
          if (!frame) {
            frame = this.encode(sub.encoder, payloads, base, since);
            shared.set(sub.encoder, frame);
          }
        }
        this.deliver(sub, frame);
      }
      if (batch.next >= subscribers.length) this.outgoing.shift();
    }
  }

  private encode(encoder: BatchEncoder, payloads: Uint8Array[], base: number, queuedAt: number): QueuedFrame {
    this.stats.framesEncoded++;
    return { bytes: encoder(payloads, base), records: payloads.length, queuedAt, holders: 0 };
  }

  private deliver(sub: TopicSubscriber, frame: QueuedFrame): void {
    const droppedBefore = sub.queue.droppedRecords;
    const result: EnqueueResult = sub.queue.enqueue(frame);
    // drop_new loses this frame, drop_old the oldest queued ones: count whatever was lost.
    const lost = sub.queue.droppedRecords - droppedBefore;
    if (lost > 0) {
      this.stats.recordsDropped += lost;
      sub.dropped?.(lost);
    }
    if (result === 'queued') {
      this.stats.recordsDelivered += frame.records;
      sub.wake();
    } else if (result === 'overflow_disconnect') {
      this.stats.recordsDropped += frame.records;
      sub.overflow();
    }
  }

  /** Bytes queued for all subscribers (their lag). */
  queuedBytes(): number {
    let n = 0;
    for (const s of this.subscribers) n += s.queue.queuedBytes;
    return n;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending = [];
    this.outgoing.length = 0;
    for (const s of [...this.subscribers]) this.remove(s);
  }
}
