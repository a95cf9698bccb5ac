// Redis through ioredis with auto-pipelining (commands issued in one turn share one write, as
// nats.js and the Felix adapter do): PUBLISH/SUBSCRIBE, GET/SET for the cache workloads, and
// XADD to a stream (its durable log) for durable publishes.
import { Redis } from 'ioredis';
import { withTimeout } from '../time.js';
import type { CacheConnection, DurableConnection, PubSubConnection, TargetSpec } from './types.js';

export type RedisSpec = Extract<TargetSpec, { kind: 'redis' }>;

export async function redisConnect(spec: RedisSpec): Promise<Redis> {
  const redis = new Redis({
    host: '127.0.0.1',
    port: spec.port,
    enableAutoPipelining: true,
    lazyConnect: true,
    connectTimeout: 10_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null, // a benchmark does not reconnect: a lost connection is a failure
    ...(spec.tls ? { tls: { ca: spec.tls.ca } } : {}),
  });
  redis.on('error', () => {}); // surfaced through the failing command instead
  await redis.connect();
  return redis;
}

export const closeWithin = (redis: Redis) =>
  withTimeout(
    redis.quit().then(() => {}),
    5000,
    'redis quit',
  );
export const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

export async function redisPubSub(spec: RedisSpec): Promise<PubSubConnection> {
  const commands = await redisConnect(spec);
  // A subscribed Redis connection takes no other commands, so subscribing needs its own.
  let subscriber: Redis | undefined;
  return {
    publish(channel, payload) {
      commands.publish(channel, asBuffer(payload)).catch(() => {}); // a lost message shows as missing
    },
    async subscribe(channel, onMessage) {
      subscriber ??= await redisConnect(spec);
      subscriber.on('messageBuffer', (_channel: Buffer, message: Buffer) => onMessage(message));
      await withTimeout(subscriber.subscribe(channel), 10_000, 'redis subscribe');
    },
    async close() {
      await Promise.all([closeWithin(commands), subscriber && closeWithin(subscriber)]);
    },
  };
}

export async function redisCache(spec: RedisSpec): Promise<CacheConnection> {
  const redis = await redisConnect(spec);
  return {
    async get(key) {
      return (await redis.getBuffer(key)) ?? undefined;
    },
    async set(key, value) {
      await redis.set(key, asBuffer(value));
    },
    close: () => closeWithin(redis),
  };
}

/**
 * Redis keeps a stream in memory, so it is trimmed to about as many entries as a Felix stream's
 * in-memory tail holds by default; the append-only file still logs every XADD.
 */
export const REDIS_STREAM_MAX_ENTRIES = 100_000;

/** XADD to the stream `stream`; each publish awaits the reply, which AOF with appendfsync always sends after the fsync. */
export async function redisDurable(spec: RedisSpec, stream: string): Promise<DurableConnection> {
  const redis = await redisConnect(spec);
  const maxLen = String(REDIS_STREAM_MAX_ENTRIES);
  return {
    async publish(payload) {
      await redis.xadd(stream, 'MAXLEN', '~', maxLen, '*', 'p', asBuffer(payload));
    },
    close: () => closeWithin(redis),
  };
}
