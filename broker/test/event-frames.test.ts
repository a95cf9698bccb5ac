import { HEADER_SIZE } from '@felix/generated';
import { describe, expect, it } from 'vitest';
import { eventBatchEncoder, largestDeliverableRecord } from '../src/protocol/event-frames.js';

describe('largestDeliverableRecord', () => {
  it('is the record whose event frame, with the longest offset, is exactly at the frame limit', () => {
    const limit = 4096;
    const largest = largestDeliverableRecord(limit);
    for (const offsets of [true, false]) {
      const frame = eventBatchEncoder(offsets)([new Uint8Array(largest)], Number.MAX_SAFE_INTEGER);
      expect(frame.length - HEADER_SIZE).toBeLessThanOrEqual(limit);
    }
    const over = eventBatchEncoder(true)([new Uint8Array(largest + 1)], Number.MAX_SAFE_INTEGER);
    expect(over.length - HEADER_SIZE).toBe(limit + 1);
  });
});
