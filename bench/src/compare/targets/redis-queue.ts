// A Redis Streams consumer group through ioredis with auto-pipelining: XADD publishes; each
// consumer, on a connection of its own (XREADGROUP BLOCK holds its connection), reads up to
// maxInFlight new entries, then issues one XACK per entry and its next XREADGROUP in the same
// turn, so they leave in one write and Redis applies the acks before the read.
import type { Redis } from 'ioredis';
import { asBuffer, closeWithin, REDIS_STREAM_MAX_ENTRIES, type RedisSpec, redisConnect } from './redis.js';
import type { QueueConnection, QueueSetup } from './types.js';

/** How long a read waits for entries before the consumer looks whether it should stop, ms. */
const BLOCK_MS = 200;

type StreamReply = [key: Buffer, entries: [id: Buffer, fields: Buffer[]][]][] | null;
type ReadGroup = (...args: (string | number)[]) => Promise<StreamReply>;
/**
 * XREADGROUP answered in Buffers, so the payload's bytes arrive intact: ioredis has
 * xreadgroupBuffer but does not type it, and its callBuffer loses the command name when
 * auto-pipelined.
 */
const readGroup = (redis: Redis): ReadGroup =>
  (redis as unknown as { xreadgroupBuffer: ReadGroup }).xreadgroupBuffer.bind(redis);

export async function redisQueue(spec: RedisSpec, q: QueueSetup): Promise<QueueConnection> {
  const connections: Redis[] = [];
  const closeAll = () => Promise.all(connections.map((r) => closeWithin(r).catch(() => r.disconnect())));
  let producer: Redis;
  try {
    producer = await redisConnect(spec);
    connections.push(producer);
    // `$`: the group starts at the stream's end, made here before anything is published to it.
    await producer.xgroup('CREATE', q.stream, q.group, '$', 'MKSTREAM');
    for (let i = 0; i < q.consumers; i++) connections.push(await redisConnect(spec));
  } catch (err) {
    await closeAll();
    throw err;
  }
  const consumers = connections.slice(1);
  const maxLen = String(REDIS_STREAM_MAX_ENTRIES);
  let stopped = false;
  let fail: (err: unknown) => void = () => {};
  const loops: Promise<void>[] = [];
  const consumeAs = async (redis: Redis, name: string, onAcked: (payload: Uint8Array) => void) => {
    const read = readGroup(redis);
    const args = ['GROUP', q.group, name, 'COUNT', q.maxInFlight, 'BLOCK', BLOCK_MS, 'STREAMS', q.stream, '>'];
    while (!stopped) {
      const reply = await read(...args);
      for (const [, entries] of reply ?? [])
        for (const [id, fields] of entries) {
          const payload = fields[1];
          redis.xack(q.stream, q.group, id).then(() => onAcked(payload), fail);
        }
    }
  };
  return {
    publish(payload) {
      producer.xadd(q.stream, 'MAXLEN', '~', maxLen, '*', 'p', asBuffer(payload)).catch(fail);
    },
    async consume(onAcked, onError) {
      fail = (err) => stopped || onError(err);
      consumers.forEach((redis, i) => {
        loops.push(consumeAs(redis, `c${i}`, onAcked).catch(fail));
      });
    },
    async close() {
      stopped = true;
      // A read blocked at the server ends within BLOCK_MS; closing under it would be a reset.
      await Promise.all(loops);
      await closeAll();
    },
  };
}
