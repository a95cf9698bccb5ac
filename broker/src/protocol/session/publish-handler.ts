// Publishes on the control stream: JSON publish/publish_batch and binary_publish_batch, each
// appended to its topic and acknowledged the way its form and the peer's flags ask.
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
import { largestDeliverableRecord } from '../event-frames.js';
import type { SessionContext } from './context.js';
import { chargePublish, payloadBytes } from './publish-budget.js';
import { countRefusal, isRefusal, RequestError } from './refusals.js';

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

export function publishJson(ctx: SessionContext, m: Publish | PublishBatch): void {
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
    const typed = ctx.features & FEATURES.ERROR_CODES;
    ctx.send(
      ctx.control,
      encodeFrame({
        type: 'publish_error',
        request_id: m.request_id,
        message: err.message,
        code: typed ? err.code : undefined,
        retry: typed ? ERROR_CODES[err.code].retry : undefined,
      }),
      'publish_error',
    );
    return;
  }
  topic.publish(payloads);
  ctx.state.metrics.publishes.inc(payloads.length);
  if (m.ack === 'none') return;
  if (m.request_id !== undefined)
    ctx.send(ctx.control, encodeFrame({ type: 'publish_ok', request_id: m.request_id }), 'publish_ok');
  else ctx.send(ctx.control, encodeFrame({ type: 'ok' }), 'ok');
}

export function publishBinary(ctx: SessionContext, m: BinaryPublishBatch): void {
  const acked = m.request_id !== undefined;
  try {
    const topic = publishTarget(ctx, m);
    checkDeliverable(ctx, m.payloads, m.request_id);
    chargePublish(ctx, m.tenant_id, m.payloads, m.request_id);
    topic.publish(m.payloads);
    ctx.state.metrics.publishes.inc(m.payloads.length);
  } catch (err) {
    if (!acked || !isRefusal(err)) throw err;
    countRefusal(ctx, err);
    // The binary ack has no code field: the code leads the message, where clients look for it.
    ackBinary(ctx, m.request_id!, `${err.code}: ${err.message}`);
    return;
  }
  if (acked) ackBinary(ctx, m.request_id!);
}

function ackBinary(ctx: SessionContext, requestId: bigint, error?: string): void {
  if (ctx.flags & FLAGS.BINARY_PUBLISH_ACK) {
    ctx.send(
      ctx.control,
      encodeFrame({
        type: 'binary_publish_ack',
        status: error ? 'error' : 'ok',
        request_id: requestId,
        message: error ?? '',
      }),
      'binary_publish_ack',
    );
  } else if (error) {
    ctx.send(
      ctx.control,
      encodeFrame({ type: 'publish_error', request_id: Number(requestId), message: error }),
      'publish_error',
    );
  } else {
    ctx.send(ctx.control, encodeFrame({ type: 'publish_ok', request_id: Number(requestId) }), 'publish_ok');
  }
}
