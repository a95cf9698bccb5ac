// Subscriptions of one session: subscribe requests answered on the stream they came on, each
// subscription then delivered on its own event stream until it ends or the session does (the
// stream it was asked on may end first: the subscription lives on).
import { encodeFrame, FEATURES, FLAGS, type Subscribe } from '@felix/generated';
import type { ByteSink } from '@felix/transport';
import { eventBatchEncoder } from '../event-frames.js';
import { replayRange } from '../replay-range.js';
import { Subscription } from '../subscription.js';
import { TurnQueue } from '../turn-queue.js';
import type { SessionContext } from './context.js';
import { RequestError } from './refusals.js';
import { decideStart } from './subscribe-start.js';

/**
 * Event streams opened per turn of the event loop, across every session: opening one is the
 * costliest step of a subscription, and a session may ask for a thousand in one read.
 */
export const EVENT_STREAMS_PER_TURN = 64;
const eventStreamOpenings = new TurnQueue(EVENT_STREAMS_PER_TURN);

export class SubscribeHandler {
  private readonly subscriptions = new Map<number, Subscription>();

  constructor(private readonly ctx: SessionContext) {}

  /** Subscriptions the session holds now. */
  get count(): number {
    return this.subscriptions.size;
  }

  /**
   * True when no subscription owes anything more (for drain): each has either ended its event
   * stream in good order (and is gone) or never had one and holds nothing.
   */
  get idle(): boolean {
    for (const s of this.subscriptions.values()) if (s.streaming || !s.idle) return false;
    return true;
  }

  /** What the session's subscriptions still owe: how many are behind and their encoded bytes. */
  owed(): { subscriptions: number; bytes: number } {
    let subscriptions = 0;
    let bytes = 0;
    for (const s of this.subscriptions.values()) {
      if (s.idle) continue;
      subscriptions++;
      bytes += s.owedBytes;
    }
    return { subscriptions, bytes };
  }

  /**
   * A drain has begun and nothing more will be published: tells a peer that reads
   * subscription_end where each subscription's delivery stops, so that if the drain timeout
   * cuts it short the peer knows exactly which records it missed; and has each subscription
   * end its event stream once it has written everything. Over TLS that end completes only
   * when the peer has read up to it, so a session is done only when its peer has it all.
   */
  drain(): void {
    for (const s of this.subscriptions.values()) this.drainOne(s, this.ctx.control);
  }

  /** Ends `s` at the drain, its notice written to `sink`. */
  private drainOne(s: Subscription, sink: ByteSink): void {
    s.finish();
    const { ctx } = this;
    if (!(ctx.features & FEATURES.DRAIN_NOTICE) || !(ctx.flags & FLAGS.EVENT_BATCH_OFFSETS)) return;
    ctx.send(
      sink,
      encodeFrame({ type: 'subscription_end', subscription_id: s.id, end_offset: s.endOffset }),
      'subscription_end',
    );
  }

  /** Subscribes as `m` asks, answering on `sink`: the stream the request came on. */
  subscribe(m: Subscribe, sink: ByteSink): void {
    const { ctx } = this;
    const { config, metrics } = ctx.state;
    ctx.authorize('stream.subscribe', { kind: 'stream', tenant: m.tenant_id, namespace: m.namespace, name: m.stream });
    if (this.subscriptions.size >= config.maxSubscriptionsPerSession) {
      metrics.limitRefusals.inc({ limit: 'maxSubscriptionsPerSession' });
      throw new RequestError(
        'limit_exceeded',
        `the session holds ${config.maxSubscriptionsPerSession} subscriptions, its limit (maxSubscriptionsPerSession, FELIX_MAX_SUBSCRIPTIONS_PER_SESSION)`,
      );
    }
    const topic = ctx.state.topic(m.tenant_id, m.namespace, m.stream);
    const disk = ctx.state.durableOf(topic);
    // A durable stream's records go back as far as its log on disk keeps them.
    const log = replayRange(topic, disk);
    const epochs = (ctx.features & FEATURES.STREAM_EPOCHS) !== 0;
    const decision = decideStart(m, log, epochs);
    if (decision.refusal) {
      ctx.send(sink, encodeFrame(decision.refusal), 'subscribe_cursor_error');
      return;
    }
    const { start } = decision;
    const id = ctx.allocateEventStreamId();
    const offsets = (ctx.flags & FLAGS.EVENT_BATCH_OFFSETS) !== 0;
    const live = log.tail;
    const subscription = new Subscription({
      id,
      topic,
      encoder: eventBatchEncoder(offsets),
      epoch: epochs ? log.epoch : undefined,
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
      disk,
      memory: ctx.state.memory,
    });
    this.subscriptions.set(id, subscription);
    metrics.subscriptions.inc();
    const withOffsets = offsets && m.start !== undefined;
    ctx.send(
      sink,
      encodeFrame({
        type: 'subscribed',
        subscription_id: id,
        start_offset: withOffsets ? start : undefined,
        live_offset: withOffsets ? live : undefined,
        epoch: epochs ? log.epoch : undefined,
        epoch_reset: decision.epochReset || undefined,
      }),
      'subscribed',
    );
    // After subscribed, on the same stream, so the peer knows the subscription before its end.
    if (ctx.state.draining) this.drainOne(subscription, sink);
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
