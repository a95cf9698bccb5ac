// Where a group's acknowledgements are kept. A group of an in-memory stream keeps them in
// memory only (its ledger is all there is, and it lasts as long as the broker); a group of a
// durable stream also appends them to its journal beside the stream's segments, and an ack is
// confirmed only once the journal has it as the stream's fsync mode promises.
import type { RangePairs } from './acked-offsets.js';
import type { GroupJournal } from './group-journal.js';

export interface GroupStore {
  /** Stores acknowledged ranges; a promise (rejecting with a StorageError) when that takes I/O. */
  storeAcks(consumerId: number, pairs: RangePairs): Promise<void> | undefined;
  /** Replaces the stored state with a cursor at `committedOffset` and nothing acknowledged above it. */
  reset(committedOffset: number): Promise<void> | undefined;
  close(): Promise<void>;
}

/** A group of an in-memory stream: nothing to store. */
export const MEMORY_GROUP_STORE: GroupStore = {
  storeAcks: () => undefined,
  reset: () => undefined,
  close: () => Promise.resolve(),
};

export class JournalGroupStore implements GroupStore {
  constructor(private readonly journal: GroupJournal) {}

  storeAcks(consumerId: number, pairs: RangePairs): Promise<void> | undefined {
    if (pairs.length === 0) return undefined;
    return this.journal.appendAcks(consumerId, pairs);
  }

  reset(committedOffset: number): Promise<void> {
    return this.journal.reset(committedOffset, []);
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}
