import { describe, expect, it } from 'vitest';
import { SubscriberQueue } from '../src/core/subscriber-queue.js';

const frame = (n: number, records = 1) => ({ bytes: new Uint8Array(n), records });

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
});
