// The offsets a subscription may start from: those the stream still holds, from its oldest to
// its tail. An in-memory stream holds what its log retains; a durable one what its log on disk
// keeps, which retention decides. (Memory may still hold a few records retention has deleted:
// they are not served, since a restart would not have them either.)
import type { Topic } from '../core/topic.js';
import type { DiskLog } from './subscription.js';

export interface ReplayRange {
  /** The incarnation of the log the offsets count in (a durable log's is kept across restarts). */
  readonly epoch: number;
  readonly earliest: number;
  readonly tail: number;
}

export function replayRange(topic: Topic, disk: DiskLog | undefined): ReplayRange {
  const { log } = topic;
  return {
    epoch: log.epoch,
    earliest: disk ? Math.min(disk.earliest, log.tail) : log.earliest,
    tail: log.tail,
  };
}
