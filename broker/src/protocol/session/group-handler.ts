// Consumer groups of one session: group_join makes the session a consumer of a group (its
// records then arrive on an event stream opened like a subscription's, named by the consumer's
// id from the same space), group_ack and group_nack settle what a consumer holds, group_leave
// ends one. Ending the session ends each of its consumers: what they held goes to the others.

import {
  encodeFrame,
  FEATURES,
  FLAGS,
  type GroupAck,
  type GroupJoin,
  type GroupLeave,
  type GroupNack,
  type JsonU64,
} from '@felix/generated';
import { isStorageError } from '@felix/storage';
import type { ByteSink } from '@felix/transport';
import { InvalidNameError } from '../../core/names.js';
import { RegistryConflictError } from '../../core/registry.js';
import { chargeEventStream, type EventStreamCharge, eventStreamRefusal } from '../../core/subscription-cost.js';
import { DurableOpenError } from '../../durable/durable-logs.js';
import type { ConsumerGroup } from '../../queues/consumer-group.js';
import { GroupConsumer } from '../../queues/group-consumer.js';
import type { GroupKey } from '../../queues/group-key.js';
import {
  consumerBounds,
  isProblem,
  newGroupSettings,
  type SettingProblem,
  settingsConflict,
} from '../../queues/group-settings.js';
import { eventStreamHello } from '../event-frames.js';
import { replayRange } from '../replay-range.js';
import { errorFrame } from '../replies.js';
import type { SessionContext } from './context.js';
import type { Answer, PublishAcks } from './publish-acks.js';
import { durableRefusal, isRefusal, RequestError } from './refusals.js';
import { decideStart } from './subscribe-start.js';

export type GroupRequest = GroupJoin | GroupAck | GroupNack | GroupLeave;

interface Membership {
  consumer: GroupConsumer;
  group: ConsumerGroup;
  /** The consumer's carrier stream, charged to the subscribers pool until it ends. */
  charge: EventStreamCharge;
}

function refusal(problem: SettingProblem, requestId?: JsonU64): RequestError {
  return new RequestError('invalid_request', problem.message, requestId, problem.field);
}

/**
 * group_ack/group_nack ranges as safe numbers, checked as the spec says: pairs, each first at
 * most its last. An offset past 2^53-1 (never delivered) stands as the largest safe one.
 */
function offsetRanges(ranges: readonly JsonU64[], requestId: JsonU64 | undefined): number[] {
  if (ranges.length % 2 !== 0)
    throw refusal(
      { field: 'ranges', message: `ranges holds ${ranges.length} offsets; it takes pairs (first, last)` },
      requestId,
    );
  const out: number[] = [];
  for (let i = 0; i < ranges.length; i += 2) {
    const a = ranges[i];
    const b = ranges[i + 1];
    // Offsets the decoder gave as numbers compare as they are, without a BigInt each.
    const inOrder = typeof a === 'number' && typeof b === 'number' ? a <= b : BigInt(a) <= BigInt(b);
    if (!inOrder)
      throw refusal(
        { field: 'ranges', message: `ranges pair ${i / 2} starts at ${a}, after its last offset ${b}` },
        requestId,
      );
    out.push(safe(a), safe(b));
  }
  return out;
}

function safe(offset: JsonU64): number {
  if (typeof offset === 'number') return Math.min(offset, Number.MAX_SAFE_INTEGER);
  return offset > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(offset);
}

export class GroupHandler {
  private readonly members = new Map<number, Membership>();

  constructor(
    private readonly ctx: SessionContext,
    /** Subscriptions the session holds: consumers count against the same per-session cap. */
    private readonly subscriptions: () => number,
  ) {}

  /** Consumers the session holds now. */
  get count(): number {
    return this.members.size;
  }

  /** True when no consumer has anything left in its carrier (for drain). */
  get idle(): boolean {
    for (const { consumer } of this.members.values()) if (!consumer.flushed) return false;
    return true;
  }

  /** Serves a group request; a promise when its answer waits for a group to be made. */
  serve(m: GroupRequest, out: ByteSink, acks: PublishAcks): Promise<void> | undefined {
    const { ctx } = this;
    if (!(ctx.features & FEATURES.QUEUES))
      throw new RequestError(
        'invalid_request',
        `${m.type} needs the QUEUES feature, which this session did not negotiate (client_features in auth)`,
        'request_id' in m ? m.request_id : undefined,
      );
    switch (m.type) {
      case 'group_join':
        return this.join(m, out);
      case 'group_ack':
        this.ack(m, acks);
        return undefined;
      case 'group_nack':
        this.nack(m, acks);
        return undefined;
      case 'group_leave':
        this.leave(m, out);
        return undefined;
    }
  }

  /** A drain has begun: no consumer takes more, and each event stream ends once written. */
  drain(): void {
    for (const { consumer } of this.members.values()) void consumer.finish();
  }

  /** Ends every consumer (the session is over): what they held goes to the others at once. */
  stopAll(): void {
    for (const id of [...this.members.keys()]) this.end(id);
  }

  private async join(m: GroupJoin, out: ByteSink): Promise<void> {
    const { ctx } = this;
    const { state } = ctx;
    if (!(ctx.flags & FLAGS.GROUP_DELIVERY_BATCH))
      throw new RequestError(
        'invalid_request',
        'group_join needs the GROUP_DELIVERY_BATCH flag, which this session did not negotiate (client_flags in auth)',
      );
    ctx.authorize('stream.subscribe', { kind: 'stream', tenant: m.tenant_id, namespace: m.namespace, name: m.stream });
    if (state.draining) throw new RequestError('draining', 'the broker is draining');
    const cap = state.config.maxSubscriptionsPerSession;
    if (this.members.size + this.subscriptions() >= cap) {
      state.metrics.limitRefusals.inc({ limit: 'maxSubscriptionsPerSession' });
      throw new RequestError(
        'limit_exceeded',
        `the session holds ${cap} subscriptions and group consumers, its limit (maxSubscriptionsPerSession, FELIX_MAX_SUBSCRIPTIONS_PER_SESSION)`,
      );
    }
    const bounds = consumerBounds(m);
    if (isProblem(bounds)) throw refusal(bounds);
    const topic = state.topic(m.tenant_id, m.namespace, m.stream);
    const key: GroupKey = { tenant: m.tenant_id, namespace: m.namespace, stream: m.stream, group: m.group };
    const epochs = (ctx.features & FEATURES.STREAM_EPOCHS) !== 0;
    let group = state.groups.find(key);
    let created = false;
    if (!group) {
      const settings = newGroupSettings(m);
      if (isProblem(settings)) throw refusal(settings);
      const log = replayRange(topic, state.durableOf(topic));
      const decision = decideStart(
        { type: 'subscribe', tenant_id: m.tenant_id, namespace: m.namespace, stream: m.stream, start: m.start },
        log,
        epochs,
      );
      if (decision.refusal) {
        ctx.send(out, encodeFrame(decision.refusal), 'subscribe_cursor_error');
        return;
      }
      try {
        ({ group, created } = await state.groups.create(topic, key, settings, decision.start));
      } catch (err) {
        throw this.creationRefusal(err);
      }
    }
    // Settings of a group that exists (or that a join racing this one made) are its own.
    const conflict = created ? undefined : settingsConflict(m, group.settings);
    if (conflict) throw refusal(conflict);
    if (ctx.isClosed) return;
    // Its event stream costs what a subscription's does, and is refused the same way.
    const charge = chargeEventStream(state.memory, ctx.session.carrier);
    if (!charge) {
      state.metrics.limitRefusals.inc({ limit: 'memoryBudgetBytes' });
      throw new RequestError('overloaded', eventStreamRefusal(state.memory, ctx.session.carrier, 'group consumer'));
    }
    const id = ctx.allocateEventStreamId();
    const consumer = new GroupConsumer(
      { id, ...bounds },
      (sink, frame) => {
        state.metrics.framesOut.inc({ type: 'group_delivery_batch' });
        return sink.write(frame);
      },
      state.memory,
    );
    this.members.set(id, { consumer, group, charge });
    state.metrics.groupConsumers.inc();
    group.addConsumer(consumer);
    const epoch = epochs ? group.epoch : undefined;
    ctx.send(
      out,
      encodeFrame({
        type: 'group_joined',
        consumer_id: id,
        committed_offset: group.committedOffset,
        tail_offset: group.tailOffset,
        created,
        epoch,
      }),
      'group_joined',
    );
    void this.openEventStream(consumer, epoch);
  }

  /** What a group that could not be made is answered with. */
  private creationRefusal(err: unknown): unknown {
    if (isRefusal(err)) return err;
    if (isStorageError(err)) return durableRefusal(this.ctx, err);
    if (err instanceof DurableOpenError) return new RequestError('storage_unavailable', err.message);
    if (err instanceof InvalidNameError || err instanceof RegistryConflictError)
      return refusal({ field: 'dead_letter_stream', message: `the dead-letter stream: ${err.message}` });
    return err;
  }

  /** Opens the consumer's event stream as a subscription's is opened; deliveries start once it is. */
  private async openEventStream(consumer: GroupConsumer, epoch: number | undefined): Promise<void> {
    const { id } = consumer;
    try {
      const sink = await this.ctx.session.openEventStream(id);
      if (consumer.isEnded) {
        await sink.end();
        return;
      }
      // The peer leaving the stream (or the carrier losing it) ends the consumer. One the
      // broker finished (a drain) stays until the session ends, so its acks still count.
      void sink.closed?.then(() => {
        if (!consumer.isFinishing) this.end(id);
      });
      sink.write(eventStreamHello(id, epoch));
      consumer.attach(sink);
    } catch (err) {
      this.ctx.state.logger.debug({ err, consumer: id }, 'group consumer: event stream ended');
      this.end(id);
    }
  }

  private ack(m: GroupAck, acks: PublishAcks): void {
    const pairs = offsetRanges(m.ranges, m.request_id);
    const member = this.member(m.consumer_id, m.request_id);
    const stored = member?.group.ack(member.consumer, pairs);
    this.answer(acks, m.request_id, stored);
  }

  private nack(m: GroupNack, acks: PublishAcks): void {
    const pairs = offsetRanges(m.ranges, m.request_id);
    const member = this.member(m.consumer_id, m.request_id);
    member?.group.nack(member.consumer, pairs, m.delay_ms ?? 0);
    this.answer(acks, m.request_id, undefined);
  }

  private leave(m: GroupLeave, out: ByteSink): void {
    const member = this.member(m.consumer_id);
    if (member) {
      this.end(member.consumer.id);
      void member.consumer.finish();
    }
    this.ctx.send(out, encodeFrame({ type: 'ok' }), 'ok');
  }

  /**
   * The live consumer `consumerId` names; undefined for one of this session's that has ended
   * (what it held is no longer its own, so its acks are ignored). Refuses an id never handed out.
   */
  private member(consumerId: JsonU64, requestId?: JsonU64): Membership | undefined {
    const id = typeof consumerId === 'bigint' ? Number.NaN : consumerId;
    const member = this.members.get(id);
    if (member || this.ctx.handedOut(id)) return member;
    throw refusal({ field: 'consumer_id', message: `consumer ${consumerId} is not one of this session's` }, requestId);
  }

  /** group_acked for a request_id, once what had to be stored is. */
  private answer(acks: PublishAcks, requestId: JsonU64 | undefined, stored: Promise<void> | undefined): void {
    const { ctx } = this;
    if (requestId === undefined) {
      stored?.catch((err) => ctx.state.logger.error({ err }, 'consumer group: acks could not be stored'));
      return;
    }
    const acked: Answer = { frame: encodeFrame({ type: 'group_acked', request_id: requestId }), type: 'group_acked' };
    if (!stored) {
      acks.now(acked);
      return;
    }
    const decided = stored.then(
      () => acked,
      (err): Answer => {
        const refused = durableRefusal(ctx, err);
        return { frame: errorFrame(ctx, refused.code, refused.message, { requestId }), type: 'error' };
      },
    );
    acks.later(decided, 0);
  }

  private end(id: number): void {
    const member = this.members.get(id);
    if (!member) return;
    this.members.delete(id);
    member.charge.release();
    this.ctx.state.metrics.groupConsumers.dec();
    member.group.removeConsumer(member.consumer);
  }
}
