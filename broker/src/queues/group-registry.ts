// Every consumer group of the broker, by stream and name: made by the first join, recovered
// from their journals when a durable stream opens, listed and reset by the admin requests,
// closed with the broker. A group of an in-memory stream lasts as long as the broker.
import type { MemoryBudget } from '../core/memory-budget.js';
import type { Topic } from '../core/topic.js';
import type { DurableStream } from '../durable/durable-stream.js';
import type { Logger } from '../service/logger.js';
import { ConsumerGroup, type GroupEvents, type GroupSnapshot } from './consumer-group.js';
import type { DeadLetterTarget } from './dead-letters.js';
import { GroupJournal, type GroupSettings, type JournalOptions } from './group-journal.js';
import { type GroupKey, groupId } from './group-key.js';
import { GroupLedger } from './group-ledger.js';
import { type GroupStore, JournalGroupStore, MEMORY_GROUP_STORE } from './group-store.js';
import { earliestOffset } from './record-reader.js';

export interface QueueEnvironment {
  batch: { maxRecords: number; maxBytes: number };
  memory?: MemoryBudget;
  logger: Logger;
  events: GroupEvents;
  durableOf(topic: Topic): DurableStream | undefined;
  /**
   * Where dead letters of a stream in `tenant`/`namespace` named `stream` go: the stream is
   * created when missing (durable when `durable`). Rejects when it cannot be.
   */
  deadLetterStream(tenant: string, namespace: string, stream: string, durable: boolean): Promise<DeadLetterTarget>;
}

/** Where a reset puts a group's cursor. */
export type ResetTarget = { offset: number } | { position: 'earliest' | 'latest' };

/** A reset to an offset the stream does not hold. */
export class ResetRangeError extends Error {
  constructor(offset: number, earliest: number, tail: number) {
    super(`offset ${offset} is outside the stream's records (${earliest} to its tail ${tail})`);
    this.name = 'ResetRangeError';
  }
}

export class QueueGroups {
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly creating = new Map<string, Promise<ConsumerGroup>>();
  private readonly journals = new Map<DurableStream, JournalOptions>();

  constructor(private readonly env: QueueEnvironment) {}

  get size(): number {
    return this.groups.size;
  }

  all(): IterableIterator<ConsumerGroup> {
    return this.groups.values();
  }

  find(key: GroupKey): ConsumerGroup | undefined {
    return this.groups.get(groupId(key));
  }

  /**
   * Takes up the groups a durable stream's journals hold (it has just been opened), and makes
   * its later groups' journals with `options`. Throws GroupJournalError or a StorageError.
   */
  async recover(topic: Topic, durable: DurableStream, options: JournalOptions): Promise<void> {
    this.journals.set(durable, options);
    const opened = await GroupJournal.openAll(durable.dir, durable.key, options);
    for (const { journal, recovered } of opened) {
      const key: GroupKey = { ...durable.key, group: recovered.group };
      const ledger = new GroupLedger(recovered.committedOffset, recovered.acked, recovered.settings.maxDeliveries);
      this.add(topic, key, recovered.settings, ledger, new JournalGroupStore(journal));
      this.env.logger.debug({ group: key, committed: recovered.committedOffset }, 'consumer group recovered');
    }
  }

  /**
   * Makes the group, its cursor at `start`, and its dead-letter stream when missing; a join
   * racing another for the same new group gets the one made (created false). Rejects with a
   * StorageError (a durable group's journal) or whatever creating the dead-letter stream threw.
   */
  async create(
    topic: Topic,
    key: GroupKey,
    settings: GroupSettings,
    start: number,
  ): Promise<{ group: ConsumerGroup; created: boolean }> {
    const id = groupId(key);
    const existing = this.groups.get(id) ?? (await this.creating.get(id));
    if (existing) return { group: existing, created: false };
    const making = this.make(topic, key, settings, start);
    this.creating.set(id, making);
    try {
      return { group: await making, created: true };
    } finally {
      this.creating.delete(id);
    }
  }

  private async make(topic: Topic, key: GroupKey, settings: GroupSettings, start: number): Promise<ConsumerGroup> {
    const durable = this.env.durableOf(topic);
    // Made with the group, so a dead-letter stream that cannot be is a refused join, not a
    // surprise at the first poison record.
    await this.env.deadLetterStream(key.tenant, key.namespace, settings.deadLetterStream, durable !== undefined);
    let store: GroupStore = MEMORY_GROUP_STORE;
    if (durable) {
      const options = this.journals.get(durable) ?? { fsync: { mode: 'on_commit' as const } };
      store = new JournalGroupStore(
        await GroupJournal.create(durable.dir, durable.key, key.group, settings, start, options),
      );
    }
    return this.add(topic, key, settings, new GroupLedger(start, [], settings.maxDeliveries), store);
  }

  private add(
    topic: Topic,
    key: GroupKey,
    settings: GroupSettings,
    ledger: GroupLedger,
    store: GroupStore,
  ): ConsumerGroup {
    const durable = this.env.durableOf(topic);
    let target: Promise<DeadLetterTarget> | undefined;
    const deadLetters: DeadLetterTarget = async (record) => {
      target ??= this.env.deadLetterStream(key.tenant, key.namespace, settings.deadLetterStream, durable !== undefined);
      try {
        await (await target)(record);
      } catch (err) {
        target = undefined;
        throw err;
      }
    };
    const group = new ConsumerGroup(key, settings, ledger, store, {
      source: { topic, disk: durable },
      batch: this.env.batch,
      deadLetters,
      events: this.env.events,
      logger: this.env.logger,
      memory: this.env.memory,
    });
    this.groups.set(groupId(key), group);
    return group;
  }

  /** The groups of one stream, by name. */
  list(tenant: string, namespace: string, stream: string): GroupSnapshot[] {
    const out: GroupSnapshot[] = [];
    for (const g of this.groups.values())
      if (g.key.tenant === tenant && g.key.namespace === namespace && g.key.stream === stream) out.push(g.snapshot());
    return out.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  }

  /**
   * Puts the group's cursor at `target`; resolves once stored (a durable group's journal) with
   * the offset. Throws ResetRangeError for an offset outside the stream's records.
   */
  async reset(group: ConsumerGroup, target: ResetTarget): Promise<number> {
    const { source } = group;
    const earliest = earliestOffset(source);
    const tail = source.topic.log.tail;
    let offset: number;
    if ('offset' in target) {
      if (target.offset < earliest || target.offset > tail) throw new ResetRangeError(target.offset, earliest, tail);
      offset = target.offset;
    } else {
      offset = target.position === 'earliest' ? earliest : tail;
    }
    await group.reset(offset);
    return offset;
  }

  /** Closes every group and its journal (the broker is stopping, sessions already gone). */
  async close(): Promise<void> {
    const results = await Promise.allSettled([...this.groups.values()].map((g) => g.close()));
    for (const r of results)
      if (r.status === 'rejected')
        this.env.logger.error({ err: r.reason }, 'consumer group: closing its journal failed');
    this.groups.clear();
  }
}
