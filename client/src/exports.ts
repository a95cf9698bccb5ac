// The SDK's public surface that Node and browser builds share: everything except the dialer and
// the connect() that uses it. Nothing here imports a Node module.
export type { CacheOptions, Capabilities, ClientEvents, ClientState, PublishOptions, PutOptions } from './client.js';
export { FelixClient } from './client.js';
export type { Dialer } from './connection/handshake.js';
export { SDK_FEATURES, SDK_FLAGS } from './connection/handshake.js';
export type { ConsumeOptions, ConsumerMessage, GroupPosition, GroupStart, NackOptions } from './consumer.js';
export { Consumer } from './consumer.js';
export { type DeadLetter, decodeDeadLetter } from './dead-letter.js';
export type { Delivery } from './delivery-queue.js';
export {
  type ClientErrorCode,
  FelixError,
  type FelixErrorCode,
  type FelixErrorInit,
  SubscribeCursorError,
} from './errors.js';
export type { BatchOptions, CarrierKind, ConnectOptions, Endpoint, ReconnectOptions } from './options.js';
export { parseUrl } from './options.js';
export type { Gap, StartPosition, SubscribeOptions } from './subscription.js';
export { Subscription } from './subscription.js';
export type { BytesLike } from './util.js';
