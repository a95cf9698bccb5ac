// What each request puts on the wire and how its answer settles it: publishes (acknowledged or
// not), subscribes, cache requests and consumer groups' joins, acks and leaves.
import {
  type BinaryCacheDelete,
  type BinaryCacheGet,
  type BinaryCachePut,
  type CacheDelete,
  type CacheGet,
  type CachePut,
  type SubscribeCursorError as CursorErrorMessage,
  encodeBinaryCachePutHead,
  encodeFrame,
  type GroupJoined,
  HEADER_SIZE,
  type Subscribe,
  type Subscribed,
  type WireMessage,
} from '@felix/generated';
import { FelixError, fromBinaryAck, fromErrorMessage, unexpectedMessage } from '../errors.js';
import type { Deferred } from '../util.js';

export type CacheRequest =
  | Omit<CachePut, 'request_id'>
  | Omit<CacheGet, 'request_id'>
  | Omit<CacheDelete, 'request_id'>;
/** What a cache request resolves with: the value a get or delete found, null for none and for a put. */
export type CacheAnswer = Uint8Array | null;

/** A binary put's ttl_ms that keeps the entry until evicted, as JSON's null does. */
const NO_TTL = 2n ** 64n - 1n;

/** A value this much smaller than the buffer it is a view of is copied, so it does not keep the buffer alive. */
const VIEW_KEEP_RATIO = 2;

/** The stream a publish or subscribe names. */
export interface StreamAddress {
  tenant_id: string;
  namespace: string;
  stream: string;
}

export function frameTooLarge(frame: Uint8Array, maxFrameBytes: number): boolean {
  return frame.length - HEADER_SIZE > maxFrameBytes;
}

/**
 * A frame past the broker's limit would cost the whole stream (the broker refuses it by its
 * header and closes the stream), so it never leaves. The broker's limit is taken to be ours.
 */
export function checkFrameSize(frame: Uint8Array | Uint8Array[], maxFrameBytes: number, context: string): void {
  const length = Array.isArray(frame) ? frame.reduce((n, part) => n + part.length, 0) : frame.length;
  if (length - HEADER_SIZE <= maxFrameBytes) return;
  throw new FelixError(`${context}: a ${length}-byte frame exceeds ${maxFrameBytes} bytes`, {
    code: 'limit_exceeded',
    retry: 'fatal',
  });
}

/**
 * One batch that wants an acknowledgement: a binary acked batch when the broker negotiated
 * binary acks, else JSON publish_batch with a request_id (`json` forces the JSON form, whose
 * refusals carry a typed code).
 */
export function ackedPublishFrame(
  address: StreamAddress,
  payloads: readonly Uint8Array[],
  id: number,
  json: boolean,
  binaryAcks: boolean,
  maxFrameBytes: number,
): { frame: Uint8Array; binary: boolean } {
  const binaryFrame = () =>
    encodeFrame({ type: 'binary_publish_batch', request_id: BigInt(id), ack_mode: 'per_batch', ...address, payloads });
  let binary = !json && binaryAcks;
  let frame = binary
    ? binaryFrame()
    : encodeFrame({
        type: 'publish_batch',
        ...address,
        payloads: payloads as Uint8Array[],
        request_id: id,
        ack: 'per_batch',
      });
  if (!binary && binaryAcks && frameTooLarge(frame, maxFrameBytes)) {
    // Base64 makes JSON a third larger; a batch that fits in binary goes in binary.
    binary = true;
    frame = binaryFrame();
  }
  return { frame, binary };
}

/** One batch that nobody acknowledges, binary where the broker negotiated it. */
export function unackedPublishFrame(
  address: StreamAddress,
  payloads: readonly Uint8Array[],
  binary: boolean,
): Uint8Array {
  return binary
    ? encodeFrame({ type: 'binary_publish_batch', ...address, payloads })
    : encodeFrame({ type: 'publish_batch', ...address, payloads: payloads as Uint8Array[], ack: 'none' });
}

/** The epoch a start offset was read in, and what the broker does if it is no longer the stream's. */
export type EpochCheck = Pick<Subscribe, 'epoch' | 'on_epoch_mismatch'>;

/** `check` only to a broker that negotiated STREAM_EPOCHS: without it the frame is upstream's. */
export function subscribeFrame(address: StreamAddress, start: Subscribe['start'], check?: EpochCheck): Uint8Array {
  return encodeFrame({ type: 'subscribe', ...address, start, ...check });
}

/**
 * The frame of a cache request: JSON, or with `binary` (the broker negotiated BINARY_CACHE) its
 * binary layout, as chunks to write in order: a put's value is sent from the caller's bytes.
 */
export function cacheFrame(request: CacheRequest, id: number, binary: boolean): Uint8Array[] {
  if (!binary) return [encodeFrame({ ...request, request_id: id } as CachePut | CacheGet | CacheDelete)];
  const request_id = BigInt(id);
  const { tenant_id, namespace, cache, key } = request;
  switch (request.type) {
    case 'cache_get':
      return [
        encodeFrame({
          type: 'binary_cache_get',
          request_id,
          tenant_id,
          namespace,
          cache,
          key,
        } satisfies BinaryCacheGet),
      ];
    case 'cache_delete':
      return [
        encodeFrame({
          type: 'binary_cache_delete',
          request_id,
          tenant_id,
          namespace,
          cache,
          key,
        } satisfies BinaryCacheDelete),
      ];
    case 'cache_put': {
      const ttl_ms = request.ttl_ms === null ? NO_TTL : BigInt(request.ttl_ms);
      const head: Omit<BinaryCachePut, 'value'> = {
        type: 'binary_cache_put',
        request_id,
        tenant_id,
        namespace,
        cache,
        key,
        ttl_ms,
      };
      const { value } = request;
      return value.length > 0
        ? [encodeBinaryCachePutHead(head, value.length), value]
        : [encodeBinaryCachePutHead(head, 0)];
    }
  }
}

/**
 * A value decoded as a view of a read chunk (often a Buffer), as a plain Uint8Array like the JSON
 * path's: copied when it is a small part of that chunk, else a view of the same bytes.
 */
function ownValue(value: Uint8Array): Uint8Array {
  if (value.byteLength * VIEW_KEEP_RATIO < value.buffer.byteLength) return new Uint8Array(value);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

export function settlePublish(done: Deferred<void>, m: WireMessage, id: number, context: string): void {
  if (m.type === 'binary_publish_ack') {
    if (m.status === 'ok') done.resolve();
    else done.reject(fromBinaryAck(m.message, id, context));
  } else if (m.type === 'publish_ok' || m.type === 'ok') done.resolve();
  else if (m.type === 'publish_error' || m.type === 'error') done.reject(fromErrorMessage(m, context));
  else done.reject(unexpectedMessage(context, m.type));
}

/** A subscribe resolves with subscribed or subscribe_cursor_error and rejects on error. */
export function settleSubscribe(
  done: Deferred<Subscribed | CursorErrorMessage>,
  m: WireMessage,
  context: string,
): void {
  if (m.type === 'subscribed' || m.type === 'subscribe_cursor_error') done.resolve(m);
  else if (m.type === 'error') done.reject(fromErrorMessage(m, context));
  else done.reject(unexpectedMessage(context, m.type));
}

export function settleCache(done: Deferred<CacheAnswer>, m: WireMessage, context: string): void {
  if (m.type === 'cache_value') done.resolve(m.value);
  else if (m.type === 'binary_cache_value') done.resolve(m.status === 'found' ? ownValue(m.value) : null);
  else if (m.type === 'cache_ok' || m.type === 'binary_cache_ok' || m.type === 'ok') done.resolve(null);
  else if (m.type === 'error') done.reject(fromErrorMessage(m, context));
  else done.reject(unexpectedMessage(context, m.type));
}

/** A group_join resolves with group_joined or subscribe_cursor_error and rejects on error. */
export function settleGroupJoin(
  done: Deferred<GroupJoined | CursorErrorMessage>,
  m: WireMessage,
  context: string,
): void {
  if (m.type === 'group_joined' || m.type === 'subscribe_cursor_error') done.resolve(m);
  else if (m.type === 'error') done.reject(fromErrorMessage(m, context));
  else done.reject(unexpectedMessage(context, m.type));
}

/** A group_ack or group_nack resolves on its group_acked, a group_leave on ok. */
export function settleGroupRequest(done: Deferred<void>, m: WireMessage, context: string): void {
  if (m.type === 'group_acked' || m.type === 'ok') done.resolve();
  else if (m.type === 'error') done.reject(fromErrorMessage(m, context));
  else done.reject(unexpectedMessage(context, m.type));
}
