import { encodeFrame, HEADER_SIZE } from '@felix/generated';
import { describe, expect, it } from 'vitest';
import { eventBatchEncoder, largestDeliverableRecord } from '../src/protocol/event-frames.js';

const groupBatch = (size: number) =>
  encodeFrame({
    type: 'group_delivery_batch',
    base_offset: BigInt(Number.MAX_SAFE_INTEGER),
    delivery_count: 0xffffffff,
    payloads: [new Uint8Array(size)],
  });

describe('largestDeliverableRecord', () => {
  it('is the record whose longest frame (a group delivery batch) is exactly at the frame limit', () => {
    const limit = 4096;
    const largest = largestDeliverableRecord(limit);
    for (const offsets of [true, false]) {
      const frame = eventBatchEncoder(offsets)([new Uint8Array(largest)], Number.MAX_SAFE_INTEGER);
      expect(frame.length - HEADER_SIZE).toBeLessThanOrEqual(limit);
    }
    expect(groupBatch(largest).length - HEADER_SIZE).toBe(limit);
    expect(groupBatch(largest + 1).length - HEADER_SIZE).toBe(limit + 1);
  });
});
