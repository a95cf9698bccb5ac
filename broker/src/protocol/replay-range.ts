// The offsets a subscription may start from: those the stream still holds, from its oldest to
// its tail. An in-memory stream holds what its log retains; a durable one what its log on disk
// keeps (or memory, should retention on disk have gone further than memory's own bounds).
import type { Topic } from '../core/topic.js';
import type { DiskLog } from './subscription.js';

export interface ReplayRange {
  readonly earliest: number;
  readonly tail: number;
}

export function replayRange(topic: Topic, disk: DiskLog | undefined): ReplayRange {
  const { log } = topic;
  return {
    earliest: disk ? Math.min(disk.earliest, log.earliest) : log.earliest,
    tail: log.tail,
  };
}
