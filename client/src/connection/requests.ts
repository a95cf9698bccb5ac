// What each request puts on the wire and how its answer settles it: publishes (acknowledged or
// not), subscribes, cache requests and consumer groups' joins, acks and leaves.
import {
  type CacheDelete,
  type CacheGet,
  type CacheOk,
  type CachePut,
  type CacheValue,
  type SubscribeCursorError as CursorErrorMessage,
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
export type CacheAnswer = CacheValue | CacheOk | { type: 'ok' };

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
export function checkFrameSize(frame: Uint8Array, maxFrameBytes: number, context: string): void {
  if (!frameTooLarge(frame, maxFrameBytes)) return;
  throw new FelixError(`${context}: a ${frame.length}-byte frame exceeds ${maxFrameBytes} bytes`, {
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

export function cacheFrame(request: CacheRequest, id: number): Uint8Array {
  return encodeFrame({ ...request, request_id: id } as CachePut | CacheGet | CacheDelete);
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
  if (m.type === 'cache_value' || m.type === 'cache_ok' || m.type === 'ok') done.resolve(m as CacheAnswer);
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
