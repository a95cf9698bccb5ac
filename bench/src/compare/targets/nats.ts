// NATS through the official Node client: core pub/sub, the JetStream key-value store (a
// memory-backed bucket, the nearest thing NATS has to an in-memory cache) for the cache workloads,
// and a JetStream stream with file storage for durable publishes.
import { connect, type NatsConnection, StorageType } from 'nats';
import { withTimeout } from '../time.js';
import type { CacheConnection, DurableConnection, PubSubConnection, TargetSpec } from './types.js';

export type NatsSpec = Extract<TargetSpec, { kind: 'nats' }>;

export function natsConnect(spec: NatsSpec): Promise<NatsConnection> {
  return connect({
    servers: `127.0.0.1:${spec.port}`,
    timeout: 10_000,
    reconnect: false,
    ...(spec.tls ? { tls: { ca: spec.tls.ca } } : {}),
  });
}

export const closeWithin = (nc: NatsConnection) => withTimeout(nc.close(), 5000, 'nats close');

export async function natsPubSub(spec: NatsSpec): Promise<PubSubConnection> {
  const nc = await natsConnect(spec);
  return {
    publish: (subject, payload) => nc.publish(subject, payload),
    async subscribe(subject, onMessage) {
      nc.subscribe(subject, { callback: (err, msg) => err || onMessage(msg.data) });
      // The server has the subscription once it has answered a PING sent after it.
      await withTimeout(nc.flush(), 10_000, 'nats subscribe');
    },
    close: () => closeWithin(nc),
  };
}

export const NATS_KV_BUCKET = 'felix_bench';

export async function natsCache(spec: NatsSpec): Promise<CacheConnection> {
  const nc = await natsConnect(spec);
  const kv = await withTimeout(
    nc.jetstream().views.kv(NATS_KV_BUCKET, { history: 1, storage: StorageType.Memory }),
    10_000,
    'nats kv bucket',
  );
  return {
    async get(key) {
      return (await kv.get(key))?.value;
    },
    async set(key, value) {
      await kv.put(key, value);
    },
    close: () => closeWithin(nc),
  };
}

/** Publishes to a file-stored JetStream stream named and subjected `stream`; each publish awaits its PubAck. */
export async function natsDurable(spec: NatsSpec, stream: string): Promise<DurableConnection> {
  const nc = await natsConnect(spec);
  try {
    const jsm = await withTimeout(nc.jetstreamManager(), 10_000, 'nats jetstream');
    // Adding a stream again with the same configuration is accepted, so rounds may share one.
    await withTimeout(
      jsm.streams.add({ name: stream, subjects: [stream], storage: StorageType.File, num_replicas: 1 }),
      10_000,
      'nats stream add',
    );
  } catch (err) {
    await closeWithin(nc).catch(() => {});
    throw err;
  }
  const js = nc.jetstream();
  return {
    async publish(payload) {
      await js.publish(stream, payload);
    },
    close: () => closeWithin(nc),
  };
}
