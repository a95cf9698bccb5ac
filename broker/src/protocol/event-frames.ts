// The frames an event stream carries: its hello, then records as binary_shared_event_batch in
// the variant the peer negotiated. Fanout (core/topic.ts) takes the batch encoders from here, so
// the wire stays in the protocol layer while each batch is still encoded once per variant.
import { encodeFrame, HEADER_SIZE } from '@felix/generated';
import type { BatchEncoder } from '../core/topic.js';

/** Batches without their offsets: what a peer that did not negotiate EVENT_BATCH_OFFSETS gets. */
const eventBatch: BatchEncoder = (payloads) =>
  encodeFrame({ type: 'binary_shared_event_batch', base_offset: undefined, payloads });

/** Batches that carry the offset of their first record (EVENT_BATCH_OFFSETS). */
const eventBatchWithOffsets: BatchEncoder = (payloads, baseOffset) =>
  encodeFrame({ type: 'binary_shared_event_batch', base_offset: BigInt(baseOffset), payloads });

/** The batch encoder for a peer; always one of two values, so subscribers can share encodings. */
export function eventBatchEncoder(offsets: boolean): BatchEncoder {
  return offsets ? eventBatchWithOffsets : eventBatch;
}

/** `epoch` only for a peer that negotiated STREAM_EPOCHS; others get upstream's hello. */
export function eventStreamHello(subscriptionId: number, epoch?: number): Uint8Array {
  return encodeFrame({ type: 'event_stream_hello', subscription_id: subscriptionId, epoch });
}

/**
 * Payload bytes of the longest frame that carries one empty record to a reader: an event batch
 * with its offset, or a consumer group's delivery batch (which also carries a delivery count).
 * What a record costs on an event stream besides its own bytes when it is sent alone.
 */
const SINGLE_RECORD_BATCH_OVERHEAD =
  Math.max(
    eventBatchWithOffsets([new Uint8Array(0)], Number.MAX_SAFE_INTEGER).length,
    encodeFrame({
      type: 'group_delivery_batch',
      base_offset: BigInt(Number.MAX_SAFE_INTEGER),
      delivery_count: 0xffffffff,
      payloads: [new Uint8Array(0)],
    }).length,
  ) - HEADER_SIZE;

/**
 * The largest record a subscriber or group consumer can be sent under a frame limit: a record
 * that alone makes its frame over the limit could be stored but never delivered, so publishing
 * refuses it.
 */
export function largestDeliverableRecord(maxFrameBytes: number): number {
  return maxFrameBytes - SINGLE_RECORD_BATCH_OVERHEAD;
}
