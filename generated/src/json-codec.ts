// generated — do not edit; edit spec/ and run `npm run generate`

import { HEADER_SIZE, ATTACH_KIND, ACK_MODE, START_POSITION, CURSOR_ERROR_REASON, EPOCH_MISMATCH_POLICY, DEAD_LETTER_REASON, RETRY_CLASS } from './constants.js';
import type { AttachKind, AckMode, BinaryAckMode, CacheStatus, AckStatus, StartPosition, CursorErrorReason, EpochMismatchPolicy, DeadLetterReason, RetryClass } from './constants.js';
import type { Auth, AuthOk, StreamAttach, Publish, PublishBatch, Subscribe, Subscribed, SubscribeCursorError, SubscriptionEnd, EventStreamHello, EventMessage, EventBatch, CachePut, CacheGet, CacheDelete, CacheValue, CacheOk, PublishOk, PublishError, Ok, ErrorMessage, GroupJoin, GroupJoined, GroupAck, GroupNack, GroupAcked, GroupLeave, DeadLetter, JsonMessage } from './types.js';
import { auth as validateAuth, auth_ok as validateAuthOk, stream_attach as validateStreamAttach, publish as validatePublish, publish_batch as validatePublishBatch, subscribe as validateSubscribe, subscribed as validateSubscribed, subscribe_cursor_error as validateSubscribeCursorError, subscription_end as validateSubscriptionEnd, event_stream_hello as validateEventStreamHello, event as validateEventMessage, event_batch as validateEventBatch, cache_put as validateCachePut, cache_get as validateCacheGet, cache_delete as validateCacheDelete, cache_value as validateCacheValue, cache_ok as validateCacheOk, publish_ok as validatePublishOk, publish_error as validatePublishError, ok as validateOk, error as validateErrorMessage, group_join as validateGroupJoin, group_joined as validateGroupJoined, group_ack as validateGroupAck, group_nack as validateGroupNack, group_acked as validateGroupAcked, group_leave as validateGroupLeave, dead_letter as validateDeadLetter } from './validators.js';
import { badVariant, decodeBase64, decodeCheckedBase64List, jsonBool, jsonBytes, jsonEnum, jsonInt, jsonList, jsonMembers, jsonString, jsonU64, WireError, wireErrorFromSchema } from '@felix/wire/codec-support';
import { checkNameField, FORMAT_PATTERN_ERRORS } from './formats.js';

type Json = Record<string, any>;

function decodeAuth(o: Json): Auth {
  if (!validateAuth(o)) throw wireErrorFromSchema("auth", validateAuth.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "auth",
    tenant_id: o.tenant_id,
    token: o.token,
    client_flags: (o.client_flags == null ? undefined : (o.client_flags || 0)),
    client_features: (o.client_features == null ? undefined : (o.client_features || 0)),
  };
}

/** JSON text of a auth message, exactly as upstream's encoder writes it. */

export function encodeAuthJson(m: Auth): string {
  return "{\"type\":\"auth\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "auth.tenant_id"), 255, "auth.tenant_id") + ",\"token\":" + jsonString(m.token, 8192, "auth.token") + (m.client_flags == null ? '' : ",\"client_flags\":" + jsonInt(m.client_flags, 0xffff, "auth.client_flags")) + (m.client_features == null ? '' : ",\"client_features\":" + jsonInt(m.client_features, 0xffffffff, "auth.client_features")) + '}';
}

function decodeAuthOk(o: Json): AuthOk {
  if (!validateAuthOk(o)) throw wireErrorFromSchema("auth_ok", validateAuthOk.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "auth_ok",
    server_flags: (o.server_flags || 0),
    server_features: (o.server_features == null ? undefined : (o.server_features || 0)),
    session_token: (o.session_token ?? undefined),
  };
}

/** JSON text of a auth_ok message, exactly as upstream's encoder writes it. */

export function encodeAuthOkJson(m: AuthOk): string {
  return "{\"type\":\"auth_ok\"" + ",\"server_flags\":" + jsonInt(m.server_flags, 0xffff, "auth_ok.server_flags") + (m.server_features == null ? '' : ",\"server_features\":" + jsonInt(m.server_features, 0xffffffff, "auth_ok.server_features")) + (m.session_token == null ? '' : ",\"session_token\":" + jsonString(m.session_token, 8192, "auth_ok.session_token")) + '}';
}

function decodeStreamAttach(o: Json): StreamAttach {
  if (!validateStreamAttach(o)) throw wireErrorFromSchema("stream_attach", validateStreamAttach.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "stream_attach",
    session_token: o.session_token,
    kind: (o.kind as AttachKind),
    subscription_id: (o.subscription_id == null ? undefined : (o.subscription_id || 0)),
  };
}

/** JSON text of a stream_attach message, exactly as upstream's encoder writes it. */

export function encodeStreamAttachJson(m: StreamAttach): string {
  return "{\"type\":\"stream_attach\"" + ",\"session_token\":" + jsonString(m.session_token, 8192, "stream_attach.session_token") + ",\"kind\":" + jsonEnum(m.kind, ATTACH_KIND, "stream_attach.kind") + (m.subscription_id == null ? '' : ",\"subscription_id\":" + jsonU64(m.subscription_id, "stream_attach.subscription_id")) + '}';
}

function decodePublish(o: Json): Publish {
  if (!validatePublish(o)) throw wireErrorFromSchema("publish", validatePublish.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "publish",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    stream: o.stream,
    payload: decodeBase64(o.payload, "publish.payload", HEADER_SIZE, true),
    request_id: (o.request_id == null ? undefined : (o.request_id || 0)),
    ack: (o.ack == null ? undefined : (o.ack as AckMode)),
  };
}

/** JSON text of a publish message, exactly as upstream's encoder writes it. */

export function encodePublishJson(m: Publish): string {
  return "{\"type\":\"publish\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "publish.tenant_id"), 255, "publish.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "publish.namespace"), 255, "publish.namespace") + ",\"stream\":" + jsonString(checkNameField(undefined, m.stream, "publish.stream"), 255, "publish.stream") + ",\"payload\":" + jsonBytes(m.payload, "publish.payload") + (m.request_id == null ? '' : ",\"request_id\":" + jsonU64(m.request_id, "publish.request_id")) + (m.ack == null ? '' : ",\"ack\":" + jsonEnum(m.ack, ACK_MODE, "publish.ack")) + '}';
}

function decodePublishBatch(o: Json): PublishBatch {
  if (!validatePublishBatch(o)) throw wireErrorFromSchema("publish_batch", validatePublishBatch.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "publish_batch",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    stream: o.stream,
    payloads: decodeCheckedBase64List(o.payloads as string[]),
    request_id: (o.request_id == null ? undefined : (o.request_id || 0)),
    ack: (o.ack == null ? undefined : (o.ack as AckMode)),
  };
}

/** JSON text of a publish_batch message, exactly as upstream's encoder writes it. */

export function encodePublishBatchJson(m: PublishBatch): string {
  return "{\"type\":\"publish_batch\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "publish_batch.tenant_id"), 255, "publish_batch.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "publish_batch.namespace"), 255, "publish_batch.namespace") + ",\"stream\":" + jsonString(checkNameField(undefined, m.stream, "publish_batch.stream"), 255, "publish_batch.stream") + ",\"payloads\":" + jsonList(m.payloads, 65536, "publish_batch.payloads", (x, i) => jsonBytes(x, "publish_batch.payloads[]")) + (m.request_id == null ? '' : ",\"request_id\":" + jsonU64(m.request_id, "publish_batch.request_id")) + (m.ack == null ? '' : ",\"ack\":" + jsonEnum(m.ack, ACK_MODE, "publish_batch.ack")) + '}';
}

function decodeSubscribe(o: Json): Subscribe {
  if (!validateSubscribe(o)) throw wireErrorFromSchema("subscribe", validateSubscribe.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "subscribe",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    stream: o.stream,
    subscription_id: (o.subscription_id == null ? undefined : (o.subscription_id || 0)),
    start: (o.start == null ? undefined : (typeof o.start === "string" ? (o.start as StartPosition) : (typeof o.start === 'object' && o.start !== null && !Array.isArray(o.start)) ? { offset: (o.start.offset || 0) } : undefined as never)),
    epoch: (o.epoch == null ? undefined : (o.epoch || 0)),
    on_epoch_mismatch: (o.on_epoch_mismatch == null ? undefined : (o.on_epoch_mismatch as EpochMismatchPolicy)),
  };
}

/** JSON text of a subscribe message, exactly as upstream's encoder writes it. */

export function encodeSubscribeJson(m: Subscribe): string {
  return "{\"type\":\"subscribe\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "subscribe.tenant_id"), 255, "subscribe.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "subscribe.namespace"), 255, "subscribe.namespace") + ",\"stream\":" + jsonString(checkNameField(undefined, m.stream, "subscribe.stream"), 255, "subscribe.stream") + (m.subscription_id == null ? '' : ",\"subscription_id\":" + jsonU64(m.subscription_id, "subscribe.subscription_id")) + (m.start == null ? '' : ",\"start\":" + (typeof m.start === "string" ? jsonEnum(m.start, START_POSITION, "subscribe.start") : (typeof m.start === 'object' && m.start !== null && !Array.isArray(m.start)) ? (jsonMembers([["offset", jsonU64(m.start.offset, "subscribe.start.offset")]])) : badVariant("subscribe.start"))) + (m.epoch == null ? '' : ",\"epoch\":" + jsonU64(m.epoch, "subscribe.epoch")) + (m.on_epoch_mismatch == null ? '' : ",\"on_epoch_mismatch\":" + jsonEnum(m.on_epoch_mismatch, EPOCH_MISMATCH_POLICY, "subscribe.on_epoch_mismatch")) + '}';
}

function decodeSubscribed(o: Json): Subscribed {
  if (!validateSubscribed(o)) throw wireErrorFromSchema("subscribed", validateSubscribed.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "subscribed",
    subscription_id: (o.subscription_id || 0),
    start_offset: (o.start_offset == null ? undefined : (o.start_offset || 0)),
    live_offset: (o.live_offset == null ? undefined : (o.live_offset || 0)),
    epoch: (o.epoch == null ? undefined : (o.epoch || 0)),
    epoch_reset: (o.epoch_reset ?? undefined),
  };
}

/** JSON text of a subscribed message, exactly as upstream's encoder writes it. */

export function encodeSubscribedJson(m: Subscribed): string {
  return "{\"type\":\"subscribed\"" + ",\"subscription_id\":" + jsonU64(m.subscription_id, "subscribed.subscription_id") + (m.start_offset == null ? '' : ",\"start_offset\":" + jsonU64(m.start_offset, "subscribed.start_offset")) + (m.live_offset == null ? '' : ",\"live_offset\":" + jsonU64(m.live_offset, "subscribed.live_offset")) + (m.epoch == null ? '' : ",\"epoch\":" + jsonU64(m.epoch, "subscribed.epoch")) + (m.epoch_reset == null ? '' : ",\"epoch_reset\":" + jsonBool(m.epoch_reset, "subscribed.epoch_reset")) + '}';
}

function decodeSubscribeCursorError(o: Json): SubscribeCursorError {
  if (!validateSubscribeCursorError(o)) throw wireErrorFromSchema("subscribe_cursor_error", validateSubscribeCursorError.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "subscribe_cursor_error",
    reason: (o.reason as CursorErrorReason),
    requested: (o.requested || 0),
    available: (o.available || 0),
    epoch: (o.epoch == null ? undefined : (o.epoch || 0)),
    earliest_offset: (o.earliest_offset == null ? undefined : (o.earliest_offset || 0)),
    tail_offset: (o.tail_offset == null ? undefined : (o.tail_offset || 0)),
  };
}

/** JSON text of a subscribe_cursor_error message, exactly as upstream's encoder writes it. */

export function encodeSubscribeCursorErrorJson(m: SubscribeCursorError): string {
  return "{\"type\":\"subscribe_cursor_error\"" + ",\"reason\":" + jsonEnum(m.reason, CURSOR_ERROR_REASON, "subscribe_cursor_error.reason") + ",\"requested\":" + jsonU64(m.requested, "subscribe_cursor_error.requested") + ",\"available\":" + jsonU64(m.available, "subscribe_cursor_error.available") + (m.epoch == null ? '' : ",\"epoch\":" + jsonU64(m.epoch, "subscribe_cursor_error.epoch")) + (m.earliest_offset == null ? '' : ",\"earliest_offset\":" + jsonU64(m.earliest_offset, "subscribe_cursor_error.earliest_offset")) + (m.tail_offset == null ? '' : ",\"tail_offset\":" + jsonU64(m.tail_offset, "subscribe_cursor_error.tail_offset")) + '}';
}

function decodeSubscriptionEnd(o: Json): SubscriptionEnd {
  if (!validateSubscriptionEnd(o)) throw wireErrorFromSchema("subscription_end", validateSubscriptionEnd.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "subscription_end",
    subscription_id: (o.subscription_id || 0),
    end_offset: (o.end_offset || 0),
  };
}

/** JSON text of a subscription_end message, exactly as upstream's encoder writes it. */

export function encodeSubscriptionEndJson(m: SubscriptionEnd): string {
  return "{\"type\":\"subscription_end\"" + ",\"subscription_id\":" + jsonU64(m.subscription_id, "subscription_end.subscription_id") + ",\"end_offset\":" + jsonU64(m.end_offset, "subscription_end.end_offset") + '}';
}

function decodeEventStreamHello(o: Json): EventStreamHello {
  if (!validateEventStreamHello(o)) throw wireErrorFromSchema("event_stream_hello", validateEventStreamHello.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "event_stream_hello",
    subscription_id: (o.subscription_id || 0),
    epoch: (o.epoch == null ? undefined : (o.epoch || 0)),
  };
}

/** JSON text of a event_stream_hello message, exactly as upstream's encoder writes it. */

export function encodeEventStreamHelloJson(m: EventStreamHello): string {
  return "{\"type\":\"event_stream_hello\"" + ",\"subscription_id\":" + jsonU64(m.subscription_id, "event_stream_hello.subscription_id") + (m.epoch == null ? '' : ",\"epoch\":" + jsonU64(m.epoch, "event_stream_hello.epoch")) + '}';
}

function decodeEventMessage(o: Json): EventMessage {
  if (!validateEventMessage(o)) throw wireErrorFromSchema("event", validateEventMessage.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "event",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    stream: o.stream,
    payload: decodeBase64(o.payload, "event.payload", HEADER_SIZE, true),
    offset: (o.offset == null ? undefined : (o.offset || 0)),
  };
}

/** JSON text of a event message, exactly as upstream's encoder writes it. */

export function encodeEventMessageJson(m: EventMessage): string {
  return "{\"type\":\"event\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "event.tenant_id"), 255, "event.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "event.namespace"), 255, "event.namespace") + ",\"stream\":" + jsonString(checkNameField(undefined, m.stream, "event.stream"), 255, "event.stream") + ",\"payload\":" + jsonBytes(m.payload, "event.payload") + (m.offset == null ? '' : ",\"offset\":" + jsonU64(m.offset, "event.offset")) + '}';
}

function decodeEventBatch(o: Json): EventBatch {
  if (!validateEventBatch(o)) throw wireErrorFromSchema("event_batch", validateEventBatch.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "event_batch",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    stream: o.stream,
    payloads: decodeCheckedBase64List(o.payloads as string[]),
  };
}

/** JSON text of a event_batch message, exactly as upstream's encoder writes it. */

export function encodeEventBatchJson(m: EventBatch): string {
  return "{\"type\":\"event_batch\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "event_batch.tenant_id"), 255, "event_batch.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "event_batch.namespace"), 255, "event_batch.namespace") + ",\"stream\":" + jsonString(checkNameField(undefined, m.stream, "event_batch.stream"), 255, "event_batch.stream") + ",\"payloads\":" + jsonList(m.payloads, 65536, "event_batch.payloads", (x, i) => jsonBytes(x, "event_batch.payloads[]")) + '}';
}

function decodeCachePut(o: Json): CachePut {
  if (!validateCachePut(o)) throw wireErrorFromSchema("cache_put", validateCachePut.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "cache_put",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    cache: o.cache,
    key: o.key,
    value: decodeBase64(o.value, "cache_put.value", HEADER_SIZE, true),
    request_id: (o.request_id == null ? undefined : (o.request_id || 0)),
    ttl_ms: (o.ttl_ms == null ? null : (o.ttl_ms || 0)),
  };
}

/** JSON text of a cache_put message, exactly as upstream's encoder writes it. */

export function encodeCachePutJson(m: CachePut): string {
  return "{\"type\":\"cache_put\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "cache_put.tenant_id"), 255, "cache_put.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "cache_put.namespace"), 255, "cache_put.namespace") + ",\"cache\":" + jsonString(checkNameField(undefined, m.cache, "cache_put.cache"), 255, "cache_put.cache") + ",\"key\":" + jsonString(m.key, 1024, "cache_put.key") + ",\"value\":" + jsonBytes(m.value, "cache_put.value") + (m.request_id == null ? '' : ",\"request_id\":" + jsonU64(m.request_id, "cache_put.request_id")) + ",\"ttl_ms\":" + (m.ttl_ms == null ? 'null' : jsonU64(m.ttl_ms, "cache_put.ttl_ms")) + '}';
}

function decodeCacheGet(o: Json): CacheGet {
  if (!validateCacheGet(o)) throw wireErrorFromSchema("cache_get", validateCacheGet.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "cache_get",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    cache: o.cache,
    key: o.key,
    request_id: (o.request_id == null ? undefined : (o.request_id || 0)),
  };
}

/** JSON text of a cache_get message, exactly as upstream's encoder writes it. */

export function encodeCacheGetJson(m: CacheGet): string {
  return "{\"type\":\"cache_get\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "cache_get.tenant_id"), 255, "cache_get.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "cache_get.namespace"), 255, "cache_get.namespace") + ",\"cache\":" + jsonString(checkNameField(undefined, m.cache, "cache_get.cache"), 255, "cache_get.cache") + ",\"key\":" + jsonString(m.key, 1024, "cache_get.key") + (m.request_id == null ? '' : ",\"request_id\":" + jsonU64(m.request_id, "cache_get.request_id")) + '}';
}

function decodeCacheDelete(o: Json): CacheDelete {
  if (!validateCacheDelete(o)) throw wireErrorFromSchema("cache_delete", validateCacheDelete.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "cache_delete",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    cache: o.cache,
    key: o.key,
    request_id: (o.request_id == null ? undefined : (o.request_id || 0)),
  };
}

/** JSON text of a cache_delete message, exactly as upstream's encoder writes it. */

export function encodeCacheDeleteJson(m: CacheDelete): string {
  return "{\"type\":\"cache_delete\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "cache_delete.tenant_id"), 255, "cache_delete.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "cache_delete.namespace"), 255, "cache_delete.namespace") + ",\"cache\":" + jsonString(checkNameField(undefined, m.cache, "cache_delete.cache"), 255, "cache_delete.cache") + ",\"key\":" + jsonString(m.key, 1024, "cache_delete.key") + (m.request_id == null ? '' : ",\"request_id\":" + jsonU64(m.request_id, "cache_delete.request_id")) + '}';
}

function decodeCacheValue(o: Json): CacheValue {
  if (!validateCacheValue(o)) throw wireErrorFromSchema("cache_value", validateCacheValue.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "cache_value",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    cache: o.cache,
    key: o.key,
    value: (o.value == null ? null : decodeBase64(o.value, "cache_value.value", HEADER_SIZE, true)),
    request_id: (o.request_id == null ? undefined : (o.request_id || 0)),
  };
}

/** JSON text of a cache_value message, exactly as upstream's encoder writes it. */

export function encodeCacheValueJson(m: CacheValue): string {
  return "{\"type\":\"cache_value\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "cache_value.tenant_id"), 255, "cache_value.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "cache_value.namespace"), 255, "cache_value.namespace") + ",\"cache\":" + jsonString(checkNameField(undefined, m.cache, "cache_value.cache"), 255, "cache_value.cache") + ",\"key\":" + jsonString(m.key, 1024, "cache_value.key") + ",\"value\":" + (m.value == null ? 'null' : jsonBytes(m.value, "cache_value.value")) + (m.request_id == null ? '' : ",\"request_id\":" + jsonU64(m.request_id, "cache_value.request_id")) + '}';
}

function decodeCacheOk(o: Json): CacheOk {
  if (!validateCacheOk(o)) throw wireErrorFromSchema("cache_ok", validateCacheOk.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "cache_ok",
    request_id: (o.request_id || 0),
  };
}

/** JSON text of a cache_ok message, exactly as upstream's encoder writes it. */

export function encodeCacheOkJson(m: CacheOk): string {
  return "{\"type\":\"cache_ok\"" + ",\"request_id\":" + jsonU64(m.request_id, "cache_ok.request_id") + '}';
}

function decodePublishOk(o: Json): PublishOk {
  if (!validatePublishOk(o)) throw wireErrorFromSchema("publish_ok", validatePublishOk.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "publish_ok",
    request_id: (o.request_id || 0),
  };
}

/** JSON text of a publish_ok message, exactly as upstream's encoder writes it. */

export function encodePublishOkJson(m: PublishOk): string {
  return "{\"type\":\"publish_ok\"" + ",\"request_id\":" + jsonU64(m.request_id, "publish_ok.request_id") + '}';
}

function decodePublishError(o: Json): PublishError {
  if (!validatePublishError(o)) throw wireErrorFromSchema("publish_error", validatePublishError.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "publish_error",
    request_id: (o.request_id || 0),
    message: o.message,
    code: (o.code ?? undefined),
    retry: (o.retry ?? undefined),
  };
}

/** JSON text of a publish_error message, exactly as upstream's encoder writes it. */

export function encodePublishErrorJson(m: PublishError): string {
  return "{\"type\":\"publish_error\"" + ",\"request_id\":" + jsonU64(m.request_id, "publish_error.request_id") + ",\"message\":" + jsonString(m.message, 4096, "publish_error.message") + (m.code == null ? '' : ",\"code\":" + jsonString(m.code, 255, "publish_error.code")) + (m.retry == null ? '' : ",\"retry\":" + jsonString(m.retry, 255, "publish_error.retry")) + '}';
}

function decodeOk(o: Json): Ok {
  if (!validateOk(o)) throw wireErrorFromSchema("ok", validateOk.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "ok",

  };
}

/** JSON text of a ok message, exactly as upstream's encoder writes it. */

export function encodeOkJson(m: Ok): string {
  return "{\"type\":\"ok\"" + '}';
}

function decodeErrorMessage(o: Json): ErrorMessage {
  if (!validateErrorMessage(o)) throw wireErrorFromSchema("error", validateErrorMessage.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "error",
    message: o.message,
    code: (o.code ?? undefined),
    retry: (o.retry ?? undefined),
    request_id: (o.request_id == null ? undefined : (o.request_id || 0)),
    detail: (o.detail == null ? undefined : { field: (o.detail.field ?? undefined), offset: (o.detail.offset == null ? undefined : (o.detail.offset || 0)), retry_after_ms: (o.detail.retry_after_ms == null ? undefined : (o.detail.retry_after_ms || 0)) }),
  };
}

/** JSON text of a error message, exactly as upstream's encoder writes it. */

export function encodeErrorMessageJson(m: ErrorMessage): string {
  return "{\"type\":\"error\"" + ",\"message\":" + jsonString(m.message, 4096, "error.message") + (m.code == null ? '' : ",\"code\":" + jsonString(m.code, 255, "error.code")) + (m.retry == null ? '' : ",\"retry\":" + jsonString(m.retry, 255, "error.retry")) + (m.request_id == null ? '' : ",\"request_id\":" + jsonU64(m.request_id, "error.request_id")) + (m.detail == null ? '' : ",\"detail\":" + (jsonMembers([["field", m.detail.field == null ? undefined : jsonString(m.detail.field, 255, "error.detail.field")], ["offset", m.detail.offset == null ? undefined : jsonInt(m.detail.offset, 0xffffffff, "error.detail.offset")], ["retry_after_ms", m.detail.retry_after_ms == null ? undefined : jsonU64(m.detail.retry_after_ms, "error.detail.retry_after_ms")]]))) + '}';
}

function decodeGroupJoin(o: Json): GroupJoin {
  if (!validateGroupJoin(o)) throw wireErrorFromSchema("group_join", validateGroupJoin.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "group_join",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    stream: o.stream,
    group: o.group,
    consumer_id: (o.consumer_id == null ? undefined : (o.consumer_id || 0)),
    start: (o.start == null ? undefined : (typeof o.start === "string" ? (o.start as StartPosition) : (typeof o.start === 'object' && o.start !== null && !Array.isArray(o.start)) ? { offset: (o.start.offset || 0) } : undefined as never)),
    max_in_flight: (o.max_in_flight == null ? undefined : (o.max_in_flight || 0)),
    ack_wait_ms: (o.ack_wait_ms == null ? undefined : (o.ack_wait_ms || 0)),
    max_deliveries: (o.max_deliveries == null ? undefined : (o.max_deliveries || 0)),
    dead_letter_stream: (o.dead_letter_stream ?? undefined),
  };
}

/** JSON text of a group_join message, exactly as upstream's encoder writes it. */

export function encodeGroupJoinJson(m: GroupJoin): string {
  return "{\"type\":\"group_join\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "group_join.tenant_id"), 255, "group_join.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "group_join.namespace"), 255, "group_join.namespace") + ",\"stream\":" + jsonString(checkNameField(undefined, m.stream, "group_join.stream"), 255, "group_join.stream") + ",\"group\":" + jsonString(checkNameField(undefined, m.group, "group_join.group"), 255, "group_join.group") + (m.consumer_id == null ? '' : ",\"consumer_id\":" + jsonU64(m.consumer_id, "group_join.consumer_id")) + (m.start == null ? '' : ",\"start\":" + (typeof m.start === "string" ? jsonEnum(m.start, START_POSITION, "group_join.start") : (typeof m.start === 'object' && m.start !== null && !Array.isArray(m.start)) ? (jsonMembers([["offset", jsonU64(m.start.offset, "group_join.start.offset")]])) : badVariant("group_join.start"))) + (m.max_in_flight == null ? '' : ",\"max_in_flight\":" + jsonInt(m.max_in_flight, 0xffffffff, "group_join.max_in_flight")) + (m.ack_wait_ms == null ? '' : ",\"ack_wait_ms\":" + jsonInt(m.ack_wait_ms, 0xffffffff, "group_join.ack_wait_ms")) + (m.max_deliveries == null ? '' : ",\"max_deliveries\":" + jsonInt(m.max_deliveries, 0xffffffff, "group_join.max_deliveries")) + (m.dead_letter_stream == null ? '' : ",\"dead_letter_stream\":" + jsonString(checkNameField(undefined, m.dead_letter_stream, "group_join.dead_letter_stream"), 255, "group_join.dead_letter_stream")) + '}';
}

function decodeGroupJoined(o: Json): GroupJoined {
  if (!validateGroupJoined(o)) throw wireErrorFromSchema("group_joined", validateGroupJoined.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "group_joined",
    consumer_id: (o.consumer_id || 0),
    committed_offset: (o.committed_offset || 0),
    tail_offset: (o.tail_offset || 0),
    created: o.created,
    epoch: (o.epoch == null ? undefined : (o.epoch || 0)),
  };
}

/** JSON text of a group_joined message, exactly as upstream's encoder writes it. */

export function encodeGroupJoinedJson(m: GroupJoined): string {
  return "{\"type\":\"group_joined\"" + ",\"consumer_id\":" + jsonU64(m.consumer_id, "group_joined.consumer_id") + ",\"committed_offset\":" + jsonU64(m.committed_offset, "group_joined.committed_offset") + ",\"tail_offset\":" + jsonU64(m.tail_offset, "group_joined.tail_offset") + ",\"created\":" + jsonBool(m.created, "group_joined.created") + (m.epoch == null ? '' : ",\"epoch\":" + jsonU64(m.epoch, "group_joined.epoch")) + '}';
}

function decodeGroupAck(o: Json): GroupAck {
  if (!validateGroupAck(o)) throw wireErrorFromSchema("group_ack", validateGroupAck.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "group_ack",
    consumer_id: (o.consumer_id || 0),
    ranges: o.ranges,
    request_id: (o.request_id == null ? undefined : (o.request_id || 0)),
  };
}

/** JSON text of a group_ack message, exactly as upstream's encoder writes it. */

export function encodeGroupAckJson(m: GroupAck): string {
  return "{\"type\":\"group_ack\"" + ",\"consumer_id\":" + jsonU64(m.consumer_id, "group_ack.consumer_id") + ",\"ranges\":" + jsonList(m.ranges, 65536, "group_ack.ranges", (x, i) => jsonU64(x, "group_ack.ranges[]")) + (m.request_id == null ? '' : ",\"request_id\":" + jsonU64(m.request_id, "group_ack.request_id")) + '}';
}

function decodeGroupNack(o: Json): GroupNack {
  if (!validateGroupNack(o)) throw wireErrorFromSchema("group_nack", validateGroupNack.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "group_nack",
    consumer_id: (o.consumer_id || 0),
    ranges: o.ranges,
    delay_ms: (o.delay_ms == null ? undefined : (o.delay_ms || 0)),
    request_id: (o.request_id == null ? undefined : (o.request_id || 0)),
  };
}

/** JSON text of a group_nack message, exactly as upstream's encoder writes it. */

export function encodeGroupNackJson(m: GroupNack): string {
  return "{\"type\":\"group_nack\"" + ",\"consumer_id\":" + jsonU64(m.consumer_id, "group_nack.consumer_id") + ",\"ranges\":" + jsonList(m.ranges, 65536, "group_nack.ranges", (x, i) => jsonU64(x, "group_nack.ranges[]")) + (m.delay_ms == null ? '' : ",\"delay_ms\":" + jsonInt(m.delay_ms, 0xffffffff, "group_nack.delay_ms")) + (m.request_id == null ? '' : ",\"request_id\":" + jsonU64(m.request_id, "group_nack.request_id")) + '}';
}

function decodeGroupAcked(o: Json): GroupAcked {
  if (!validateGroupAcked(o)) throw wireErrorFromSchema("group_acked", validateGroupAcked.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "group_acked",
    request_id: (o.request_id || 0),
  };
}

/** JSON text of a group_acked message, exactly as upstream's encoder writes it. */

export function encodeGroupAckedJson(m: GroupAcked): string {
  return "{\"type\":\"group_acked\"" + ",\"request_id\":" + jsonU64(m.request_id, "group_acked.request_id") + '}';
}

function decodeGroupLeave(o: Json): GroupLeave {
  if (!validateGroupLeave(o)) throw wireErrorFromSchema("group_leave", validateGroupLeave.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "group_leave",
    consumer_id: (o.consumer_id || 0),
  };
}

/** JSON text of a group_leave message, exactly as upstream's encoder writes it. */

export function encodeGroupLeaveJson(m: GroupLeave): string {
  return "{\"type\":\"group_leave\"" + ",\"consumer_id\":" + jsonU64(m.consumer_id, "group_leave.consumer_id") + '}';
}

function decodeDeadLetter(o: Json): DeadLetter {
  if (!validateDeadLetter(o)) throw wireErrorFromSchema("dead_letter", validateDeadLetter.errors, FORMAT_PATTERN_ERRORS);
  return {
    type: "dead_letter",
    tenant_id: o.tenant_id,
    namespace: o.namespace,
    stream: o.stream,
    group: o.group,
    offset: (o.offset || 0),
    epoch: (o.epoch == null ? undefined : (o.epoch || 0)),
    delivery_count: (o.delivery_count || 0),
    reason: (o.reason as DeadLetterReason),
    payload: decodeBase64(o.payload, "dead_letter.payload", HEADER_SIZE, true),
  };
}

/** JSON text of a dead_letter message, exactly as upstream's encoder writes it. */

export function encodeDeadLetterJson(m: DeadLetter): string {
  return "{\"type\":\"dead_letter\"" + ",\"tenant_id\":" + jsonString(checkNameField(undefined, m.tenant_id, "dead_letter.tenant_id"), 255, "dead_letter.tenant_id") + ",\"namespace\":" + jsonString(checkNameField(undefined, m.namespace, "dead_letter.namespace"), 255, "dead_letter.namespace") + ",\"stream\":" + jsonString(checkNameField(undefined, m.stream, "dead_letter.stream"), 255, "dead_letter.stream") + ",\"group\":" + jsonString(checkNameField(undefined, m.group, "dead_letter.group"), 255, "dead_letter.group") + ",\"offset\":" + jsonU64(m.offset, "dead_letter.offset") + (m.epoch == null ? '' : ",\"epoch\":" + jsonU64(m.epoch, "dead_letter.epoch")) + ",\"delivery_count\":" + jsonInt(m.delivery_count, 0xffffffff, "dead_letter.delivery_count") + ",\"reason\":" + jsonEnum(m.reason, DEAD_LETTER_REASON, "dead_letter.reason") + ",\"payload\":" + jsonBytes(m.payload, "dead_letter.payload") + '}';
}

const decoders: Record<string, (o: Json) => JsonMessage> = {
  auth: decodeAuth,
  auth_ok: decodeAuthOk,
  stream_attach: decodeStreamAttach,
  publish: decodePublish,
  publish_batch: decodePublishBatch,
  subscribe: decodeSubscribe,
  subscribed: decodeSubscribed,
  subscribe_cursor_error: decodeSubscribeCursorError,
  subscription_end: decodeSubscriptionEnd,
  event_stream_hello: decodeEventStreamHello,
  event: decodeEventMessage,
  event_batch: decodeEventBatch,
  cache_put: decodeCachePut,
  cache_get: decodeCacheGet,
  cache_delete: decodeCacheDelete,
  cache_value: decodeCacheValue,
  cache_ok: decodeCacheOk,
  publish_ok: decodePublishOk,
  publish_error: decodePublishError,
  ok: decodeOk,
  error: decodeErrorMessage,
  group_join: decodeGroupJoin,
  group_joined: decodeGroupJoined,
  group_ack: decodeGroupAck,
  group_nack: decodeGroupNack,
  group_acked: decodeGroupAcked,
  group_leave: decodeGroupLeave,
  dead_letter: decodeDeadLetter,
};

/** Decodes a parsed flags-0 payload object into its message. Throws WireError. */

export function decodeJsonObject(o: unknown): JsonMessage {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    throw new WireError('invalid_json', 'frame.payload', HEADER_SIZE, 'not a JSON object');
  }
  const type = (o as Json).type;
  if (type === undefined) throw new WireError('missing_field', 'message.type', HEADER_SIZE, 'required field is missing');
  if (typeof type !== 'string') throw new WireError('wrong_type', 'message.type', HEADER_SIZE, 'must be a string');
  const decode = Object.hasOwn(decoders, type) ? decoders[type] : undefined;
  if (!decode) throw new WireError('unknown_type', 'message.type', HEADER_SIZE, `"${type.slice(0, 64)}" is no message type`);
  try {
    return decode(o as Json);
  } catch (err) {
    const id = (o as Json).request_id;
    // Only an id the spec allows (u64) can be echoed; one read exactly may be beyond it.
    const echoable = typeof id === 'bigint' ? id >= 0n && id <= 0xffffffffffffffffn : Number.isSafeInteger(id) && id >= 0;
    if (err instanceof WireError && echoable) err.requestId = id;
    throw err;
  }
}

/** JSON text of any JSON message. */

export function encodeJsonText(m: JsonMessage): string {
  switch (m.type) {
    case "auth":
      return encodeAuthJson(m);
    case "auth_ok":
      return encodeAuthOkJson(m);
    case "stream_attach":
      return encodeStreamAttachJson(m);
    case "publish":
      return encodePublishJson(m);
    case "publish_batch":
      return encodePublishBatchJson(m);
    case "subscribe":
      return encodeSubscribeJson(m);
    case "subscribed":
      return encodeSubscribedJson(m);
    case "subscribe_cursor_error":
      return encodeSubscribeCursorErrorJson(m);
    case "subscription_end":
      return encodeSubscriptionEndJson(m);
    case "event_stream_hello":
      return encodeEventStreamHelloJson(m);
    case "event":
      return encodeEventMessageJson(m);
    case "event_batch":
      return encodeEventBatchJson(m);
    case "cache_put":
      return encodeCachePutJson(m);
    case "cache_get":
      return encodeCacheGetJson(m);
    case "cache_delete":
      return encodeCacheDeleteJson(m);
    case "cache_value":
      return encodeCacheValueJson(m);
    case "cache_ok":
      return encodeCacheOkJson(m);
    case "publish_ok":
      return encodePublishOkJson(m);
    case "publish_error":
      return encodePublishErrorJson(m);
    case "ok":
      return encodeOkJson(m);
    case "error":
      return encodeErrorMessageJson(m);
    case "group_join":
      return encodeGroupJoinJson(m);
    case "group_joined":
      return encodeGroupJoinedJson(m);
    case "group_ack":
      return encodeGroupAckJson(m);
    case "group_nack":
      return encodeGroupNackJson(m);
    case "group_acked":
      return encodeGroupAckedJson(m);
    case "group_leave":
      return encodeGroupLeaveJson(m);
    case "dead_letter":
      return encodeDeadLetterJson(m);
  }
}
