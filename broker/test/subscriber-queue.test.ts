import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../src/core/memory-budget.js';
import { FRAME_OVERHEAD_BYTES, QUEUE_SLOT_BYTES, SubscriberQueue } from '../src/core/subscriber-queue.js';

const frame = (n: number, records = 1) => ({ bytes: new Uint8Array(n), records });
/** What one frame of `n` bytes held by one queue is charged. */
const charged = (n: number) => n + FRAME_OVERHEAD_BYTES + QUEUE_SLOT_BYTES;
/** A budget whose subscribers pool holds `frames` frames of `n` bytes, each in one queue. */
function poolFor(frames: number, n: number): MemoryBudget {
  return new MemoryBudget(frames * charged(n), { streams: 0, subscribers: 1, cache: 0, receiving: 0, answers: 0 });
}
function attached(memory: MemoryBudget, maxBytes: number, policy: 'drop_new' | 'drop_old' | 'disconnect') {
  const q = new SubscriberQueue(maxBytes, policy);
  q.attach(memory);
  return q;
}

describe('SubscriberQueue', () => {
  it('queues within its bytes and hands frames out in order', () => {
    const q = new SubscriberQueue(100, 'drop_new');
    const a = frame(40);
    const b = frame(40);
    q.enqueue(a);
    q.enqueue(b);
    expect(q.queuedBytes).toBe(80);
    expect(q.shift()).toBe(a);
    expect(q.shift()).toBe(b);
    expect(q.shift()).toBeUndefined();
  });

  it('drop_new discards what does not fit and counts its records', () => {
    const q = new SubscriberQueue(100, 'drop_new');
    q.enqueue(frame(60, 3));
    expect(q.enqueue(frame(60, 5))).toBe('dropped');
    expect(q.droppedRecords).toBe(5);
    expect(q.length).toBe(1);
  });

  it('drop_old evicts the oldest frames to make room', () => {
    const q = new SubscriberQueue(100, 'drop_old');
    q.enqueue(frame(40, 2));
    q.enqueue(frame(40, 2));
    const c = frame(50, 1);
    expect(q.enqueue(c)).toBe('queued');
    expect(q.droppedRecords).toBe(2);
    expect(q.queuedBytes).toBe(90);
  });

  it('disconnect reports overflow and keeps the queue as it was', () => {
    const q = new SubscriberQueue(100, 'disconnect');
    q.enqueue(frame(80));
    expect(q.enqueue(frame(80))).toBe('overflow_disconnect');
    expect(q.queuedBytes).toBe(80);
  });

  it('always accepts one frame into an empty queue, even an oversize one', () => {
    const q = new SubscriberQueue(10, 'drop_new');
    expect(q.enqueue(frame(50))).toBe('queued');
  });

  it('stays bounded over many frames', () => {
    const q = new SubscriberQueue(1000, 'drop_old');
    for (let i = 0; i < 100_000; i++) {
      q.enqueue(frame(10));
      if (i % 3 === 0) q.shift();
    }
    expect(q.queuedBytes).toBeLessThanOrEqual(1000);
  });

  describe('charged to the subscribers pool', () => {
    it('counts a frame shared by several queues once, and each reference', () => {
      const memory = poolFor(10, 100);
      const [a, b, c] = [1, 2, 3].map(() => attached(memory, 1 << 20, 'drop_new'));
      const f = frame(100);
      for (const q of [a!, b!, c!]) q.enqueue(f);
      expect(memory.usedBy('subscribers')).toBe(100 + FRAME_OVERHEAD_BYTES + 3 * QUEUE_SLOT_BYTES);
      a!.shift();
      b!.clear();
      expect(memory.usedBy('subscribers')).toBe(charged(100));
      c!.shift();
      expect(memory.usedBy('subscribers')).toBe(0);
    });

    it('drop_new drops a frame the full pool has no room for, as at its own bound', () => {
      const memory = poolFor(2, 100);
      const other = attached(memory, 1 << 20, 'drop_new');
      other.enqueue(frame(100));
      const q = attached(memory, 1 << 20, 'drop_new');
      expect(q.enqueue(frame(100, 2))).toBe('queued');
      expect(q.enqueue(frame(100, 3))).toBe('dropped');
      expect(q.droppedRecords).toBe(3);
      expect(memory.usedBy('subscribers')).toBe(2 * charged(100));
    });

    it('drop_old gives up its oldest frames to make room in the pool', () => {
      const memory = poolFor(3, 100);
      const q = attached(memory, 1 << 20, 'drop_old');
      for (let i = 0; i < 3; i++) q.enqueue(frame(100, 1));
      expect(q.enqueue(frame(100, 1))).toBe('queued');
      expect(q.droppedRecords).toBe(1);
      expect(q.length).toBe(3);
      expect(memory.usedBy('subscribers')).toBe(3 * charged(100));
    });

    it('disconnect reports overflow when the pool is full', () => {
      const memory = poolFor(1, 100);
      const q = attached(memory, 1 << 20, 'disconnect');
      q.enqueue(frame(100));
      expect(q.enqueue(frame(100))).toBe('overflow_disconnect');
    });

    it('still takes one frame into an empty queue, so a subscriber that keeps up loses nothing', () => {
      const memory = poolFor(1, 100);
      attached(memory, 1 << 20, 'drop_new').enqueue(frame(100));
      const q = attached(memory, 1 << 20, 'drop_new');
      expect(q.enqueue(frame(100))).toBe('queued');
      expect(memory.usedBy('subscribers')).toBe(2 * charged(100));
    });

    it('gives everything back when detached', () => {
      const memory = poolFor(10, 100);
      const q = attached(memory, 1 << 20, 'drop_new');
      for (let i = 0; i < 5; i++) q.enqueue(frame(100));
      q.detach();
      expect(memory.usedBy('subscribers')).toBe(0);
      q.enqueue(frame(100));
      expect(memory.usedBy('subscribers')).toBe(0);
    });
  });
});
