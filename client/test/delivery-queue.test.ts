// The subscription's consumer buffer on its own: order, the one-reader rule, and when a read
// loop parked on a full buffer may go on.
import { describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../src/delivery-queue.js';
import { FelixError } from '../src/errors.js';

const record = (offset: number, bytes: number) => ({ offset, payload: new Uint8Array(bytes) });

describe('DeliveryQueue', () => {
  it('hands records out in order, straight to a reader that is already waiting', async () => {
    const q = new DeliveryQueue(100);
    const waiting = q.waitForItem();
    q.push(record(1, 10));
    expect(await waiting).toEqual({ value: record(1, 10), done: false });
    q.push(record(2, 10));
    q.push(record(3, 10));
    expect(q.take()?.offset).toBe(2);
    expect(q.take()?.offset).toBe(3);
    expect(q.take()).toBeUndefined();
  });

  it('lets one reader wait at a time', async () => {
    const q = new DeliveryQueue(100);
    void q.waitForItem();
    await expect(q.waitForItem()).rejects.toThrow(/one loop at a time/);
  });

  it('is full at the limit and makes room once the bytes held fall below half of it', async () => {
    const q = new DeliveryQueue(100);
    for (let i = 0; i < 4; i++) q.push(record(i, 25));
    expect(q.full).toBe(true);
    let roomy = false;
    const room = q.waitForRoom().then(() => {
      roomy = true;
    });
    q.take();
    q.take();
    await Promise.resolve();
    expect(q.full).toBe(false);
    expect(roomy).toBe(false); // 50 bytes held: not below half yet
    q.take();
    await room;
    expect(roomy).toBe(true);
  });

  it('wakes a parked writer on demand and ends a waiting reader with done or the failure', async () => {
    const q = new DeliveryQueue(10);
    q.push(record(0, 10));
    const room = q.waitForRoom();
    q.wakeWriter();
    await room;
    q.clear();
    expect(q.take()).toBeUndefined();
    const done = q.waitForItem();
    q.endReader(undefined);
    expect(await done).toEqual({ value: undefined, done: true });
    const failed = q.waitForItem();
    const error = new FelixError('gone', { code: 'closed' });
    q.endReader(error);
    await expect(failed).rejects.toBe(error);
  });
});
