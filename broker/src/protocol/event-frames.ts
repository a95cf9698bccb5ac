// The frames an event stream carries: its hello, then records as binary_shared_event_batch in
// the variant the peer negotiated. Fanout (core/topic.ts) takes the batch encoders from here, so
// the wire stays in the protocol layer while each batch is still encoded once per variant.
import { encodeFrame } from '@felix/generated';
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
