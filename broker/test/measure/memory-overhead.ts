// Measures what the broker's held data really costs per item, next to what the memory budget
// charges for it, to set the constants it charges (cache entries, stream logs and their
// records, subscriptions, queued frames). Each kind is built N times in a fresh child process,
// with forced GCs before and after, counting the V8 heap, memory outside it (array buffers'
// backing stores) and RSS. RSS is what the budget must bound; it also holds the slack V8 keeps
// for its heap to grow into, so it runs above heap + outside, more so for many small objects.
//
//   npx tsx --conditions=felix-source broker/test/measure/memory-overhead.ts [kind ...]
//   (FELIX_MEASURE_N=<n> overrides how many items are built)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ByteSink } from '@felix/transport';
import { CacheStore, cacheScopeKey } from '../../src/core/cache-store.js';
import { MemoryBudget } from '../../src/core/memory-budget.js';
import { Registry } from '../../src/core/registry.js';
import { StreamLog } from '../../src/core/stream-log.js';
import { StreamRetention } from '../../src/core/stream-retention.js';
import { SubscriberQueue } from '../../src/core/subscriber-queue.js';
import { Topic } from '../../src/core/topic.js';
import { eventBatchEncoder } from '../../src/protocol/event-frames.js';
import { Subscription } from '../../src/protocol/subscription.js';

interface Built {
  held: unknown;
  /** Bytes the memory budget was charged for all of it. */
  charged: number;
  /** Bytes of payload in it (keys and values, records), to tell overhead apart. */
  payload: number;
}

const HUGE = Number.MAX_SAFE_INTEGER;
const batching = { maxRecords: 64, maxBytes: 1 << 20, lingerMs: 0 };
const budget = () => new MemoryBudget(HUGE / 2);
const sink: ByteSink = {
  write: () => true,
  drained: async () => {},
  bufferedBytes: 0,
  end: async () => {},
  reset: () => {},
};

function cacheEntries(valueBytes: number) {
  return (n: number): Built => {
    const memory = budget();
    const cache = new CacheStore({ maxBytes: HUGE, memory });
    // As the decoder hands a value over: a Buffer view into a larger read chunk.
    const chunk = Buffer.alloc(64 * 1024, 7);
    let payload = 0;
    for (let i = 0; i < n; i++) {
      const key = cacheScopeKey('t1', 'default', 'primary', `key-${String(i).padStart(6, '0')}`);
      cache.put(key, chunk.subarray(i % 1000, (i % 1000) + valueBytes), null);
      payload += key.length + valueBytes;
    }
    return { held: cache, charged: memory.usedBy('cache'), payload };
  };
}

const KINDS: Record<string, { n: number; build: (n: number) => Built }> = {
  // A tiny value under a short key, as in the 600,000-entry attack; then values large
  // enough to get an allocation of their own outside V8's heap.
  'cache-entry-8': { n: 100_000, build: cacheEntries(8) },
  'cache-entry-100': { n: 100_000, build: cacheEntries(100) },
  'cache-entry-1000': { n: 100_000, build: cacheEntries(1000) },
  // 100-byte records, many to one log: the per-record cost once slabs and ring are full.
  'stream-record': {
    n: 200_000,
    build: (n) => {
      const memory = budget();
      const log = new StreamLog({ maxRecords: n, maxBytes: HUGE }, new StreamRetention(memory));
      const record = new Uint8Array(100).fill(1);
      for (let i = 0; i < n; i++) log.append([record]);
      return { held: log, charged: memory.usedBy('streams'), payload: 100 * n };
    },
  },
  // A registered stream holding one small record, with the topic that fans it out.
  'stream-one-record': {
    n: 5_000,
    build: (n) => {
      const memory = budget();
      const registry = new Registry({
        autoCreate: true,
        defaultStream: { maxRecords: 100_000, maxBytes: 64 << 20 },
        maxStreams: HUGE,
        maxCaches: HUGE,
        retention: new StreamRetention(memory),
      });
      const topics = new Map<unknown, Topic>();
      const record = new Uint8Array(100).fill(1);
      for (let i = 0; i < n; i++) {
        const entry = registry.stream('t1', 'default', `stream-${i}`);
        const topic = new Topic(entry.log, batching, memory);
        topic.publish([record]);
        topics.set(entry, topic);
      }
      return { held: [registry, topics], charged: memory.usedBy('streams'), payload: 100 * n };
    },
  },
  // A subscription with an empty queue, made as the session's subscribe handler makes it, its
  // writer waiting for frames (on a sink that takes everything; the carrier is not counted).
  subscription: {
    n: 50_000,
    build: (n) => {
      const memory = budget();
      const topic = new Topic(new StreamLog({ maxRecords: 1000, maxBytes: 1 << 20 }), batching, memory);
      const held = new Map<number, Subscription>();
      const counts = { delivered: 0, dropped: 0 };
      for (let i = 0; i < n; i++) {
        const s = new Subscription({
          id: i,
          topic,
          encoder: eventBatchEncoder(true),
          startOffset: 0,
          queueBytes: 4 << 20,
          policy: 'drop_new',
          replayBatchRecords: 64,
          replayBatchBytes: 1 << 20,
          onDelivered: (records) => {
            counts.delivered += records;
          },
          onOverflowDisconnect: () => held.delete(i),
          onDropped: (records) => {
            counts.dropped += records;
          },
        });
        held.set(i, s);
        void s.run(sink);
      }
      return { held: [topic, held], charged: memory.usedBy('subscribers'), payload: 0 };
    },
  },
  // A frame of one 100-byte record, encoded and queued for one subscriber.
  'queued-frame': {
    n: 200_000,
    build: (n) => {
      const memory = budget();
      const queue = new SubscriberQueue(HUGE, 'drop_new');
      queue.attach(memory);
      const encode = eventBatchEncoder(true);
      const record = new Uint8Array(100).fill(1);
      let payload = 0;
      for (let i = 0; i < n; i++) {
        const bytes = encode([record], i);
        payload += bytes.length;
        queue.enqueue({ bytes, records: 1, queuedAt: 0, holders: 0 });
      }
      return { held: queue, charged: memory.usedBy('subscribers'), payload };
    },
  },
};

function usage() {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, outside: m.external, rss: m.rss };
}

async function measure(kind: string): Promise<void> {
  const { n: defaultN, build } = KINDS[kind]!;
  const n = Number(process.env.FELIX_MEASURE_N ?? defaultN);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  const before = usage();
  const built = build(n);
  await new Promise((resolve) => setTimeout(resolve, 10)); // writers reach their wait
  gc();
  gc();
  const after = usage();
  const per = (bytes: number) => (bytes / n).toFixed(0).padStart(6);
  const rss = after.rss - before.rss;
  console.log(
    `${kind.padEnd(18)} n=${String(n).padStart(7)} per item:  heap ${per(after.heap - before.heap)}` +
      `  outside heap ${per(after.outside - before.outside)}  rss ${per(rss)}` +
      `  (rss beyond payload ${per(rss - built.payload)})  charged ${per(built.charged)}`,
  );
  if (built.held === undefined) throw new Error('unreachable: keeps what was built alive until measured');
}

const kinds = process.argv.slice(2);
if (process.env.FELIX_MEASURE_CHILD) await measure(kinds[0]!);
else {
  const self = fileURLToPath(import.meta.url);
  for (const kind of kinds.length > 0 ? kinds : Object.keys(KINDS)) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--conditions=felix-source', '--import', 'tsx', self, kind],
      { env: { ...process.env, FELIX_MEASURE_CHILD: '1' }, encoding: 'utf8' },
    );
    process.stdout.write(out);
  }
}
