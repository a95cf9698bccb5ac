// Subscriptions of one session: subscribe requests answered on the control stream, each
// subscription then delivered on its own event stream until it ends or the session does.
import { encodeFrame, FLAGS, type Subscribe } from '@felix/generated';
import { eventBatchEncoder } from '../event-frames.js';
import { Subscription } from '../subscription.js';
import { TurnQueue } from '../turn-queue.js';
import type { SessionContext } from './context.js';
import { RequestError } from './refusals.js';

/**
 * Event streams opened per turn of the event loop, across every session: opening one is the
 * costliest step of a subscription, and a session may ask for a thousand in one read.
 */
export const EVENT_STREAMS_PER_TURN = 64;
const eventStreamOpenings = new TurnQueue(EVENT_STREAMS_PER_TURN);

export class SubscribeHandler {
  private readonly subscriptions = new Map<number, Subscription>();
  private nextSubscriptionId = 1;

  constructor(private readonly ctx: SessionContext) {}

  /** True when every subscription has written what it queued (for drain). */
  get idle(): boolean {
    for (const s of this.subscriptions.values()) if (!s.idle) return false;
    return true;
  }

  subscribe(m: Subscribe): void {
    const { ctx } = this;
    const { config, metrics } = ctx.state;
    ctx.authorize('stream.subscribe', { kind: 'stream', tenant: m.tenant_id, namespace: m.namespace, name: m.stream });
    if (this.subscriptions.size >= config.maxSubscriptionsPerSession) {
      throw new RequestError(
        'limit_exceeded',
        `at most ${config.maxSubscriptionsPerSession} subscriptions per session`,
      );
    }
    const topic = ctx.state.topic(m.tenant_id, m.namespace, m.stream);
    const { log } = topic;
    let start = log.tail;
    if (m.start === 'earliest') start = log.earliest;
    else if (typeof m.start === 'object') {
      const requested = m.start.offset;
      if (requested < log.earliest || requested > log.tail) {
        const tooOld = requested < log.earliest;
        ctx.send(
          ctx.control,
          encodeFrame({
            type: 'subscribe_cursor_error',
            reason: tooOld ? 'too_old' : 'in_future',
            requested,
            available: tooOld ? log.earliest : log.tail,
          }),
          'subscribe_cursor_error',
        );
        return;
      }
      start = requested;
    }
    const id = this.nextSubscriptionId++;
    const offsets = (ctx.flags & FLAGS.EVENT_BATCH_OFFSETS) !== 0;
    const live = log.tail;
    const subscription = new Subscription({
      id,
      topic,
      encoder: eventBatchEncoder(offsets),
      startOffset: start,
      queueBytes: config.subscriberQueueBytes,
      policy: config.overflowPolicy,
      replayBatchRecords: config.eventBatchMaxRecords,
      replayBatchBytes: config.eventBatchMaxBytes,
      onDelivered: (records, latency) => {
        metrics.deliveries.inc(records);
        if (latency !== undefined) metrics.publishToDeliver.observe(latency);
      },
      onOverflowDisconnect: () => {
        metrics.drops.inc({ policy: 'disconnect' });
        this.end(id, 'the subscriber fell behind its queue bound');
      },
      onDropped: (records) => metrics.drops.inc({ policy: config.overflowPolicy }, records),
    });
    this.subscriptions.set(id, subscription);
    metrics.subscriptions.inc();
    const withOffsets = offsets && m.start !== undefined;
    ctx.send(
      ctx.control,
      encodeFrame({
        type: 'subscribed',
        subscription_id: id,
        start_offset: withOffsets ? start : undefined,
        live_offset: withOffsets ? live : undefined,
      }),
      'subscribed',
    );
    // Answered now; its event stream opens in turn, unless the subscription has ended by then.
    eventStreamOpenings.push(() => {
      if (this.subscriptions.get(id) === subscription) void this.deliver(subscription);
    });
  }

  /** Stops every subscription (the session is over). */
  stopAll(): void {
    for (const s of this.subscriptions.values()) s.stop();
    this.ctx.state.metrics.subscriptions.dec(this.subscriptions.size);
    this.subscriptions.clear();
  }

  private async deliver(subscription: Subscription): Promise<void> {
    try {
      const sink = await this.ctx.session.openEventStream(subscription.id);
      void sink.closed?.then(() => this.end(subscription.id));
      await subscription.run(sink);
      await sink.end().catch(() => undefined);
    } catch (err) {
      this.ctx.state.logger.debug({ err, subscription: subscription.id }, 'event stream ended');
    } finally {
      this.end(subscription.id);
    }
  }

  private end(id: number, reason?: string): void {
    const s = this.subscriptions.get(id);
    if (!s) return;
    s.stop();
    this.subscriptions.delete(id);
    this.ctx.state.metrics.subscriptions.dec();
    if (reason) this.ctx.state.logger.info({ subscription: id, reason }, 'subscription ended');
  }
}
