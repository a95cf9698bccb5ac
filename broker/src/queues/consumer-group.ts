// One consumer group at work: its ledger says where each record stands; this hands records to
// the consumers in turn, one batch of consecutive offsets each (as many as the consumer has room
// for, so batches stay large), reads them from the stream's log, takes them back when their ack
// wait runs out, a nack or the consumer's end gives them back, and moves those that had their
// max deliveries to the dead-letter stream.
//
// Handing out is one loop at a time (a read from disk is awaited inside it), woken by new
// records in the stream, room a consumer gained (acks, its carrier draining), records given
// back, and one timer set for the earliest ack wait or nack delay to run out.
import { encodeFrame } from '@felix/generated';
import type { MemoryBudget } from '../core/memory-budget.js';
import type { Logger } from '../service/logger.js';
import type { RangePairs } from './acked-offsets.js';
import { type DeadLetterTarget, deadLetterRecord } from './dead-letters.js';
import type { GroupConsumer } from './group-consumer.js';
import type { GroupSettings } from './group-journal.js';
import type { GroupKey } from './group-key.js';
import type { Exhausted, GroupLedger } from './group-ledger.js';
import type { GroupStore } from './group-store.js';
import { earliestOffset, type ReadRun, type RecordSource, readRun } from './record-reader.js';

/** What a group reports as it goes, for metrics. */
export interface GroupEvents {
  redelivered(key: GroupKey, records: number): void;
  deadLettered(key: GroupKey): void;
  /** Records retention dropped before the group acknowledged them. */
  skipped(key: GroupKey, records: number): void;
}

export interface GroupEnvironment {
  source: RecordSource;
  /** Bounds of one delivery batch (those of event batches). */
  batch: { maxRecords: number; maxBytes: number };
  deadLetters: DeadLetterTarget;
  events: GroupEvents;
  logger: Logger;
  /** Disk pages are charged to its subscribers pool while they are held. */
  memory?: MemoryBudget;
}

/** A group's figures, as the admin listing shows them. */
export interface GroupSnapshot {
  group: string;
  committed_offset: number;
  tail_offset: number;
  lag: number;
  in_flight: number;
  consumers: number;
  redeliveries: number;
  dead_letters: number;
}

/** How long a dead letter the target refused waits before it is tried again. */
const DEAD_LETTER_RETRY_MS = 1000;

export class ConsumerGroup {
  private readonly consumers: GroupConsumer[] = [];
  private turn = 0;
  private pumping = false;
  private again = false;
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  /** When `timer` fires (performance.now() time); undefined when none is set. */
  private timerAt: number | undefined;
  private readonly exhausted: Exhausted[] = [];
  private deadLettering = false;
  private closed = false;
  private readonly unwatch: () => void;
  readonly totals = { redeliveries: 0, deadLetters: 0, skipped: 0 };

  constructor(
    readonly key: GroupKey,
    readonly settings: GroupSettings,
    private readonly ledger: GroupLedger,
    private readonly store: GroupStore,
    private readonly env: GroupEnvironment,
  ) {
    this.unwatch = env.source.topic.watchAppends(() => {
      if (this.consumers.some((c) => c.ready)) this.wake();
    });
  }

  /** Where its records come from. */
  get source(): RecordSource {
    return this.env.source;
  }

  get committedOffset(): number {
    return this.ledger.committed;
  }

  get consumerCount(): number {
    return this.consumers.length;
  }

  /** The stream's tail: the offset its next record gets. */
  get tailOffset(): number {
    return this.env.source.topic.log.tail;
  }

  get epoch(): number {
    return this.env.source.topic.log.epoch;
  }

  snapshot(): GroupSnapshot {
    const tail = this.tailOffset;
    // Retention may have dropped what the cursor points at: that is no longer owed.
    const from = Math.max(this.ledger.committed, Math.min(earliestOffset(this.env.source), tail));
    return {
      group: this.key.group,
      committed_offset: this.ledger.committed,
      tail_offset: tail,
      lag: Math.max(0, tail - from),
      in_flight: this.ledger.inFlight,
      consumers: this.consumers.length,
      redeliveries: this.totals.redeliveries,
      dead_letters: this.totals.deadLetters,
    };
  }

  addConsumer(consumer: GroupConsumer): void {
    if (this.closed) return;
    this.consumers.push(consumer);
    consumer.onRoom = () => this.wake();
    this.wake();
  }

  /** Ends `consumer`: what it holds goes to the others at once. */
  removeConsumer(consumer: GroupConsumer): void {
    const i = this.consumers.indexOf(consumer);
    if (i < 0) return;
    this.consumers.splice(i, 1);
    consumer.end();
    const { exhausted } = this.ledger.releaseAll(consumer.id, performance.now());
    this.deadLetter(exhausted);
    this.wake();
  }

  /**
   * Acknowledges what `consumer` holds of `pairs`. A promise when storing takes I/O (a durable
   * stream's journal): it settles once the acks are stored, rejecting with a StorageError.
   */
  ack(consumer: GroupConsumer, pairs: RangePairs): Promise<void> | undefined {
    const applied = this.ledger.ack(consumer.id, pairs);
    if (applied.length === 0) return undefined;
    this.wake();
    return this.store.storeAcks(consumer.id, applied);
  }

  /** Gives back what `consumer` holds of `pairs`, to be delivered again after `delayMs`. */
  nack(consumer: GroupConsumer, pairs: RangePairs, delayMs: number): void {
    const { released, exhausted } = this.ledger.nack(consumer.id, pairs, delayMs, performance.now());
    this.deadLetter(exhausted);
    if (released > 0) this.wake();
  }

  /**
   * Moves the cursor to `offset`, forgetting what was acknowledged, delivered or waiting; a
   * promise when the new state must be stored first.
   */
  reset(offset: number): Promise<void> | undefined {
    this.ledger.reset(offset);
    this.exhausted.length = 0;
    this.wake();
    return this.store.reset(offset);
  }

  /**
   * Runs the hand-out loop once what woke it is done: after the frames of the read that brought
   * the acks or records (they all run before the tick), without waiting for the event loop's next
   * round, so a freed consumer gets its next batch in the same turn as its group_acked.
   */
  wake(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    process.nextTick(this.pumpScheduled);
  }

  private readonly pumpScheduled = (): void => {
    this.scheduled = false;
    void this.pump();
  };

  /** Stops everything; the consumers are ended by their sessions. */
  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = undefined;
    this.unwatch();
    return this.store.close();
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        await this.handOut();
      } while (this.again && !this.closed);
    } catch (err) {
      this.env.logger.error({ err, group: this.key }, 'consumer group: handing out records failed');
    } finally {
      this.pumping = false;
      this.arm();
    }
  }

  /** Hands out batches, consumer by consumer, until none has room or nothing is left. */
  private async handOut(): Promise<void> {
    const expired = this.ledger.expire(performance.now());
    this.deadLetter(expired.exhausted);
    const earliest = earliestOffset(this.env.source);
    if (this.ledger.committed < earliest) this.lose(earliest);
    const { maxRecords, maxBytes } = this.env.batch;
    let idle = 0;
    while (idle < this.consumers.length && !this.closed) {
      const consumer = this.consumers[this.turn++ % this.consumers.length];
      const room = consumer.ready ? consumer.options.maxInFlight - this.ledger.heldBy(consumer.id) : 0;
      if (room <= 0) {
        idle++;
        continue;
      }
      const now = performance.now();
      const d = this.ledger.take(Math.min(room, maxRecords), this.tailOffset, now);
      if (!d) return;
      const generation = this.ledger.generation;
      // Records still in memory are read without yielding.
      const run = readRun(this.env.source, d.base, d.count, maxBytes);
      const read = run instanceof Promise ? await this.fromDisk(run, maxBytes) : run;
      // A reset meanwhile forgot the run taken.
      if (generation !== this.ledger.generation) continue;
      if (read.lostUpTo !== undefined) {
        this.ledger.giveBack(d);
        this.lose(read.lostUpTo);
        continue;
      }
      if (!consumer.ready || this.closed) {
        this.ledger.giveBack(d);
        continue;
      }
      const { payloads } = read;
      this.ledger.lease(consumer.id, d, payloads.length, performance.now() + consumer.options.ackWaitMs);
      if (d.redelivery) {
        this.totals.redeliveries += payloads.length;
        this.env.events.redelivered(this.key, payloads.length);
      }
      consumer.deliver(
        encodeFrame({
          type: 'group_delivery_batch',
          base_offset: BigInt(d.base),
          delivery_count: d.deliveries,
          payloads,
        }),
      );
      idle = 0;
    }
  }

  /** Reads a run; a read from disk holds its page's bytes in the subscribers pool meanwhile. */
  private async read(from: number, count: number, maxBytes: number): Promise<ReadRun> {
    const run = readRun(this.env.source, from, count, maxBytes);
    return run instanceof Promise ? this.fromDisk(run, maxBytes) : run;
  }

  /** A read from disk holds its page's bytes in the subscribers pool until it is done. */
  private async fromDisk(run: Promise<ReadRun>, maxBytes: number): Promise<ReadRun> {
    const { memory } = this.env;
    memory?.charge('subscribers', maxBytes);
    try {
      return await run;
    } finally {
      memory?.release('subscribers', maxBytes);
    }
  }

  /** Retention dropped everything below `offset`. */
  private lose(offset: number): void {
    const lost = this.ledger.skipLost(offset);
    if (lost === 0) return;
    this.totals.skipped += lost;
    this.env.events.skipped(this.key, lost);
  }

  /**
   * Sets the one timer for the earliest ack wait or nack delay to run out. A timer already set
   * for no later stays: firing early only wakes the loop, which sets it again, and most loops
   * (every ack) would otherwise replace a timer that has not moved.
   */
  private arm(): void {
    if (this.closed) return;
    const at = this.ledger.nextWakeAt();
    if (at === undefined || (this.timerAt !== undefined && this.timerAt <= at)) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(this.timerFired, Math.max(0, Math.ceil(at - performance.now())));
    this.timer.unref();
  }

  private readonly timerFired = (): void => {
    this.timer = undefined;
    this.timerAt = undefined;
    this.wake();
  };

  private deadLetter(records: Exhausted[]): void {
    if (records.length === 0) return;
    this.exhausted.push(...records);
    if (!this.deadLettering) void this.moveDeadLetters();
  }

  /** Appends exhausted records to the dead-letter stream one by one; each then counts as acknowledged. */
  private async moveDeadLetters(): Promise<void> {
    this.deadLettering = true;
    try {
      while (this.exhausted.length > 0 && !this.closed) {
        const item = this.exhausted[0];
        const generation = this.ledger.generation;
        const read = await this.read(item.offset, 1, Number.POSITIVE_INFINITY);
        if (generation !== this.ledger.generation) continue;
        if (read.lostUpTo !== undefined) {
          this.exhausted.shift();
          this.lose(read.lostUpTo);
          continue;
        }
        const record = deadLetterRecord(this.key, item.offset, this.epoch, item.deliveries, read.payloads[0]);
        try {
          await this.env.deadLetters(record);
        } catch (err) {
          this.env.logger.error(
            { err, group: this.key, offset: item.offset },
            'consumer group: a dead letter could not be stored; trying again',
          );
          await new Promise((resolve) => setTimeout(resolve, DEAD_LETTER_RETRY_MS).unref());
          continue;
        }
        if (generation !== this.ledger.generation) continue;
        this.exhausted.shift();
        if (!this.ledger.deadLettered(item.offset)) continue;
        this.totals.deadLetters++;
        this.env.events.deadLettered(this.key);
        this.store.storeAcks(0, [item.offset, item.offset])?.catch((err) => {
          this.env.logger.error(
            { err, group: this.key },
            'consumer group: storing a dead letter as acknowledged failed',
          );
        });
      }
    } finally {
      this.deadLettering = false;
    }
  }
}
