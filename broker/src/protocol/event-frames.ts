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
 * Payload bytes of an event batch that carries one empty record, in its longer variant: what a
 * record costs on an event stream besides its own bytes when it is sent alone.
 */
const SINGLE_RECORD_BATCH_OVERHEAD =
  eventBatchWithOffsets([new Uint8Array(0)], Number.MAX_SAFE_INTEGER).length - HEADER_SIZE;

/**
 * The largest record a subscriber can be sent under a frame limit: a record that alone makes
 * an event frame over the limit could be stored but never delivered, so publishing refuses it.
 */
export function largestDeliverableRecord(maxFrameBytes: number): number {
  return maxFrameBytes - SINGLE_RECORD_BATCH_OVERHEAD;
}
