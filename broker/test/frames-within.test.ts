// framesWithin's stop: once an owner stops a stream's reading, the carrier is asked for nothing
// more, even by a frame reader that goes on with a frame it had begun.
import { encodeFrame, type FrameLimits } from '@felix/generated';
import type { BidiStream } from '@felix/transport';
import { describe, expect, it } from 'vitest';
import { framesWithin } from '../src/protocol/first-frame-deadline.js';

describe('framesWithin', () => {
  it('asks the carrier for nothing once stopped, though the frame reader was let in after', async () => {
    // A frame much larger than its first chunk: the reader asks for room, then for the rest.
    const frame = encodeFrame({
      type: 'cache_put',
      tenant_id: 't1',
      namespace: 'default',
      cache: 'c',
      key: 'k',
      value: new Uint8Array(256 * 1024),
      request_id: 1,
      ttl_ms: null,
    });
    let reads = 0;
    let readsAfterStop = 0;
    let stopped = false;
    const readable = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          reads++;
          if (stopped) readsAfterStop++;
          // The rest never comes; a real carrier asked again would read on (a TLS socket resumes).
          return reads === 1 ? { done: false, value: frame.subarray(0, 64) } : { done: true, value: undefined };
        },
        return: async () => ({ done: true as const, value: undefined }),
      }),
    };
    const stream = { readable, writable: {} } as unknown as BidiStream;

    let letIn!: () => void;
    let beganWith = 0;
    const receiving: NonNullable<FrameLimits['receiving']> = {
      begin: (size) => {
        beganWith = size;
        // Waits for room, as the receiving pool makes a frame wait when it is full.
        return new Promise<void>((resolve) => {
          letIn = resolve;
        });
      },
      reading: () => {},
      end: () => {},
    };
    let stop!: () => void;
    const stopping = new Promise<void>((resolve) => {
      stop = resolve;
    });

    const batches: unknown[] = [];
    const reading = (async () => {
      for await (const batch of framesWithin(stream, { receiving }, undefined, stopping)) batches.push(batch);
    })();
    await expect.poll(() => beganWith).toBe(frame.length);
    // The stall: the owner stops the stream, and the wait for room ends (given up) after it.
    stopped = true;
    stop();
    await Promise.resolve();
    letIn();
    await reading;
    expect(batches).toEqual([]);
    expect(readsAfterStop).toBe(0);
  });
});
