// One subscription's delivery: event_stream_hello, then records replayed from the log up to
// the live offset, then the live frames fanout queues for it — written as fast as the carrier
// takes them, and never more than the queue's bound held for a slow reader.
//
// A subscription to a durable stream that starts behind the tail catches up instead: it reads
// the stream's log on disk (or its in-memory tail, once the cursor is that recent) one bounded
// page at a time, each page charged to the subscribers pool until the carrier has taken it, and
// takes no live frames meanwhile (its live offset is infinite). When its cursor reaches the
// in-memory tail it joins fanout right there, in the same synchronous step, so no record falls
// between the last page and the first live batch and none comes twice. However old the cursor,
// what it holds is one page and its encoding.
import { isStorageError, type ReadPage } from '@felix/storage';
import type { ByteSink } from '@felix/transport';
import type { MemoryBudget } from '../core/memory-budget.js';
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
  /** The stream's durable log, when it has one: the source of catching up. */
  disk?: DiskLog;
  /** Where catch-up pages are charged (the subscribers pool). */
  memory?: MemoryBudget;
}

/** What catching up needs of a durable stream's log. */
export interface DiskLog {
  /** Offset of the oldest record on disk. */
  readonly earliest: number;
  /** One bounded page of committed records from `from`; throws `offset_too_old` behind retention. */
  read(from: number, maxRecords: number, maxBytes: number): Promise<ReadPage>;
}

/** A replayed frame, and what to give back once it has been written. */
interface Replayed {
  bytes: Uint8Array;
  release?: () => void;
}

/** How often a catch-up waiting for room in the subscribers pool looks again. */
const ROOM_RECHECK_MS = 25;

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
  /** The carrier asked to wait after a write made while the writer loop was parked. */
  private mustDrain = false;

  constructor(private readonly options: SubscriptionOptions) {
    this.queue = new SubscriberQueue(options.queueBytes, options.policy);
    this.encoder = options.encoder;
    this.cursor = options.startOffset;
    const { tail } = options.topic.log;
    this.liveFrom = options.disk && this.cursor < tail ? Number.POSITIVE_INFINITY : tail;
    options.topic.add(this);
  }

  get id(): number {
    return this.options.id;
  }

  wake(): void {
    const w = this.wakeUp;
    if (!w) return;
    // The writer loop is parked, so nothing is left to replay: what fanout just queued is
    // written here, in its turn, while the carrier takes it, and the loop stays parked. Waking
    // the loop instead cost a promise and a resumption per delivered batch.
    if (!this.stopped && !this.finishing && this.writeQueued()) return;
    this.wakeUp = undefined;
    w();
  }

  /** Writes queued frames while the carrier takes them; false once it asks to wait. */
  private writeQueued(): boolean {
    const sink = this.sink!;
    for (let frame = this.queue.shift(); frame; frame = this.queue.shift()) {
      const more = sink.write(frame.bytes);
      this.options.onDelivered(
        frame.records,
        frame.queuedAt === undefined ? undefined : (performance.now() - frame.queuedAt) / 1000,
      );
      if (!more) {
        this.mustDrain = true;
        return false;
      }
    }
    return true;
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

  /** Whether it is catching up from a durable log, not yet in fanout. */
  get catchingUp(): boolean {
    return this.liveFrom === Number.POSITIVE_INFINITY;
  }

  /**
   * The next catch-up frame, or undefined once the cursor has reached the in-memory tail (and
   * the subscription has joined fanout there).
   */
  private async catchUpFrame(disk: DiskLog): Promise<Replayed | undefined> {
    const { log } = this.options.topic;
    if (this.cursor >= log.tail) {
      this.liveFrom = log.tail;
      return undefined;
    }
    if (this.cursor >= log.earliest) {
      const want = Math.min(this.options.replayBatchRecords, log.tail - this.cursor);
      const { baseOffset, payloads } = log.read(this.cursor, want, this.options.replayBatchBytes);
      this.cursor = baseOffset + payloads.length;
      return { bytes: this.encoder(payloads, baseOffset) };
    }
    // The page and its encoding, at most: both are held until the carrier takes the frame.
    const held = 2 * this.options.replayBatchBytes;
    if (!(await this.roomFor(held))) return undefined;
    const release = () => this.options.memory?.release('subscribers', held);
    let page: ReadPage;
    try {
      page = await disk.read(this.cursor, this.options.replayBatchRecords, this.options.replayBatchBytes);
    } catch (err) {
      release();
      if (!isStorageError(err) || err.code !== 'offset_too_old') throw err;
      // Retention deleted what the cursor pointed at meanwhile: the gap shows in the offsets.
      this.cursor = Math.max(this.cursor, Math.min(disk.earliest, log.tail));
      return this.stopped ? undefined : this.catchUpFrame(disk);
    }
    // Only what fanout has had: a record committed a moment ago reaches it just after.
    const tail = log.tail;
    const records = page.records.filter((r) => r.offset < tail);
    if (records.length === 0) {
      release();
      // Nothing on disk there (cannot happen while the log keeps what memory has): memory's
      // oldest is where delivery can go on.
      this.cursor = Math.max(this.cursor + 1, log.earliest);
      return this.stopped ? undefined : this.catchUpFrame(disk);
    }
    const base = records[0].offset;
    this.cursor = records[records.length - 1].offset + 1;
    return {
      bytes: this.encoder(
        records.map((r) => r.payload),
        base,
      ),
      release,
    };
  }

  /** Charges `bytes` to the subscribers pool once it has room; false if stopped meanwhile. */
  private async roomFor(bytes: number): Promise<boolean> {
    const memory = this.options.memory;
    if (!memory) return true;
    // A page larger than the whole pool could never wait its way in: it goes alone.
    if (bytes > memory.cap('subscribers')) {
      memory.charge('subscribers', bytes);
      return true;
    }
    while (!memory.tryCharge('subscribers', bytes)) {
      if (this.stopped) return false;
      await new Promise((resolve) => setTimeout(resolve, ROOM_RECHECK_MS));
    }
    if (!this.stopped) return true;
    memory.release('subscribers', bytes);
    return false;
  }

  async run(sink: ByteSink): Promise<void> {
    this.sink = sink;
    const write = async (bytes: Uint8Array) => {
      if (!sink.write(bytes)) await sink.drained();
    };
    await write(eventStreamHello(this.options.id, this.options.epoch));
    const { disk } = this.options;
    while (!this.stopped) {
      if (this.mustDrain) {
        this.mustDrain = false;
        await sink.drained();
        continue;
      }
      if (disk && this.catchingUp) {
        const page = await this.catchUpFrame(disk);
        if (page) {
          try {
            if (!this.stopped) await write(page.bytes);
          } finally {
            page.release?.();
          }
        }
        continue;
      }
      const replay = this.replayFrame();
      if (replay) {
        await write(replay);
        continue;
      }
      if (this.queue.length > 0) {
        this.writeQueued();
        continue;
      }
      if (this.finishing) return;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
      });
    }
  }
}
