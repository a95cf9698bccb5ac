// Opens a connection of the kind a target spec describes.
import { felixCache, felixDurable, felixPubSub } from './felix.js';
import { felixQueue } from './felix-queue.js';
import { natsCache, natsDurable, natsPubSub } from './nats.js';
import { natsQueue } from './nats-queue.js';
import { redisCache, redisDurable, redisPubSub } from './redis.js';
import { redisQueue } from './redis-queue.js';
import { tcpCache, tcpPubSub } from './tcp-floor.js';
import type {
  CacheConnection,
  DurableConnection,
  PubSubConnection,
  QueueConnection,
  QueueSetup,
  TargetSpec,
} from './types.js';

export type {
  CacheConnection,
  DurableConnection,
  PubSubConnection,
  QueueConnection,
  QueueSetup,
  Target,
  TargetSpec,
} from './types.js';

export function connectPubSub(spec: TargetSpec): Promise<PubSubConnection> {
  switch (spec.kind) {
    case 'felix':
      return felixPubSub(spec);
    case 'nats':
      return natsPubSub(spec);
    case 'redis':
      return redisPubSub(spec);
    case 'tcp':
      return tcpPubSub(spec);
  }
}

export function connectCache(spec: TargetSpec): Promise<CacheConnection> {
  switch (spec.kind) {
    case 'felix':
      return felixCache(spec);
    case 'nats':
      return natsCache(spec);
    case 'redis':
      return redisCache(spec);
    case 'tcp':
      return tcpCache(spec);
  }
}

/** A publisher to `stream`, made durable on the server beforehand (Felix) or here (JetStream). */
export function connectDurable(spec: TargetSpec, stream: string): Promise<DurableConnection> {
  switch (spec.kind) {
    case 'felix':
      return felixDurable(spec, stream);
    case 'nats':
      return natsDurable(spec, stream);
    case 'redis':
      return redisDurable(spec, stream);
    case 'tcp':
      return Promise.reject(new Error('the TCP floor stores nothing'));
  }
}

/** A fresh stream with one consumer group on it, a publisher and the group's consumers. */
export function connectQueue(spec: TargetSpec, setup: QueueSetup): Promise<QueueConnection> {
  switch (spec.kind) {
    case 'felix':
      return felixQueue(spec, setup);
    case 'nats':
      return natsQueue(spec, setup);
    case 'redis':
      return redisQueue(spec, setup);
    case 'tcp':
      return Promise.reject(new Error('the TCP floor has no consumer groups'));
  }
}
