import { decodeFrame } from '@felix/generated';
import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../src/core/memory-budget.js';
import { StreamLog } from '../src/core/stream-log.js';
import { SubscriberQueue } from '../src/core/subscriber-queue.js';
import {
  type BatchEncoder,
  FANOUT_SLICE,
  MAX_OUTGOING_BATCHES,
  SUBSCRIPTION_OVERHEAD_BYTES,
  Topic,
  type TopicSubscriber,
} from '../src/core/topic.js';
import { eventBatchEncoder } from '../src/protocol/event-frames.js';

const p = (s: string) => new TextEncoder().encode(s);

function subscriber(
  offsets: boolean | BatchEncoder,
  maxBytes = 1 << 20,
  policy: 'drop_new' | 'drop_old' | 'disconnect' = 'drop_new',
) {
  const sub = {
    encoder: typeof offsets === 'boolean' ? eventBatchEncoder(offsets) : offsets,
    queue: new SubscriberQueue(maxBytes, policy),
    wakes: 0,
    overflows: 0,
    liveFrom: 0,
    wake() {
      sub.wakes++;
    },
    overflow() {
      sub.overflows++;
    },
    lost: 0,
    dropped(records: number) {
      sub.lost += records;
    },
  };
  return sub satisfies TopicSubscriber;
}

function drain(sub: TopicSubscriber) {
  const out: { base?: bigint; payloads: string[] }[] = [];
  for (let f = sub.queue.shift(); f; f = sub.queue.shift()) {
    const m = decodeFrame(f.bytes);
    if (m.type !== 'binary_shared_event_batch') throw new Error(m.type);
    out.push({ base: m.base_offset, payloads: m.payloads.map((x) => new TextDecoder().decode(x)) });
  }
  return out;
}

const log = () => new StreamLog({ maxRecords: 1000, maxBytes: 1 << 20 });

describe('Topic', () => {
  it('batches everything published in one turn into one frame, shared by subscribers', () => {
    const topic = new Topic(log(), { maxRecords: 64, maxBytes: 1 << 20, lingerMs: 0 });
    const a = subscriber(true);
    const b = subscriber(true);
    topic.add(a);
    topic.add(b);
    topic.publish([p('1'), p('2')]);
    topic.publish([p('3')]);
    topic.flush();
    expect(topic.stats.framesEncoded).toBe(1);
    const fa = a.queue.shift()!;
    expect(b.queue.shift()!.bytes).toBe(fa.bytes);
    const m = decodeFrame(fa.bytes);
    expect(m).toMatchObject({ type: 'binary_shared_event_batch', base_offset: 0n });
  });

  it('encodes the offsets variant only for subscribers that negotiated it', () => {
    const topic = new Topic(log(), { maxRecords: 64, maxBytes: 1 << 20, lingerMs: 0 });
    const withOffsets = subscriber(true);
    const plain = subscriber(false);
    topic.add(withOffsets);
    topic.add(plain);
    topic.publish([p('x')]);
    topic.flush();
    expect(drain(withOffsets)).toEqual([{ base: 0n, payloads: ['x'] }]);
    expect(drain(plain)).toEqual([{ base: undefined, payloads: ['x'] }]);
    expect(topic.stats.framesEncoded).toBe(2);
  });

  it('hands each batch to the encoder its subscribers bring, once per encoder', () => {
    const calls: { payloads: string[]; base: number }[] = [];
    const encoder: BatchEncoder = (payloads, base) => {
      calls.push({ payloads: payloads.map((x) => new TextDecoder().decode(x)), base });
      return new Uint8Array([calls.length]);
    };
    const topic = new Topic(log(), { maxRecords: 64, maxBytes: 1 << 20, lingerMs: 0 });
    topic.publish([p('a')]);
    const a = subscriber(encoder);
    const b = subscriber(encoder);
    a.liveFrom = b.liveFrom = topic.log.tail;
    topic.add(a);
    topic.add(b);
    topic.publish([p('b'), p('c')]);
    topic.flush();
    expect(calls).toEqual([{ payloads: ['b', 'c'], base: 1 }]);
    expect(b.queue.shift()!.bytes).toBe(a.queue.shift()!.bytes);
  });

  it('splits batches at the record and byte bounds', () => {
    const topic = new Topic(log(), { maxRecords: 2, maxBytes: 1 << 20, lingerMs: 0 });
    const s = subscriber(true);
    topic.add(s);
    topic.publish(['a', 'b', 'c', 'd', 'e'].map(p));
    topic.flush();
    expect(drain(s)).toEqual([
      { base: 0n, payloads: ['a', 'b'] },
      { base: 2n, payloads: ['c', 'd'] },
      { base: 4n, payloads: ['e'] },
    ]);
  });

  it('flushes by itself at the end of the turn', async () => {
    const topic = new Topic(log(), { maxRecords: 64, maxBytes: 1 << 20, lingerMs: 0 });
    const s = subscriber(true);
    topic.add(s);
    topic.publish([p('a')]);
    expect(s.queue.length).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(s.wakes).toBe(1);
    expect(drain(s)).toEqual([{ base: 0n, payloads: ['a'] }]);
  });

  it('lets a slow subscriber drop records without holding back a fast one', () => {
    const topic = new Topic(log(), { maxRecords: 1, maxBytes: 1 << 20, lingerMs: 0 });
    const slow = subscriber(true, 200, 'drop_new');
    const fast = subscriber(true);
    topic.add(slow);
    topic.add(fast);
    for (let i = 0; i < 100; i++) topic.publish([new Uint8Array(50)]);
    topic.flush();
    expect(fast.queue.length).toBe(100);
    expect(slow.queue.queuedBytes).toBeLessThanOrEqual(200);
    expect(slow.queue.droppedRecords).toBeGreaterThan(90);
    expect(topic.stats.recordsDropped).toBe(slow.queue.droppedRecords);
  });

  it('tells a disconnect-policy subscriber it overflowed', () => {
    const topic = new Topic(log(), { maxRecords: 1, maxBytes: 1 << 20, lingerMs: 0 });
    const s = subscriber(true, 100, 'disconnect');
    topic.add(s);
    for (let i = 0; i < 5; i++) topic.publish([new Uint8Array(60)]);
    topic.flush();
    expect(s.overflows).toBeGreaterThan(0);
  });

  it('starts a subscriber at its live offset, mid-batch', () => {
    const topic = new Topic(log(), { maxRecords: 64, maxBytes: 1 << 20, lingerMs: 0 });
    const early = subscriber(true);
    topic.add(early);
    topic.publish([p('a'), p('b')]);
    const late = subscriber(true);
    late.liveFrom = topic.log.tail;
    topic.add(late);
    topic.publish([p('c')]);
    topic.flush();
    expect(drain(early)).toEqual([{ base: 0n, payloads: ['a', 'b', 'c'] }]);
    expect(drain(late)).toEqual([{ base: 2n, payloads: ['c'] }]);
  });

  describe('charged to the subscribers pool', () => {
    const batching = { maxRecords: 1, maxBytes: 1 << 20, lingerMs: 0 };

    it('drops with a gap for a subscriber behind a full pool while one that keeps up loses nothing', () => {
      // Room for the two subscriptions and a few frames.
      const memory = new MemoryBudget(2 * SUBSCRIPTION_OVERHEAD_BYTES + 6 * 1024, {
        streams: 0,
        subscribers: 1,
        cache: 0,
        receiving: 0,
        answers: 0,
      });
      const topic = new Topic(log(), batching, memory);
      const slow = subscriber(true, 1 << 20, 'drop_new');
      const fast = subscriber(true, 1 << 20, 'drop_new');
      topic.add(slow);
      topic.add(fast);
      const seen: { base?: bigint; payloads: string[] }[] = [];
      for (let i = 0; i < 50; i++) {
        topic.publish([p(String(i).padStart(100, '.'))]);
        topic.flush();
        seen.push(...drain(fast));
      }
      expect(seen.map((f) => Number(f.base))).toEqual([...Array(50).keys()]);
      expect(slow.lost).toBeGreaterThan(40);
      expect(slow.queue.droppedRecords).toBe(slow.lost);
      const kept = drain(slow).map((f) => Number(f.base));
      // What the slow one kept is the oldest: the offsets after it are the gap it sees.
      expect(kept).toEqual([...Array(kept.length).keys()]);
      expect(memory.usedBy('subscribers')).toBeLessThanOrEqual(memory.cap('subscribers'));
    });

    it('gives a subscription and its queued frames back when it leaves, and all of them on close', () => {
      const memory = new MemoryBudget(1 << 30);
      const topic = new Topic(log(), batching, memory);
      const a = subscriber(true);
      const b = subscriber(true);
      topic.add(a);
      topic.add(b);
      topic.add(a);
      expect(memory.usedBy('subscribers')).toBe(2 * SUBSCRIPTION_OVERHEAD_BYTES);
      for (let i = 0; i < 10; i++) topic.publish([p('x')]);
      topic.flush();
      expect(memory.usedBy('subscribers')).toBeGreaterThan(2 * SUBSCRIPTION_OVERHEAD_BYTES);
      topic.remove(a);
      topic.remove(a);
      expect(a.queue.length).toBe(0);
      expect(b.queue.length).toBe(10);
      topic.close();
      expect(memory.usedBy('subscribers')).toBe(0);
    });
  });

  describe('fanout to many subscribers', () => {
    const turn = () => new Promise((r) => setImmediate(r));
    const many = (topic: Topic, n: number) =>
      Array.from({ length: n }, () => {
        const s = subscriber(true);
        topic.add(s);
        return s;
      });

    it('hands a batch out a slice of subscribers per turn, so the loop is never held for all of them', async () => {
      const topic = new Topic(log(), { maxRecords: 64, maxBytes: 1 << 20, lingerMs: 0 });
      const subs = many(topic, FANOUT_SLICE * 3 + 5);
      topic.publish([p('a')]);
      await turn();
      expect(subs.filter((s) => s.wakes === 1).length).toBe(FANOUT_SLICE);
      await turn();
      expect(subs.filter((s) => s.wakes === 1).length).toBe(FANOUT_SLICE * 2);
      for (let i = 0; i < 3; i++) await turn();
      expect(subs.every((s) => s.wakes === 1)).toBe(true);
      expect(topic.stats.framesEncoded).toBe(1);
    });

    it('keeps each subscriber in order while batches go out over several turns', async () => {
      const topic = new Topic(log(), { maxRecords: 64, maxBytes: 1 << 20, lingerMs: 0 });
      const subs = many(topic, FANOUT_SLICE * 2);
      topic.publish([p('a')]);
      await turn();
      topic.publish([p('b')]);
      topic.publish([p('c')]);
      for (let i = 0; i < 8; i++) await turn();
      for (const s of subs) expect(drain(s).flatMap((b) => b.payloads)).toEqual(['a', 'b', 'c']);
    });

    it('hands nothing more to a subscriber removed while its batch is still going out', async () => {
      const topic = new Topic(log(), { maxRecords: 64, maxBytes: 1 << 20, lingerMs: 0 });
      const subs = many(topic, FANOUT_SLICE * 2);
      topic.publish([p('a')]);
      await turn();
      const last = subs[subs.length - 1];
      topic.remove(last);
      for (let i = 0; i < 4; i++) await turn();
      expect(last.wakes).toBe(0);
      expect(subs[0].wakes).toBe(1);
    });

    it('flush() hands out everything at once (drain relies on it)', async () => {
      const topic = new Topic(log(), { maxRecords: 64, maxBytes: 1 << 20, lingerMs: 0 });
      const subs = many(topic, FANOUT_SLICE * 2 + 1);
      topic.publish([p('a')]);
      await turn();
      topic.publish([p('b')]);
      topic.flush();
      for (const s of subs) expect(drain(s).flatMap((b) => b.payloads)).toEqual(['a', 'b']);
    });

    it('hands the oldest batch out at once rather than let batches pile up past the bound', () => {
      const topic = new Topic(log(), { maxRecords: 1, maxBytes: 1 << 20, lingerMs: 0 });
      const [first] = many(topic, FANOUT_SLICE + 1);
      // One record a batch: each publish closes the one before, the last stays pending.
      for (let i = 0; i < MAX_OUTGOING_BATCHES + 2; i++) topic.publish([p(String(i))]);
      // Nothing went out in a turn yet: only what the bound forced.
      expect(drain(first).flatMap((b) => b.payloads)).toEqual(['0']);
    });
  });
});
