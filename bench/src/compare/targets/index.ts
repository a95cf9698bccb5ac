// Opens a connection of the kind a target spec describes.
import { felixCache, felixPubSub } from './felix.js';
import { natsCache, natsPubSub } from './nats.js';
import { redisCache, redisPubSub } from './redis.js';
import { tcpCache, tcpPubSub } from './tcp-floor.js';
import type { CacheConnection, PubSubConnection, TargetSpec } from './types.js';

export type { CacheConnection, PubSubConnection, Target, TargetSpec } from './types.js';

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
