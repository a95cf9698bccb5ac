// One consumer of a consumer group as the caller sees it: an async iterable of records that
// outlives connections. Each record is the consumer's until it acks it, nacks it, or its ack
// wait passes; the broker never has more than maxInFlight of them out to it, which is what
// bounds the client's buffer. A new session (or the broker ending the consumer) rejoins the
// group: what the old membership held goes back to the group, so its records leave the buffer
// and their acks are refused with `stale_delivery` instead of being sent for nothing.
import type { GroupJoin, GroupJoined, JsonU64, WireMessage } from '@felix/generated';
import type { ByteSource } from '@felix/transport';
import { AckCoalescer, type SettleFrame, type Settlement } from './ack-coalescer.js';
import type { Connection, GroupJoinRequest } from './connection.js';
import { DeliveryQueue } from './delivery-queue.js';
import { FelixError, SubscribeCursorError, staleDelivery } from './errors.js';
import { readEventStream } from './event-stream-reader.js';
import type { ResolvedOptions } from './options.js';
import { Reattacher } from './reattach.js';
import { epochNumber, offsetNumber } from './util.js';

/** Where a group that does not exist yet starts; a group that exists goes on from its cursor. */
export type GroupStart = 'earliest' | 'latest' | { offset: number };

export interface ConsumeOptions {
  /** The consumer group to join (created on first join). */
  group: string;
  /** Where a new group starts. Default 'latest'. Ignored when the group exists. */
  start?: GroupStart;
  /** Most records out to this consumer and not yet acked or nacked. Default (the broker's) 256. */
  maxInFlight?: number;
  /** How long a record waits for its ack before the group delivers it again. Default 30 s. */
  ackWaitMs?: number;
  /** Group setting, fixed when the group is created: deliveries before a record is a dead letter. Default 5. */
  maxDeliveries?: number;
  /** Group setting, fixed when the group is created: where dead letters go. Default `<stream>.dead_letters`. */
  deadLetterStream?: string;
  /** Namespace of the stream; the client's default otherwise. */
  namespace?: string;
}

export interface NackOptions {
  /** How long the broker holds the record back before delivering it again. Default 0. */
  delayMs?: number;
}

/** One record delivered to a group consumer. */
export interface ConsumerMessage {
  /** Its offset in the stream. */
  readonly offset: number;
  /** The record's bytes. */
  readonly payload: Uint8Array;
  /** How many times the group has delivered it, this time included (1 the first time). */
  readonly deliveryCount: number;
  /**
   * Marks the record done; resolves once the broker confirmed it (stored, on a durable stream).
   * Acks made in the same turn travel as one frame. Rejects with `stale_delivery` when the
   * consumer no longer holds the record (it reconnected, rejoined or left since): the broker
   * delivers it again. An ack after the record's ack wait is accepted and may change nothing.
   */
  ack(): Promise<void>;
  /** Gives the record back, to be delivered again after `delayMs` (or to become a dead letter). */
  nack(options?: NackOptions): Promise<void>;
}

/** Where the group stood when this consumer last joined it (group_joined). */
export interface GroupPosition {
  /** The lowest offset the group has not acknowledged. */
  committedOffset: number;
  /** The offset the stream's next record gets; the difference bounds the group's lag. */
  tailOffset: number;
  /** This join created the group. */
  created: boolean;
  /** The stream's epoch the offsets count in; undefined from a broker without epochs. */
  epoch: number | undefined;
}

/** What a consumer needs from its client. */
export interface ConsumerHost {
  readonly options: ResolvedOptions;
  current(): Connection | undefined;
  backoff(attempt: number): number;
  reportError(error: FelixError): void;
  detach(consumer: Consumer): void;
}

/** The broker's ack wait when the join names none (spec: group_join.ack_wait_ms). */
const DEFAULT_ACK_WAIT_MS = 30_000;
const U32_MAX = 0xffff_ffff;

function checkU32(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= U32_MAX))
    throw new RangeError(`${name} must be an integer from ${min} to ${U32_MAX}, not ${value}`);
}

/** Ends an event stream we no longer read (see the same helper in subscription.ts). */
function closeSource(source: ByteSource, it: AsyncIterator<Uint8Array>): void {
  void it.return?.()?.catch(() => {});
  const socket = (source as { socket?: { destroy?: () => void } }).socket;
  socket?.destroy?.();
}

/** One join of the group on one connection: the consumer id it got and the acks sent under it. */
class Membership {
  readonly acks: AckCoalescer;
  /** Sent acks and nacks the broker has not confirmed yet. */
  readonly unconfirmed = new Set<Promise<void>>();
  private endedBecause: string | undefined;

  constructor(
    readonly conn: Connection,
    readonly consumerId: JsonU64,
    timeoutMs: number,
  ) {
    this.acks = new AckCoalescer((frame) => this.send(frame, timeoutMs));
  }

  /** Why the records delivered under it can no longer be settled; undefined while they can. */
  get gone(): string | undefined {
    return this.endedBecause ?? (this.conn.isLost ? 'it was delivered on a session that has ended' : undefined);
  }

  private send(frame: SettleFrame, timeoutMs: number): Promise<void> {
    const why = this.gone;
    if (why) return Promise.reject(staleDelivery(frame.kind, why));
    const sent = this.conn.groupSettle(this.consumerId, frame, timeoutMs).catch((err: unknown) => {
      // A frame that never left settles nothing: the records are redelivered.
      if (err instanceof FelixError && err.code === 'connection_lost' && err.retry === 'retry')
        throw staleDelivery(frame.kind, 'the session ended before it was sent');
      throw err;
    });
    this.unconfirmed.add(sent);
    const forget = () => this.unconfirmed.delete(sent);
    sent.then(forget, forget);
    return sent;
  }

  /** Sends what is gathered and resolves once every settle frame sent so far is answered. */
  async settled(): Promise<void> {
    this.acks.flush();
    await Promise.allSettled([...this.unconfirmed]);
  }

  end(why: string): void {
    this.endedBecause ??= why;
    this.acks.fail(staleDelivery('ack', why));
  }
}

/** A delivered record, settled once through the membership it came with. */
class Received implements ConsumerMessage {
  private settlement: Promise<void> | undefined;

  constructor(
    private readonly membership: Membership,
    readonly offset: number,
    readonly payload: Uint8Array,
    readonly deliveryCount: number,
    /** When the broker takes it back by itself (its ack wait, counted from its arrival here). */
    readonly expiresAt: number,
  ) {}

  get current(): boolean {
    return this.membership.gone === undefined;
  }

  ack(): Promise<void> {
    this.settlement ??= this.settle({ kind: 'ack' });
    return this.settlement;
  }

  nack(options: NackOptions = {}): Promise<void> {
    const delayMs = options.delayMs ?? 0;
    if (!(Number.isInteger(delayMs) && delayMs >= 0 && delayMs <= U32_MAX))
      return Promise.reject(new RangeError(`delayMs must be an integer from 0 to ${U32_MAX}, not ${delayMs}`));
    this.settlement ??= this.settle({ kind: 'nack', delayMs });
    return this.settlement;
  }

  private settle(settlement: Settlement): Promise<void> {
    const why = this.membership.gone;
    if (why) return Promise.reject(staleDelivery(`${settlement.kind} offset ${this.offset}`, why));
    return this.membership.acks.add(this.offset, settlement);
  }
}

export class Consumer implements AsyncIterable<ConsumerMessage> {
  readonly namespace: string;
  readonly group: string;
  private start: GroupStart;
  private readonly ackWaitMs: number;
  private readonly join: Omit<GroupJoinRequest, 'start'>;
  private readonly queue = new DeliveryQueue<Received>(Number.POSITIVE_INFINITY);
  private state: 'active' | 'closed' | 'failed' = 'active';
  private failure: FelixError | undefined;
  /** Bumped whenever the membership is replaced or dropped; older joins and read loops stop. */
  private epoch = 0;
  private membership: Membership | undefined;
  private source: { source: ByteSource; it: AsyncIterator<Uint8Array> } | undefined;
  /** The connection the current or ongoing join belongs to. */
  private conn: Connection | undefined;
  private readonly reattach: Reattacher;
  private iterating = false;
  private joined: GroupPosition | undefined;

  /** @internal Consumers come from FelixClient.consume. */
  constructor(
    private readonly host: ConsumerHost,
    readonly stream: string,
    options: ConsumeOptions,
  ) {
    this.namespace = options.namespace ?? host.options.namespace;
    this.group = options.group;
    this.start = options.start ?? 'latest';
    if (typeof this.start === 'object' && !(Number.isSafeInteger(this.start.offset) && this.start.offset >= 0))
      throw new RangeError(`start offset must be a safe non-negative integer, not ${this.start.offset}`);
    checkU32('maxInFlight', options.maxInFlight, 1);
    checkU32('ackWaitMs', options.ackWaitMs, 1);
    checkU32('maxDeliveries', options.maxDeliveries, 1);
    this.ackWaitMs = options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    this.join = {
      namespace: this.namespace,
      stream,
      group: options.group,
      max_in_flight: options.maxInFlight,
      ack_wait_ms: options.ackWaitMs,
      max_deliveries: options.maxDeliveries,
      dead_letter_stream: options.deadLetterStream,
    };
    this.reattach = new Reattacher(
      {
        what: this.what,
        active: () => this.state === 'active',
        attachedTo: () => this.conn,
        attach: (conn) => this.attach(conn),
        fail: (error) => this.fail(error),
      },
      host,
    );
  }

  /** Where the group stood at this consumer's last join; undefined before the first. */
  get position(): GroupPosition | undefined {
    return this.joined;
  }

  /** The broker's id for this consumer on the current session; undefined while it is not joined. */
  get consumerId(): number | undefined {
    const id = this.membership?.consumerId;
    return id === undefined ? undefined : Number(id);
  }

  /** @internal the connection the consumer is joined (or joining) on. */
  get connection(): Connection | undefined {
    return this.conn;
  }

  get closed(): boolean {
    return this.state !== 'active';
  }

  private get what(): string {
    return `consume ${this.namespace}/${this.stream} (group ${this.group})`;
  }

  /**
   * Joins the group on `conn` and starts reading the consumer's event stream.
   * @internal
   */
  async attach(conn: Connection): Promise<void> {
    const epoch = ++this.epoch;
    this.conn = conn;
    this.release('the consumer rejoined its group');
    if (!conn.queues)
      throw new FelixError(
        `${this.what}: the broker does not serve consumer groups (it did not negotiate QUEUES and GROUP_DELIVERY_BATCH)`,
        { code: 'not_supported', retry: 'fatal' },
      );
    const start: GroupJoin['start'] = typeof this.start === 'object' ? { offset: this.start.offset } : this.start;
    const reply = await conn.groupJoin({ ...this.join, start }, this.host.options.requestTimeoutMs);
    if (reply.type === 'subscribe_cursor_error') {
      // Only a first join names an offset (a rejoin asks for 'earliest', below), so this is
      // the caller's start offset, which the stream does not hold.
      throw new SubscribeCursorError(
        this.stream,
        reply.reason,
        offsetNumber(reply.requested),
        offsetNumber(reply.available),
      );
    }
    if (epoch !== this.epoch || this.state !== 'active') {
      // Replaced or closed while joining: this membership has no reader, so it leaves.
      conn.groupLeave(reply.consumer_id, this.host.options.requestTimeoutMs).catch(() => {});
      return;
    }
    this.joined = groupPosition(reply);
    // A group that exists ignores the start; one that vanished with a broker's in-memory log
    // is recreated from the oldest record the new log holds, not the newest.
    this.start = 'earliest';
    const membership = new Membership(conn, reply.consumer_id, this.host.options.requestTimeoutMs);
    this.membership = membership;
    let source: ByteSource;
    try {
      source = await conn.eventStream(reply.consumer_id, 'consume');
    } catch (err) {
      // Without its event stream the consumer would sit on records until their ack wait.
      this.leaveQuietly(membership);
      throw err;
    }
    const it = source[Symbol.asyncIterator]();
    if (epoch !== this.epoch || this.state !== 'active') {
      closeSource(source, it);
      return;
    }
    this.source = { source, it };
    void this.read(epoch, conn, membership, it);
  }

  /**
   * Joins again, on a new connection or after the broker ended the consumer; retries by itself
   * until it works, the connection goes (the client calls again) or it cannot work.
   * @internal
   */
  resume(conn: Connection, again = false): void {
    this.reattach.resume(conn, again);
  }

  private async read(epoch: number, conn: Connection, membership: Membership, it: AsyncIterator<Uint8Array>) {
    // A reset stream or a lost connection ends the read without a problem; either way the
    // consumer rejoins below.
    const problem = await readEventStream(it, {
      id: membership.consumerId,
      what: this.what,
      maxFrameBytes: this.host.options.maxFrameBytes,
      reportError: (e) => this.host.reportError(e),
      current: () => epoch === this.epoch,
      accept: (m) => this.accept(membership, m),
    });
    if (epoch !== this.epoch || this.state !== 'active') return;
    this.release('the broker ended the consumer');
    if (problem) this.host.reportError(problem);
    if (!conn.isLost) {
      // The broker ended the event stream while the session lives: whatever is left of the
      // consumer gives its records back now, and the group is joined again after a pause.
      this.leaveQuietly(membership);
      this.conn = undefined;
      this.reattach.later();
      return;
    }
    // The connection went; if the client already has a new one, it may have passed us by.
    const now = this.host.current();
    if (now && now !== conn) this.resume(now);
  }

  private accept(membership: Membership, m: WireMessage): void {
    if (m.type !== 'group_delivery_batch') {
      this.host.reportError(
        new FelixError(`${this.what}: unexpected ${m.type} on a consumer's event stream`, {
          code: 'protocol_error',
          retry: 'fatal',
        }),
      );
      return;
    }
    const expiresAt = Date.now() + this.ackWaitMs;
    this.dropExpired();
    let offset = offsetNumber(m.base_offset);
    for (const payload of m.payloads)
      this.queue.push(new Received(membership, offset++, payload, m.delivery_count, expiresAt));
  }

  /**
   * Records whose ack wait passed while they sat unread are the broker's again (it delivers
   * them anew, maybe to another consumer): they leave the buffer, which therefore holds no more
   * than the broker lets out at once.
   */
  private dropExpired(): void {
    const now = Date.now();
    for (let head = this.queue.peek(); head && (head.expiresAt <= now || !head.current); head = this.queue.peek())
      this.queue.take();
  }

  /** Ends a membership at the broker, if it still has one there; refusals do not matter. */
  private leaveQuietly(membership: Membership): void {
    if (!membership.conn.isLost)
      membership.conn.groupLeave(membership.consumerId, this.host.options.requestTimeoutMs).catch(() => {});
  }

  /** The membership's records go back to the group: unread ones leave, unsent acks are refused. */
  private release(why: string): void {
    this.membership?.end(why);
    this.membership = undefined;
    this.queue.clear();
    const s = this.source;
    this.source = undefined;
    if (s) closeSource(s.source, s.it);
  }

  /** The next record, waiting for one; done once the consumer is closed. */
  next(): Promise<IteratorResult<ConsumerMessage>> {
    this.dropExpired();
    const item = this.queue.take();
    if (item) return Promise.resolve({ value: item, done: false });
    if (this.state === 'failed') return Promise.reject(this.failure);
    if (this.state === 'closed') return Promise.resolve({ value: undefined, done: true });
    return this.queue.waitForItem();
  }

  [Symbol.asyncIterator](): AsyncIterator<ConsumerMessage> {
    if (this.iterating && this.state === 'active') throw new Error(`${this.what} is already being iterated`);
    this.iterating = true;
    return {
      next: () => this.next(),
      // Leaving a for-await loop (break, return, throw) leaves the group.
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  /**
   * Sends the acks and nacks made so far and resolves once the broker answered them all.
   * @internal the client waits for this when it closes.
   */
  async settled(): Promise<void> {
    await this.membership?.settled();
  }

  /**
   * Leaves the group: acks and nacks made so far go first, then the broker hands this
   * consumer's unacknowledged records to the group's other consumers at once. Iteration ends.
   */
  async close(): Promise<void> {
    if (this.state !== 'active') return;
    const membership = this.membership;
    let left: Promise<void> | undefined;
    if (membership && !membership.gone) {
      // The broker applies them in this order: the acks, then the leave.
      membership.acks.flush();
      left = membership.conn.groupLeave(membership.consumerId, this.host.options.requestTimeoutMs);
    }
    this.end('closed');
    await left?.catch((err: unknown) => {
      // The session ending does the same as a leave; anything else is worth a word.
      if (!(err instanceof FelixError && err.code === 'connection_lost')) this.host.reportError(err as FelixError);
    });
  }

  /** Another name for close(): the consumer leaves its group. */
  leave(): Promise<void> {
    return this.close();
  }

  /** @internal the client is closing: what was received can still be read, then iteration ends. */
  finish(): void {
    this.end('closed');
  }

  /** @internal the consumer cannot go on; iteration throws `error` once the buffer is read. */
  fail(error: FelixError): void {
    this.failure = error;
    this.end('failed');
  }

  private end(state: 'closed' | 'failed'): void {
    if (this.state !== 'active') return;
    this.state = state;
    this.epoch++;
    this.reattach.cancel();
    this.release(state === 'failed' ? 'the consumer failed' : 'the consumer left its group');
    this.host.detach(this);
    this.queue.endReader(state === 'failed' ? this.failure : undefined);
  }
}

function groupPosition(m: GroupJoined): GroupPosition {
  return {
    committedOffset: offsetNumber(m.committed_offset),
    tailOffset: offsetNumber(m.tail_offset),
    created: m.created,
    epoch: epochNumber(m.epoch),
  };
}
