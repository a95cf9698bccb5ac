// Retention: whole sealed segments go from the head of the log, oldest first, while the log is
// over its byte budget or the segment's newest record is older than the age limit. The active
// segment is never deleted, so the log always keeps its newest records and its next offset.
import { ioError } from './errors.js';
import type { RetentionPolicy } from './options.js';
import { deleteSegmentFiles, type Segment } from './segment.js';
import type { ShardState } from './shard-state.js';

/** How many segments from the head retention deletes now. */
export function expiredHeadSegments(
  segments: readonly Segment[],
  policy: Pick<RetentionPolicy, 'maxBytes' | 'maxAgeMs'>,
  nowMicros: number,
): number {
  let total = 0;
  for (const s of segments) total += s.size;
  const oldestKeptMicros = policy.maxAgeMs === undefined ? undefined : nowMicros - policy.maxAgeMs * 1000;
  let count = 0;
  // The last segment is the active one.
  while (count < segments.length - 1) {
    const head = segments[count];
    const overBytes = policy.maxBytes !== undefined && total > policy.maxBytes;
    const newest = head.newestTimestampMicros ?? head.createdAtMicros;
    const tooOld = oldestKeptMicros !== undefined && newest < oldestKeptMicros;
    if (!overBytes && !tooOld) break;
    total -= head.size;
    count++;
  }
  return count;
}

/** Deletes the expired head segments; returns how many went. */
export async function applyRetention(state: ShardState): Promise<number> {
  const { options } = state;
  const count = expiredHeadSegments(state.segments, options.retention, options.nowMicros());
  if (count === 0) return 0;
  // Out of the list first, so no new read starts on a segment being deleted.
  const doomed = state.segments.splice(0, count);
  let deleted = 0;
  for (const segment of doomed) {
    try {
      await deleteSegmentFiles(options.fileOps, segment);
    } catch (err) {
      // Kept whole, with every segment after it: deleting past a segment still on disk would
      // leave a gap the next open refuses. Retention takes it again next time.
      state.segments.unshift(...doomed.slice(deleted));
      options.observer.backgroundError?.(
        ioError('delete_segment', err, { shard: options.shard, segment: segment.id, path: segment.path }),
      );
      break;
    }
    deleted++;
    state.counters.segmentsDeleted++;
  }
  await options.fileOps.syncDirectory(options.dir).catch((err) => {
    options.observer.backgroundError?.(ioError('delete_segment', err, { shard: options.shard, path: options.dir }));
  });
  return deleted;
}
