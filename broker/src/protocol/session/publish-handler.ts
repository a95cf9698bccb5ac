// Publishes on a request stream: JSON publish/publish_batch and binary_publish_batch, each
// appended to its topic and acknowledged the way its form and the peer's flags ask. A publish to
// a durable stream is appended to its log first and acknowledged only once the log's fsync mode
// says it is stored (a failed append is answered storage_unavailable and never acknowledged);
// answers leave in the order the publishes came (publish-acks.ts).
import {
  type BinaryPublishBatch,
  ERROR_CODES,
  encodeFrame,
  FEATURES,
  FLAGS,
  type Payloads,
  type Publish,
  type PublishBatch,
} from '@felix/generated';
import type { Topic } from '../../core/topic.js';
import type { DurableStream } from '../../durable/durable-stream.js';
import { largestDeliverableRecord } from '../event-frames.js';
import { errorFrame } from '../replies.js';
import type { SessionContext } from './context.js';
import type { Answer, PublishAcks } from './publish-acks.js';
import { chargePublish, payloadBytes } from './publish-budget.js';
import { asRequestError, countRefusal, durableRefusal, isRefusal, RequestError } from './refusals.js';

/** The topic a publish goes to, once the session may publish there. Throws a refusal. */
function publishTarget(ctx: SessionContext, m: Publish | PublishBatch | BinaryPublishBatch): Topic {
  ctx.authorize(
    'stream.publish',
    { kind: 'stream', tenant: m.tenant_id, namespace: m.namespace, name: m.stream },
    m.request_id,
  );
  if (ctx.state.draining) throw new RequestError('draining', 'the broker is draining', m.request_id);
  return ctx.state.topic(m.tenant_id, m.namespace, m.stream);
}

/** Refuses a record no subscriber could be sent (see largestDeliverableRecord). */
function checkDeliverable(ctx: SessionContext, payloads: Payloads, requestId: number | bigint | undefined): void {
  const largest = largestDeliverableRecord(ctx.state.config.maxFrameBytes);
  // Nearly every publish is far below the limit in total, which needs no look at each record.
  if (payloadBytes(payloads) <= largest) return;
  let i = 0;
  for (const payload of payloads) {
    if (payload.length > largest)
      throw new RequestError(
        'limit_exceeded',
        `payload ${i} is ${payload.length} bytes; the largest record an event frame carries under the frame limit ${ctx.state.config.maxFrameBytes} (maxFrameBytes) is ${largest}`,
        requestId,
      );
    i++;
  }
}

/** What a publish is answered with when it was stored, the way its form and the peer ask. */
function jsonOk(m: Publish | PublishBatch): Answer {
  if (m.ack === 'none') return undefined;
  if (m.request_id !== undefined)
    return { frame: encodeFrame({ type: 'publish_ok', request_id: m.request_id }), type: 'publish_ok' };
  return { frame: encodeFrame({ type: 'ok' }), type: 'ok' };
}

/** A refused JSON publish: publish_error when it carries a request_id, else an error frame. */
function jsonRefusal(ctx: SessionContext, m: Publish | PublishBatch, err: RequestError): Answer {
  if (m.request_id === undefined) return { frame: errorFrame(ctx, err.code, err.message), type: 'error' };
  const typed = ctx.features & FEATURES.ERROR_CODES;
  return {
    frame: encodeFrame({
      type: 'publish_error',
      request_id: m.request_id,
      message: err.message,
      code: typed ? err.code : undefined,
      retry: typed ? ERROR_CODES[err.code].retry : undefined,
    }),
    type: 'publish_error',
  };
}

/**
 * Appends to a durable stream's log; resolves once its fsync mode's guarantee holds and fanout
 * has the records, or rejects with the refusal a failed append is answered with.
 */
async function appendDurably(ctx: SessionContext, durable: DurableStream, payloads: Payloads): Promise<void> {
  try {
    await durable.append(payloads);
  } catch (err) {
    throw durableRefusal(ctx, err);
  }
  ctx.state.metrics.publishes.inc(payloads.length);
}

/** Publishes `m`, its answer queued on `acks`: those of the stream it came on. */
export function publishJson(ctx: SessionContext, acks: PublishAcks, m: Publish | PublishBatch): void {
  const payloads = m.type === 'publish' ? [m.payload] : m.payloads;
  let topic: Topic;
  try {
    topic = publishTarget(ctx, m);
    checkDeliverable(ctx, payloads, m.request_id);
    chargePublish(ctx, m.tenant_id, payloads, m.request_id);
  } catch (err) {
    // A refused publish that carries a request_id is answered with publish_error.
    if (m.request_id === undefined || !isRefusal(err)) throw err;
    countRefusal(ctx, err);
    acks.now(jsonRefusal(ctx, m, asRequestError(err, m.request_id)));
    return;
  }
  const durable = ctx.state.durableOf(topic);
  if (durable) {
    const answer = appendDurably(ctx, durable, payloads).then(
      () => jsonOk(m),
      (err: RequestError) => (m.ack === 'none' ? undefined : jsonRefusal(ctx, m, err)),
    );
    acks.later(answer, payloadBytes(payloads));
    return;
  }
  topic.publish(payloads);
  ctx.state.metrics.publishes.inc(payloads.length);
  acks.now(jsonOk(m));
}

export function publishBinary(ctx: SessionContext, acks: PublishAcks, m: BinaryPublishBatch): void {
  const acked = m.request_id !== undefined;
  let topic: Topic;
  try {
    topic = publishTarget(ctx, m);
    checkDeliverable(ctx, m.payloads, m.request_id);
    chargePublish(ctx, m.tenant_id, m.payloads, m.request_id);
  } catch (err) {
    if (!acked || !isRefusal(err)) throw err;
    countRefusal(ctx, err);
    acks.now(binaryAck(ctx, m.request_id!, err));
    return;
  }
  const durable = ctx.state.durableOf(topic);
  if (durable) {
    const answer = appendDurably(ctx, durable, m.payloads).then(
      () => (acked ? binaryAck(ctx, m.request_id!) : undefined),
      (err: RequestError) => (acked ? binaryAck(ctx, m.request_id!, err) : undefined),
    );
    acks.later(answer, payloadBytes(m.payloads));
    return;
  }
  topic.publish(m.payloads);
  ctx.state.metrics.publishes.inc(m.payloads.length);
  if (acked) acks.now(binaryAck(ctx, m.request_id!));
}

function binaryAck(ctx: SessionContext, requestId: bigint, refusal?: { code: string; message: string }): Answer {
  // The binary ack has no code field: the code leads the message, where clients look for it.
  const error = refusal && `${refusal.code}: ${refusal.message}`;
  if (ctx.flags & FLAGS.BINARY_PUBLISH_ACK) {
    return {
      frame: encodeFrame({
        type: 'binary_publish_ack',
        status: error ? 'error' : 'ok',
        request_id: requestId,
        message: error ?? '',
      }),
      type: 'binary_publish_ack',
    };
  }
  if (error)
    return {
      frame: encodeFrame({ type: 'publish_error', request_id: Number(requestId), message: error }),
      type: 'publish_error',
    };
  return { frame: encodeFrame({ type: 'publish_ok', request_id: Number(requestId) }), type: 'publish_ok' };
}
