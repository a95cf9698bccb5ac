// generated — do not edit; edit spec/ and run `npm run generate`

import { HEADER_OFFSETS, HEADER_SIZE, BINARY_ACK_MODE, CACHE_STATUS, ACK_STATUS } from './constants.js';
import type { BinaryPublishBatch, BinaryEventBatch, BinarySharedEventBatch, BinaryPublishAck, GroupDeliveryBatch, BinaryCacheGet, BinaryCachePut, BinaryCacheDelete, BinaryCacheValue, BinaryCacheOk, BinaryMessage } from './types.js';
import { checkNameField } from './formats.js';
import { ByteReader, ByteWriter, bytesField, enumName, enumValue, intField, listSize, readList, u64Field, utf8Field, WireError, writePayloads } from '@felix/wire/codec-support';

const BINARY_ACK_MODE_NAMES = invert(BINARY_ACK_MODE);
const CACHE_STATUS_NAMES = invert(CACHE_STATUS);
const ACK_STATUS_NAMES = invert(ACK_STATUS);

function invert<T extends string>(table: Record<T, number>): Map<number, T> {
  return new Map(Object.entries(table).map(([k, v]) => [v as number, k as T]));
}

function decodeBinaryPublishBatch(flags: number, payload: Uint8Array): BinaryPublishBatch {
  const r = new ByteReader(payload);
  let request_id: bigint | undefined;
  try {
    request_id = (flags & 0x0008) !== 0 ? r.u64("binary_publish_batch.request_id") : undefined;
    const ack_mode = (flags & 0x0008) !== 0 ? enumName(BINARY_ACK_MODE_NAMES, r.u8("binary_publish_batch.ack_mode"), "binary_publish_batch.ack_mode", r.frameOffset() - 1) : undefined;
    const tenant_id = checkNameField(r.frameOffset() + 2, r.str16("binary_publish_batch.tenant_id", 255), "binary_publish_batch.tenant_id");
    const namespace = checkNameField(r.frameOffset() + 2, r.str16("binary_publish_batch.namespace", 255), "binary_publish_batch.namespace");
    const stream = checkNameField(r.frameOffset() + 2, r.str16("binary_publish_batch.stream", 255), "binary_publish_batch.stream");
    const payloads = r.payloadList("binary_publish_batch.payloads", 65536);
    r.end("binary_publish_batch");
    return { type: "binary_publish_batch", request_id: request_id as bigint, ack_mode, tenant_id, namespace, stream, payloads };
  } catch (err) {
    if (err instanceof WireError && request_id !== undefined) err.requestId = request_id;
    throw err;
  }
}

/** Encodes a whole binary_publish_batch frame; the modifier flags follow from which fields are given. */

export function encodeBinaryPublishBatch(m: BinaryPublishBatch): Uint8Array {
  let flags = 0x0001;
  let size = 0;
  if (m.request_id !== undefined || m.ack_mode !== undefined) {
    if (m.request_id === undefined) throw new WireError('missing_field', "binary_publish_batch.request_id", undefined, 'required with BINARY_PUBLISH_ACKED');
    if (m.ack_mode === undefined) throw new WireError('missing_field', "binary_publish_batch.ack_mode", undefined, 'required with BINARY_PUBLISH_ACKED');
    flags |= 0x0008;
  }
  if (m.request_id !== undefined) size += 8;
  if (m.ack_mode !== undefined) size += 1;
  const tenant_idBytes = utf8Field(checkNameField(undefined, m.tenant_id, "binary_publish_batch.tenant_id"), 255, "binary_publish_batch.tenant_id");
  size += 2 + tenant_idBytes.length;
  const namespaceBytes = utf8Field(checkNameField(undefined, m.namespace, "binary_publish_batch.namespace"), 255, "binary_publish_batch.namespace");
  size += 2 + namespaceBytes.length;
  const streamBytes = utf8Field(checkNameField(undefined, m.stream, "binary_publish_batch.stream"), 255, "binary_publish_batch.stream");
  size += 2 + streamBytes.length;
  size += 4 + listSize(m.payloads, 65536, "binary_publish_batch.payloads");
  const w = new ByteWriter(HEADER_SIZE + size);
  w.header(flags, size);
  if (m.request_id !== undefined) w.u64(u64Field(m.request_id, "binary_publish_batch.request_id"));
  if (m.ack_mode !== undefined) w.u8(enumValue(BINARY_ACK_MODE, m.ack_mode, "binary_publish_batch.ack_mode"));
  w.u16(tenant_idBytes.length);
  w.raw(tenant_idBytes);
  w.u16(namespaceBytes.length);
  w.raw(namespaceBytes);
  w.u16(streamBytes.length);
  w.raw(streamBytes);
  w.u32(m.payloads.length);
  for (const item of m.payloads) {
    w.u32(item.length);
    w.raw(item);
  }
  return w.bytes;
}

function decodeBinaryEventBatch(flags: number, payload: Uint8Array): BinaryEventBatch {
  const r = new ByteReader(payload);
  const subscription_id = r.u64("binary_event_batch.subscription_id");
  const base_offset = (flags & 0x0020) !== 0 ? r.u64("binary_event_batch.base_offset") : undefined;
  const payloads = r.payloadList("binary_event_batch.payloads", 65536);
  r.end("binary_event_batch");
  return { type: "binary_event_batch", subscription_id, base_offset, payloads };
}

/** Encodes a whole binary_event_batch frame; the modifier flags follow from which fields are given. */

export function encodeBinaryEventBatch(m: BinaryEventBatch): Uint8Array {
  let flags = 0x0002;
  let size = 0;
  if (m.base_offset !== undefined) {
    flags |= 0x0020;
  }
  size += 8;
  if (m.base_offset !== undefined) size += 8;
  size += 4 + listSize(m.payloads, 65536, "binary_event_batch.payloads");
  const w = new ByteWriter(HEADER_SIZE + size);
  w.header(flags, size);
  w.u64(u64Field(m.subscription_id, "binary_event_batch.subscription_id"));
  if (m.base_offset !== undefined) w.u64(u64Field(m.base_offset, "binary_event_batch.base_offset"));
  w.u32(m.payloads.length);
  for (const item of m.payloads) {
    w.u32(item.length);
    w.raw(item);
  }
  return w.bytes;
}

function decodeBinarySharedEventBatch(flags: number, payload: Uint8Array): BinarySharedEventBatch {
  const r = new ByteReader(payload);
  const base_offset = (flags & 0x0020) !== 0 ? r.u64("binary_shared_event_batch.base_offset") : undefined;
  const payloads = r.payloadList("binary_shared_event_batch.payloads", 65536);
  r.end("binary_shared_event_batch");
  return { type: "binary_shared_event_batch", base_offset, payloads };
}

/** Encodes a whole binary_shared_event_batch frame; the modifier flags follow from which fields are given. */

export function encodeBinarySharedEventBatch(m: BinarySharedEventBatch): Uint8Array {
  let flags = 0x0004;
  let size = 0;
  if (m.base_offset !== undefined) {
    flags |= 0x0020;
  }
  if (m.base_offset !== undefined) size += 8;
  size += 4 + listSize(m.payloads, 65536, "binary_shared_event_batch.payloads");
  const w = new ByteWriter(HEADER_SIZE + size);
  w.header(flags, size);
  if (m.base_offset !== undefined) w.u64(u64Field(m.base_offset, "binary_shared_event_batch.base_offset"));
  w.u32(m.payloads.length);
  for (const item of m.payloads) {
    w.u32(item.length);
    w.raw(item);
  }
  return w.bytes;
}

function decodeBinaryPublishAck(flags: number, payload: Uint8Array): BinaryPublishAck {
  const r = new ByteReader(payload);
  let request_id: bigint | undefined;
  try {
    const status = enumName(ACK_STATUS_NAMES, r.u8("binary_publish_ack.status"), "binary_publish_ack.status", r.frameOffset() - 1);
    request_id = r.u64("binary_publish_ack.request_id");
    const message = r.str16("binary_publish_ack.message", 4096);
    r.end("binary_publish_ack");
    return { type: "binary_publish_ack", status, request_id: request_id as bigint, message };
  } catch (err) {
    if (err instanceof WireError && request_id !== undefined) err.requestId = request_id;
    throw err;
  }
}

/** Encodes a whole binary_publish_ack frame; the modifier flags follow from which fields are given. */

export function encodeBinaryPublishAck(m: BinaryPublishAck): Uint8Array {
  let flags = 0x0010;
  let size = 0;
  size += 1;
  size += 8;
  const messageBytes = utf8Field(m.message, 4096, "binary_publish_ack.message");
  size += 2 + messageBytes.length;
  const w = new ByteWriter(HEADER_SIZE + size);
  w.header(flags, size);
  w.u8(enumValue(ACK_STATUS, m.status, "binary_publish_ack.status"));
  w.u64(u64Field(m.request_id, "binary_publish_ack.request_id"));
  w.u16(messageBytes.length);
  w.raw(messageBytes);
  return w.bytes;
}

function decodeGroupDeliveryBatch(flags: number, payload: Uint8Array): GroupDeliveryBatch {
  const r = new ByteReader(payload);
  const base_offset = r.u64("group_delivery_batch.base_offset");
  const delivery_count = r.u32("group_delivery_batch.delivery_count");
  const payloads = r.payloadList("group_delivery_batch.payloads", 65536);
  r.end("group_delivery_batch");
  return { type: "group_delivery_batch", base_offset, delivery_count, payloads };
}

/** Encodes a whole group_delivery_batch frame; the modifier flags follow from which fields are given. */

export function encodeGroupDeliveryBatch(m: GroupDeliveryBatch): Uint8Array {
  let flags = 0x4000;
  let size = 0;
  size += 8;
  size += 4;
  size += 4 + listSize(m.payloads, 65536, "group_delivery_batch.payloads");
  const w = new ByteWriter(HEADER_SIZE + size);
  w.header(flags, size);
  w.u64(u64Field(m.base_offset, "group_delivery_batch.base_offset"));
  w.u32(intField(m.delivery_count, 0xffffffff, "group_delivery_batch.delivery_count"));
  w.u32(m.payloads.length);
  for (const item of m.payloads) {
    w.u32(item.length);
    w.raw(item);
  }
  return w.bytes;
}

function decodeBinaryCacheGet(flags: number, payload: Uint8Array): BinaryCacheGet {
  const r = new ByteReader(payload);
  let request_id: bigint | undefined;
  try {
    request_id = r.u64("binary_cache_get.request_id");
    const tenant_id = checkNameField(r.frameOffset() + 2, r.str16("binary_cache_get.tenant_id", 255), "binary_cache_get.tenant_id");
    const namespace = checkNameField(r.frameOffset() + 2, r.str16("binary_cache_get.namespace", 255), "binary_cache_get.namespace");
    const cache = checkNameField(r.frameOffset() + 2, r.str16("binary_cache_get.cache", 255), "binary_cache_get.cache");
    const key = r.str16("binary_cache_get.key", 1024);
    r.end("binary_cache_get");
    return { type: "binary_cache_get", request_id: request_id as bigint, tenant_id, namespace, cache, key };
  } catch (err) {
    if (err instanceof WireError && request_id !== undefined) err.requestId = request_id;
    throw err;
  }
}

/** Encodes a whole binary_cache_get frame; the modifier flags follow from which fields are given. */

export function encodeBinaryCacheGet(m: BinaryCacheGet): Uint8Array {
  let flags = 0x2000;
  let size = 0;
  size += 8;
  const tenant_idBytes = utf8Field(checkNameField(undefined, m.tenant_id, "binary_cache_get.tenant_id"), 255, "binary_cache_get.tenant_id");
  size += 2 + tenant_idBytes.length;
  const namespaceBytes = utf8Field(checkNameField(undefined, m.namespace, "binary_cache_get.namespace"), 255, "binary_cache_get.namespace");
  size += 2 + namespaceBytes.length;
  const cacheBytes = utf8Field(checkNameField(undefined, m.cache, "binary_cache_get.cache"), 255, "binary_cache_get.cache");
  size += 2 + cacheBytes.length;
  const keyBytes = utf8Field(m.key, 1024, "binary_cache_get.key");
  size += 2 + keyBytes.length;
  const w = new ByteWriter(HEADER_SIZE + size);
  w.header(flags, size);
  w.u64(u64Field(m.request_id, "binary_cache_get.request_id"));
  w.u16(tenant_idBytes.length);
  w.raw(tenant_idBytes);
  w.u16(namespaceBytes.length);
  w.raw(namespaceBytes);
  w.u16(cacheBytes.length);
  w.raw(cacheBytes);
  w.u16(keyBytes.length);
  w.raw(keyBytes);
  return w.bytes;
}

function decodeBinaryCachePut(flags: number, payload: Uint8Array): BinaryCachePut {
  const r = new ByteReader(payload);
  let request_id: bigint | undefined;
  try {
    request_id = r.u64("binary_cache_put.request_id");
    const tenant_id = checkNameField(r.frameOffset() + 2, r.str16("binary_cache_put.tenant_id", 255), "binary_cache_put.tenant_id");
    const namespace = checkNameField(r.frameOffset() + 2, r.str16("binary_cache_put.namespace", 255), "binary_cache_put.namespace");
    const cache = checkNameField(r.frameOffset() + 2, r.str16("binary_cache_put.cache", 255), "binary_cache_put.cache");
    const key = r.str16("binary_cache_put.key", 1024);
    const ttl_ms = r.u64("binary_cache_put.ttl_ms");
    const value = r.bytes32("binary_cache_put.value");
    r.end("binary_cache_put");
    return { type: "binary_cache_put", request_id: request_id as bigint, tenant_id, namespace, cache, key, ttl_ms, value };
  } catch (err) {
    if (err instanceof WireError && request_id !== undefined) err.requestId = request_id;
    throw err;
  }
}

/** Encodes a whole binary_cache_put frame; the modifier flags follow from which fields are given. */

export function encodeBinaryCachePut(m: BinaryCachePut): Uint8Array {
  let flags = 0x1000;
  let size = 0;
  size += 8;
  const tenant_idBytes = utf8Field(checkNameField(undefined, m.tenant_id, "binary_cache_put.tenant_id"), 255, "binary_cache_put.tenant_id");
  size += 2 + tenant_idBytes.length;
  const namespaceBytes = utf8Field(checkNameField(undefined, m.namespace, "binary_cache_put.namespace"), 255, "binary_cache_put.namespace");
  size += 2 + namespaceBytes.length;
  const cacheBytes = utf8Field(checkNameField(undefined, m.cache, "binary_cache_put.cache"), 255, "binary_cache_put.cache");
  size += 2 + cacheBytes.length;
  const keyBytes = utf8Field(m.key, 1024, "binary_cache_put.key");
  size += 2 + keyBytes.length;
  size += 8;
  size += 4 + bytesField(m.value, "binary_cache_put.value").length;
  const w = new ByteWriter(HEADER_SIZE + size);
  w.header(flags, size);
  w.u64(u64Field(m.request_id, "binary_cache_put.request_id"));
  w.u16(tenant_idBytes.length);
  w.raw(tenant_idBytes);
  w.u16(namespaceBytes.length);
  w.raw(namespaceBytes);
  w.u16(cacheBytes.length);
  w.raw(cacheBytes);
  w.u16(keyBytes.length);
  w.raw(keyBytes);
  w.u64(u64Field(m.ttl_ms, "binary_cache_put.ttl_ms"));
  w.u32(m.value.length);
  w.raw(m.value);
  return w.bytes;
}

/** The first bytes of a binary_cache_put frame, up to and including the length of value: the frame is these followed by the valueLength bytes of value, which the caller writes from its own buffer. */

export function encodeBinaryCachePutHead(m: Omit<BinaryCachePut, "value">, valueLength: number): Uint8Array {
  intField(valueLength, 0xffffffff, "binary_cache_put.value");
  let flags = 0x1000;
  let size = 0;
  size += 8;
  const tenant_idBytes = utf8Field(checkNameField(undefined, m.tenant_id, "binary_cache_put.tenant_id"), 255, "binary_cache_put.tenant_id");
  size += 2 + tenant_idBytes.length;
  const namespaceBytes = utf8Field(checkNameField(undefined, m.namespace, "binary_cache_put.namespace"), 255, "binary_cache_put.namespace");
  size += 2 + namespaceBytes.length;
  const cacheBytes = utf8Field(checkNameField(undefined, m.cache, "binary_cache_put.cache"), 255, "binary_cache_put.cache");
  size += 2 + cacheBytes.length;
  const keyBytes = utf8Field(m.key, 1024, "binary_cache_put.key");
  size += 2 + keyBytes.length;
  size += 8;
  const w = new ByteWriter(HEADER_SIZE + size + 4);
  w.header(flags, size + 4 + valueLength);
  w.u64(u64Field(m.request_id, "binary_cache_put.request_id"));
  w.u16(tenant_idBytes.length);
  w.raw(tenant_idBytes);
  w.u16(namespaceBytes.length);
  w.raw(namespaceBytes);
  w.u16(cacheBytes.length);
  w.raw(cacheBytes);
  w.u16(keyBytes.length);
  w.raw(keyBytes);
  w.u64(u64Field(m.ttl_ms, "binary_cache_put.ttl_ms"));
  w.u32(valueLength);
  return w.bytes;
}

function decodeBinaryCacheDelete(flags: number, payload: Uint8Array): BinaryCacheDelete {
  const r = new ByteReader(payload);
  let request_id: bigint | undefined;
  try {
    request_id = r.u64("binary_cache_delete.request_id");
    const tenant_id = checkNameField(r.frameOffset() + 2, r.str16("binary_cache_delete.tenant_id", 255), "binary_cache_delete.tenant_id");
    const namespace = checkNameField(r.frameOffset() + 2, r.str16("binary_cache_delete.namespace", 255), "binary_cache_delete.namespace");
    const cache = checkNameField(r.frameOffset() + 2, r.str16("binary_cache_delete.cache", 255), "binary_cache_delete.cache");
    const key = r.str16("binary_cache_delete.key", 1024);
    r.end("binary_cache_delete");
    return { type: "binary_cache_delete", request_id: request_id as bigint, tenant_id, namespace, cache, key };
  } catch (err) {
    if (err instanceof WireError && request_id !== undefined) err.requestId = request_id;
    throw err;
  }
}

/** Encodes a whole binary_cache_delete frame; the modifier flags follow from which fields are given. */

export function encodeBinaryCacheDelete(m: BinaryCacheDelete): Uint8Array {
  let flags = 0x0800;
  let size = 0;
  size += 8;
  const tenant_idBytes = utf8Field(checkNameField(undefined, m.tenant_id, "binary_cache_delete.tenant_id"), 255, "binary_cache_delete.tenant_id");
  size += 2 + tenant_idBytes.length;
  const namespaceBytes = utf8Field(checkNameField(undefined, m.namespace, "binary_cache_delete.namespace"), 255, "binary_cache_delete.namespace");
  size += 2 + namespaceBytes.length;
  const cacheBytes = utf8Field(checkNameField(undefined, m.cache, "binary_cache_delete.cache"), 255, "binary_cache_delete.cache");
  size += 2 + cacheBytes.length;
  const keyBytes = utf8Field(m.key, 1024, "binary_cache_delete.key");
  size += 2 + keyBytes.length;
  const w = new ByteWriter(HEADER_SIZE + size);
  w.header(flags, size);
  w.u64(u64Field(m.request_id, "binary_cache_delete.request_id"));
  w.u16(tenant_idBytes.length);
  w.raw(tenant_idBytes);
  w.u16(namespaceBytes.length);
  w.raw(namespaceBytes);
  w.u16(cacheBytes.length);
  w.raw(cacheBytes);
  w.u16(keyBytes.length);
  w.raw(keyBytes);
  return w.bytes;
}

function decodeBinaryCacheValue(flags: number, payload: Uint8Array): BinaryCacheValue {
  const r = new ByteReader(payload);
  let request_id: bigint | undefined;
  try {
    request_id = r.u64("binary_cache_value.request_id");
    const status = enumName(CACHE_STATUS_NAMES, r.u8("binary_cache_value.status"), "binary_cache_value.status", r.frameOffset() - 1);
    const value = r.bytes32("binary_cache_value.value");
    r.end("binary_cache_value");
    return { type: "binary_cache_value", request_id: request_id as bigint, status, value };
  } catch (err) {
    if (err instanceof WireError && request_id !== undefined) err.requestId = request_id;
    throw err;
  }
}

/** Encodes a whole binary_cache_value frame; the modifier flags follow from which fields are given. */

export function encodeBinaryCacheValue(m: BinaryCacheValue): Uint8Array {
  let flags = 0x0400;
  let size = 0;
  size += 8;
  size += 1;
  size += 4 + bytesField(m.value, "binary_cache_value.value").length;
  const w = new ByteWriter(HEADER_SIZE + size);
  w.header(flags, size);
  w.u64(u64Field(m.request_id, "binary_cache_value.request_id"));
  w.u8(enumValue(CACHE_STATUS, m.status, "binary_cache_value.status"));
  w.u32(m.value.length);
  w.raw(m.value);
  return w.bytes;
}

/** The first bytes of a binary_cache_value frame, up to and including the length of value: the frame is these followed by the valueLength bytes of value, which the caller writes from its own buffer. */

export function encodeBinaryCacheValueHead(m: Omit<BinaryCacheValue, "value">, valueLength: number): Uint8Array {
  intField(valueLength, 0xffffffff, "binary_cache_value.value");
  let flags = 0x0400;
  let size = 0;
  size += 8;
  size += 1;
  const w = new ByteWriter(HEADER_SIZE + size + 4);
  w.header(flags, size + 4 + valueLength);
  w.u64(u64Field(m.request_id, "binary_cache_value.request_id"));
  w.u8(enumValue(CACHE_STATUS, m.status, "binary_cache_value.status"));
  w.u32(valueLength);
  return w.bytes;
}

function decodeBinaryCacheOk(flags: number, payload: Uint8Array): BinaryCacheOk {
  const r = new ByteReader(payload);
  let request_id: bigint | undefined;
  try {
    request_id = r.u64("binary_cache_ok.request_id");
    r.end("binary_cache_ok");
    return { type: "binary_cache_ok", request_id: request_id as bigint };
  } catch (err) {
    if (err instanceof WireError && request_id !== undefined) err.requestId = request_id;
    throw err;
  }
}

/** Encodes a whole binary_cache_ok frame; the modifier flags follow from which fields are given. */

export function encodeBinaryCacheOk(m: BinaryCacheOk): Uint8Array {
  let flags = 0x0200;
  let size = 0;
  size += 8;
  const w = new ByteWriter(HEADER_SIZE + size);
  w.header(flags, size);
  w.u64(u64Field(m.request_id, "binary_cache_ok.request_id"));
  return w.bytes;
}

/** Decodes a binary payload whose flags the header check already accepted. */

export function decodeBinaryPayload(flags: number, payload: Uint8Array): BinaryMessage {
  switch (flags) {
    case 0x0001:
    case 0x0009:
      return decodeBinaryPublishBatch(flags, payload);
    case 0x0002:
    case 0x0022:
      return decodeBinaryEventBatch(flags, payload);
    case 0x0004:
    case 0x0024:
      return decodeBinarySharedEventBatch(flags, payload);
    case 0x0010:
      return decodeBinaryPublishAck(flags, payload);
    case 0x4000:
      return decodeGroupDeliveryBatch(flags, payload);
    case 0x2000:
      return decodeBinaryCacheGet(flags, payload);
    case 0x1000:
      return decodeBinaryCachePut(flags, payload);
    case 0x0800:
      return decodeBinaryCacheDelete(flags, payload);
    case 0x0400:
      return decodeBinaryCacheValue(flags, payload);
    case 0x0200:
      return decodeBinaryCacheOk(flags, payload);
    default:
      throw new WireError('invalid_flags', 'frame.flags', HEADER_OFFSETS.flags, `0x${flags.toString(16)} selects no layout`);
  }
}

/** The `type` of every binary layout. */

export const BINARY_TYPES: ReadonlySet<string> = new Set(["binary_publish_batch", "binary_event_batch", "binary_shared_event_batch", "binary_publish_ack", "group_delivery_batch", "binary_cache_get", "binary_cache_put", "binary_cache_delete", "binary_cache_value", "binary_cache_ok"]);

/** Encodes any binary message as a whole frame. */

export function encodeBinaryFrame(m: BinaryMessage): Uint8Array {
  switch (m.type) {
    case "binary_publish_batch":
      return encodeBinaryPublishBatch(m);
    case "binary_event_batch":
      return encodeBinaryEventBatch(m);
    case "binary_shared_event_batch":
      return encodeBinarySharedEventBatch(m);
    case "binary_publish_ack":
      return encodeBinaryPublishAck(m);
    case "group_delivery_batch":
      return encodeGroupDeliveryBatch(m);
    case "binary_cache_get":
      return encodeBinaryCacheGet(m);
    case "binary_cache_put":
      return encodeBinaryCachePut(m);
    case "binary_cache_delete":
      return encodeBinaryCacheDelete(m);
    case "binary_cache_value":
      return encodeBinaryCacheValue(m);
    case "binary_cache_ok":
      return encodeBinaryCacheOk(m);
  }
}
