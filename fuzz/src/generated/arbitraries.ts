// generated — do not edit; edit spec/ and run `npm run generate`

// fast-check arbitraries for every message and layout of spec/, in the generated codec's value
// shape (Uint8Array for bytes, bigint for binary u64). Every value they produce is valid: the
// encoder must accept it and every decoder must return it unchanged. The spec-independent
// building blocks (text, bytes, integers, lists) are hand-written in ../arbitrary-kit.ts.
import type { MessageOf, MessageType, WireMessage } from '@felix/generated';
import fc from 'fast-check';
import { binaryU64, bytes, EMPTY_BYTES, formatted, jsonU64, list, text, type TextFormat, uint } from '../arbitrary-kit.js';

const NAME_FORMAT: TextFormat = { pattern: new RegExp("^[\\.]*[^\\u0000-\\u001f\\/\\u007f-\\u009f\\.][^\\u0000-\\u001f\\/\\u007f-\\u009f]*$"), edges: [".x","x..x","...x","x."] };

/** auth (JSON). */
export const auth: fc.Arbitrary<MessageOf<"auth">> = fc.record({
      type: fc.constant("auth" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      token: text(8192),
      client_flags: uint(0xffff),
      client_features: uint(0xffffffff),
    }, { requiredKeys: ["type", "tenant_id", "token"] });

/** auth_ok (JSON). */
export const authOk: fc.Arbitrary<MessageOf<"auth_ok">> = fc.record({
      type: fc.constant("auth_ok" as const),
      server_flags: uint(0xffff),
      server_features: uint(0xffffffff),
      session_token: text(8192),
    }, { requiredKeys: ["type", "server_flags"] });

/** stream_attach (JSON). */
export const streamAttach: fc.Arbitrary<MessageOf<"stream_attach">> = fc.record({
      type: fc.constant("stream_attach" as const),
      session_token: text(8192),
      kind: fc.constantFrom("cache", "event"),
      subscription_id: jsonU64(),
    }, { requiredKeys: ["type", "session_token", "kind"] });

/** publish (JSON). */
export const publish: fc.Arbitrary<MessageOf<"publish">> = fc.record({
      type: fc.constant("publish" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      stream: formatted(255, NAME_FORMAT),
      payload: bytes(),
      request_id: jsonU64(),
      ack: fc.constantFrom("none", "per_message", "per_batch"),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "stream", "payload"] });

/** publish_batch (JSON). */
export const publishBatch: fc.Arbitrary<MessageOf<"publish_batch">> = fc.record({
      type: fc.constant("publish_batch" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      stream: formatted(255, NAME_FORMAT),
      payloads: list(bytes(), 65536, EMPTY_BYTES),
      request_id: jsonU64(),
      ack: fc.constantFrom("none", "per_message", "per_batch"),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "stream", "payloads"] });

/** subscribe (JSON). */
export const subscribe: fc.Arbitrary<MessageOf<"subscribe">> = fc.record({
      type: fc.constant("subscribe" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      stream: formatted(255, NAME_FORMAT),
      subscription_id: jsonU64(),
      start: fc.oneof(fc.constantFrom("latest", "earliest"), fc.record({
      offset: jsonU64(),
    }, { requiredKeys: ["offset"] })),
      epoch: jsonU64(),
      on_epoch_mismatch: fc.constantFrom("refuse", "earliest"),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "stream"] });

/** subscribed (JSON). */
export const subscribed: fc.Arbitrary<MessageOf<"subscribed">> = fc.record({
      type: fc.constant("subscribed" as const),
      subscription_id: jsonU64(),
      start_offset: jsonU64(),
      live_offset: jsonU64(),
      epoch: jsonU64(),
      epoch_reset: fc.boolean(),
    }, { requiredKeys: ["type", "subscription_id"] });

/** subscribe_cursor_error (JSON). */
export const subscribeCursorError: fc.Arbitrary<MessageOf<"subscribe_cursor_error">> = fc.record({
      type: fc.constant("subscribe_cursor_error" as const),
      reason: fc.constantFrom("too_old", "in_future", "epoch_mismatch"),
      requested: jsonU64(),
      available: jsonU64(),
      epoch: jsonU64(),
      earliest_offset: jsonU64(),
      tail_offset: jsonU64(),
    }, { requiredKeys: ["type", "reason", "requested", "available"] });

/** subscription_end (JSON). */
export const subscriptionEnd: fc.Arbitrary<MessageOf<"subscription_end">> = fc.record({
      type: fc.constant("subscription_end" as const),
      subscription_id: jsonU64(),
      end_offset: jsonU64(),
    }, { requiredKeys: ["type", "subscription_id", "end_offset"] });

/** event_stream_hello (JSON). */
export const eventStreamHello: fc.Arbitrary<MessageOf<"event_stream_hello">> = fc.record({
      type: fc.constant("event_stream_hello" as const),
      subscription_id: jsonU64(),
      epoch: jsonU64(),
    }, { requiredKeys: ["type", "subscription_id"] });

/** event (JSON). */
export const event: fc.Arbitrary<MessageOf<"event">> = fc.record({
      type: fc.constant("event" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      stream: formatted(255, NAME_FORMAT),
      payload: bytes(),
      offset: jsonU64(),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "stream", "payload"] });

/** event_batch (JSON). */
export const eventBatch: fc.Arbitrary<MessageOf<"event_batch">> = fc.record({
      type: fc.constant("event_batch" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      stream: formatted(255, NAME_FORMAT),
      payloads: list(bytes(), 65536, EMPTY_BYTES),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "stream", "payloads"] });

/** cache_put (JSON). */
export const cachePut: fc.Arbitrary<MessageOf<"cache_put">> = fc.record({
      type: fc.constant("cache_put" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      cache: formatted(255, NAME_FORMAT),
      key: text(1024),
      value: bytes(),
      request_id: jsonU64(),
      ttl_ms: fc.option(jsonU64(), { nil: null }),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "cache", "key", "value", "ttl_ms"] });

/** cache_get (JSON). */
export const cacheGet: fc.Arbitrary<MessageOf<"cache_get">> = fc.record({
      type: fc.constant("cache_get" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      cache: formatted(255, NAME_FORMAT),
      key: text(1024),
      request_id: jsonU64(),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "cache", "key"] });

/** cache_delete (JSON). */
export const cacheDelete: fc.Arbitrary<MessageOf<"cache_delete">> = fc.record({
      type: fc.constant("cache_delete" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      cache: formatted(255, NAME_FORMAT),
      key: text(1024),
      request_id: jsonU64(),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "cache", "key"] });

/** cache_value (JSON). */
export const cacheValue: fc.Arbitrary<MessageOf<"cache_value">> = fc.record({
      type: fc.constant("cache_value" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      cache: formatted(255, NAME_FORMAT),
      key: text(1024),
      value: fc.option(bytes(), { nil: null }),
      request_id: jsonU64(),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "cache", "key", "value"] });

/** cache_ok (JSON). */
export const cacheOk: fc.Arbitrary<MessageOf<"cache_ok">> = fc.record({
      type: fc.constant("cache_ok" as const),
      request_id: jsonU64(),
    }, { requiredKeys: ["type", "request_id"] });

/** publish_ok (JSON). */
export const publishOk: fc.Arbitrary<MessageOf<"publish_ok">> = fc.record({
      type: fc.constant("publish_ok" as const),
      request_id: jsonU64(),
    }, { requiredKeys: ["type", "request_id"] });

/** publish_error (JSON). */
export const publishError: fc.Arbitrary<MessageOf<"publish_error">> = fc.record({
      type: fc.constant("publish_error" as const),
      request_id: jsonU64(),
      message: text(4096),
      code: text(255),
      retry: text(255),
    }, { requiredKeys: ["type", "request_id", "message"] });

/** ok (JSON). */
export const ok: fc.Arbitrary<MessageOf<"ok">> = fc.record({
      type: fc.constant("ok" as const),
    }, { requiredKeys: ["type"] });

/** error (JSON). */
export const error: fc.Arbitrary<MessageOf<"error">> = fc.record({
      type: fc.constant("error" as const),
      message: text(4096),
      code: text(255),
      retry: text(255),
      request_id: jsonU64(),
      detail: fc.record({
      field: text(255),
      offset: uint(0xffffffff),
      retry_after_ms: jsonU64(),
    }, { requiredKeys: [] }),
    }, { requiredKeys: ["type", "message"] });

/** group_join (JSON). */
export const groupJoin: fc.Arbitrary<MessageOf<"group_join">> = fc.record({
      type: fc.constant("group_join" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      stream: formatted(255, NAME_FORMAT),
      group: formatted(255, NAME_FORMAT),
      consumer_id: jsonU64(),
      start: fc.oneof(fc.constantFrom("latest", "earliest"), fc.record({
      offset: jsonU64(),
    }, { requiredKeys: ["offset"] })),
      max_in_flight: uint(0xffffffff),
      ack_wait_ms: uint(0xffffffff),
      max_deliveries: uint(0xffffffff),
      dead_letter_stream: formatted(255, NAME_FORMAT),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "stream", "group"] });

/** group_joined (JSON). */
export const groupJoined: fc.Arbitrary<MessageOf<"group_joined">> = fc.record({
      type: fc.constant("group_joined" as const),
      consumer_id: jsonU64(),
      committed_offset: jsonU64(),
      tail_offset: jsonU64(),
      created: fc.boolean(),
      epoch: jsonU64(),
    }, { requiredKeys: ["type", "consumer_id", "committed_offset", "tail_offset", "created"] });

/** group_ack (JSON). */
export const groupAck: fc.Arbitrary<MessageOf<"group_ack">> = fc.record({
      type: fc.constant("group_ack" as const),
      consumer_id: jsonU64(),
      ranges: list(jsonU64(), 65536, 0),
      request_id: jsonU64(),
    }, { requiredKeys: ["type", "consumer_id", "ranges"] });

/** group_nack (JSON). */
export const groupNack: fc.Arbitrary<MessageOf<"group_nack">> = fc.record({
      type: fc.constant("group_nack" as const),
      consumer_id: jsonU64(),
      ranges: list(jsonU64(), 65536, 0),
      delay_ms: uint(0xffffffff),
      request_id: jsonU64(),
    }, { requiredKeys: ["type", "consumer_id", "ranges"] });

/** group_acked (JSON). */
export const groupAcked: fc.Arbitrary<MessageOf<"group_acked">> = fc.record({
      type: fc.constant("group_acked" as const),
      request_id: jsonU64(),
    }, { requiredKeys: ["type", "request_id"] });

/** group_leave (JSON). */
export const groupLeave: fc.Arbitrary<MessageOf<"group_leave">> = fc.record({
      type: fc.constant("group_leave" as const),
      consumer_id: jsonU64(),
    }, { requiredKeys: ["type", "consumer_id"] });

/** dead_letter (JSON). */
export const deadLetter: fc.Arbitrary<MessageOf<"dead_letter">> = fc.record({
      type: fc.constant("dead_letter" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      stream: formatted(255, NAME_FORMAT),
      group: formatted(255, NAME_FORMAT),
      offset: jsonU64(),
      epoch: jsonU64(),
      delivery_count: uint(0xffffffff),
      reason: fc.constantFrom("max_deliveries"),
      payload: bytes(),
    }, { requiredKeys: ["type", "tenant_id", "namespace", "stream", "group", "offset", "delivery_count", "reason", "payload"] });

/** binary_publish_batch (binary, flag BINARY_PUBLISH_BATCH). */
export const binaryPublishBatch: fc.Arbitrary<MessageOf<"binary_publish_batch">> = fc
  .tuple(
    fc.record({
      type: fc.constant("binary_publish_batch" as const),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      stream: formatted(255, NAME_FORMAT),
      payloads: list(bytes(), 65536, EMPTY_BYTES),
    }),
    fc.option(fc.record({ request_id: binaryU64(), ack_mode: fc.constantFrom("per_message", "per_batch") }), { nil: undefined }) /* BINARY_PUBLISH_ACKED */,
  )
  .map(([base, ...groups]) => Object.assign({}, base, ...groups) as MessageOf<"binary_publish_batch">);

/** binary_event_batch (binary, flag BINARY_EVENT_BATCH). */
export const binaryEventBatch: fc.Arbitrary<MessageOf<"binary_event_batch">> = fc
  .tuple(
    fc.record({
      type: fc.constant("binary_event_batch" as const),
      subscription_id: binaryU64(),
      payloads: list(bytes(), 65536, EMPTY_BYTES),
    }),
    fc.option(fc.record({ base_offset: binaryU64() }), { nil: undefined }) /* EVENT_BATCH_OFFSETS */,
  )
  .map(([base, ...groups]) => Object.assign({}, base, ...groups) as MessageOf<"binary_event_batch">);

/** binary_shared_event_batch (binary, flag BINARY_EVENT_BATCH_SHARED). */
export const binarySharedEventBatch: fc.Arbitrary<MessageOf<"binary_shared_event_batch">> = fc
  .tuple(
    fc.record({
      type: fc.constant("binary_shared_event_batch" as const),
      payloads: list(bytes(), 65536, EMPTY_BYTES),
    }),
    fc.option(fc.record({ base_offset: binaryU64() }), { nil: undefined }) /* EVENT_BATCH_OFFSETS */,
  )
  .map(([base, ...groups]) => Object.assign({}, base, ...groups) as MessageOf<"binary_shared_event_batch">);

/** binary_publish_ack (binary, flag BINARY_PUBLISH_ACK). */
export const binaryPublishAck: fc.Arbitrary<MessageOf<"binary_publish_ack">> = fc.record({
      type: fc.constant("binary_publish_ack" as const),
      status: fc.constantFrom("ok", "error"),
      request_id: binaryU64(),
      message: text(4096),
    });

/** group_delivery_batch (binary, flag GROUP_DELIVERY_BATCH). */
export const groupDeliveryBatch: fc.Arbitrary<MessageOf<"group_delivery_batch">> = fc.record({
      type: fc.constant("group_delivery_batch" as const),
      base_offset: binaryU64(),
      delivery_count: uint(0xffffffff),
      payloads: list(bytes(), 65536, EMPTY_BYTES),
    });

/** binary_cache_get (binary, flag BINARY_CACHE_GET). */
export const binaryCacheGet: fc.Arbitrary<MessageOf<"binary_cache_get">> = fc.record({
      type: fc.constant("binary_cache_get" as const),
      request_id: binaryU64(),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      cache: formatted(255, NAME_FORMAT),
      key: text(1024),
    });

/** binary_cache_put (binary, flag BINARY_CACHE_PUT). */
export const binaryCachePut: fc.Arbitrary<MessageOf<"binary_cache_put">> = fc.record({
      type: fc.constant("binary_cache_put" as const),
      request_id: binaryU64(),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      cache: formatted(255, NAME_FORMAT),
      key: text(1024),
      ttl_ms: binaryU64(),
      value: bytes(),
    });

/** binary_cache_delete (binary, flag BINARY_CACHE_DELETE). */
export const binaryCacheDelete: fc.Arbitrary<MessageOf<"binary_cache_delete">> = fc.record({
      type: fc.constant("binary_cache_delete" as const),
      request_id: binaryU64(),
      tenant_id: formatted(255, NAME_FORMAT),
      namespace: formatted(255, NAME_FORMAT),
      cache: formatted(255, NAME_FORMAT),
      key: text(1024),
    });

/** binary_cache_value (binary, flag BINARY_CACHE_VALUE). */
export const binaryCacheValue: fc.Arbitrary<MessageOf<"binary_cache_value">> = fc.record({
      type: fc.constant("binary_cache_value" as const),
      request_id: binaryU64(),
      status: fc.constantFrom("missing", "found"),
      value: bytes(),
    });

/** binary_cache_ok (binary, flag BINARY_CACHE_OK). */
export const binaryCacheOk: fc.Arbitrary<MessageOf<"binary_cache_ok">> = fc.record({
      type: fc.constant("binary_cache_ok" as const),
      request_id: binaryU64(),
    });

/** The arbitrary of each message and layout, by its `type`. */
export const arbitraries: { [T in MessageType]: fc.Arbitrary<MessageOf<T>> } = {
  auth: auth,
  auth_ok: authOk,
  stream_attach: streamAttach,
  publish: publish,
  publish_batch: publishBatch,
  subscribe: subscribe,
  subscribed: subscribed,
  subscribe_cursor_error: subscribeCursorError,
  subscription_end: subscriptionEnd,
  event_stream_hello: eventStreamHello,
  event: event,
  event_batch: eventBatch,
  cache_put: cachePut,
  cache_get: cacheGet,
  cache_delete: cacheDelete,
  cache_value: cacheValue,
  cache_ok: cacheOk,
  publish_ok: publishOk,
  publish_error: publishError,
  ok: ok,
  error: error,
  group_join: groupJoin,
  group_joined: groupJoined,
  group_ack: groupAck,
  group_nack: groupNack,
  group_acked: groupAcked,
  group_leave: groupLeave,
  dead_letter: deadLetter,
  binary_publish_batch: binaryPublishBatch,
  binary_event_batch: binaryEventBatch,
  binary_shared_event_batch: binarySharedEventBatch,
  binary_publish_ack: binaryPublishAck,
  group_delivery_batch: groupDeliveryBatch,
  binary_cache_get: binaryCacheGet,
  binary_cache_put: binaryCachePut,
  binary_cache_delete: binaryCacheDelete,
  binary_cache_value: binaryCacheValue,
  binary_cache_ok: binaryCacheOk,
};

export const jsonMessage: fc.Arbitrary<WireMessage> = fc.oneof(auth, authOk, streamAttach, publish, publishBatch, subscribe, subscribed, subscribeCursorError, subscriptionEnd, eventStreamHello, event, eventBatch, cachePut, cacheGet, cacheDelete, cacheValue, cacheOk, publishOk, publishError, ok, error, groupJoin, groupJoined, groupAck, groupNack, groupAcked, groupLeave, deadLetter);
export const binaryMessage: fc.Arbitrary<WireMessage> = fc.oneof(binaryPublishBatch, binaryEventBatch, binarySharedEventBatch, binaryPublishAck, groupDeliveryBatch, binaryCacheGet, binaryCachePut, binaryCacheDelete, binaryCacheValue, binaryCacheOk);
/** Any message or layout, each type equally likely. */
export const anyMessage: fc.Arbitrary<WireMessage> = fc.oneof(auth, authOk, streamAttach, publish, publishBatch, subscribe, subscribed, subscribeCursorError, subscriptionEnd, eventStreamHello, event, eventBatch, cachePut, cacheGet, cacheDelete, cacheValue, cacheOk, publishOk, publishError, ok, error, groupJoin, groupJoined, groupAck, groupNack, groupAcked, groupLeave, deadLetter, binaryPublishBatch, binaryEventBatch, binarySharedEventBatch, binaryPublishAck, groupDeliveryBatch, binaryCacheGet, binaryCachePut, binaryCacheDelete, binaryCacheValue, binaryCacheOk);
