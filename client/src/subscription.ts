// A subscription as the caller sees it: an async iterable of records that outlives connections.
// It remembers the next offset it expects, and the epoch of the stream's log that offset counts
// in, so after a reconnect it asks for exactly that one and the caller sees neither a duplicate
// nor a silent hole; records the broker could not deliver show up as gaps, and a log that
// started again (a new epoch) as an explicit reset or a typed error.
import type { JsonU64, Subscribe, WireMessage } from '@felix/generated';
import type { ByteSource } from '@felix/transport';
import type { EpochCheck } from './connection/requests.js';
import type { Connection } from './connection.js';
import { type Delivery, DeliveryQueue } from './delivery-queue.js';
import { FelixError, SubscribeCursorError } from './errors.js';
import { readEventStream } from './event-stream-reader.js';
import type { ResolvedOptions } from './options.js';
import { Reattacher } from './reattach.js';
import { epochNumber, offsetNumber } from './util.js';

/**
 * Where a subscription starts. An offset kept from an earlier run should carry the epoch it was
 * delivered in (Delivery.epoch), so a broker whose log started again can say so.
 */
export type StartPosition = 'latest' | 'earliest' | { offset: number; epoch?: number };

/** Records the subscription will never see, reported as soon as the client can tell. */
export interface Gap {
  /**
   * - `dropped`: the broker skipped them for this subscriber (it fell behind its queue bound).
   * - `overflow`: the client dropped them because the consumer let its buffer fill. Only on
   *   multiplexed carriers (WebTransport), where one stream cannot push back on the broker
   *   without stalling the whole session; over TLS a full buffer slows the broker instead.
   * - `retention`: they left the broker's log while the client was away, before it could resume.
   * - `reset`: the broker's log no longer continues from the client's position (it restarted
   *   with an empty log, or sends no offsets); delivery goes on from what it now holds.
   * - `drain`: the broker shut down before it had delivered them. As its drain began it named
   *   where delivery would end (subscription_end); the session closed before the client got
   *   that far, and the broker it came back to does not hold them. Reported on that resume,
   *   just before the `reset` that follows.
   * - `epoch`: the stream's log is another incarnation (a new epoch) than the one the position
   *   was read in, so the position names none of its records; delivery goes on from the oldest
   *   record the new epoch holds (see SubscribeOptions.onEpochChange). `from` is the position
   *   in the old epoch; what that epoch held past it is lost with it.
   */
  reason: 'dropped' | 'overflow' | 'retention' | 'reset' | 'drain' | 'epoch';
  /** The first missing offset; undefined when the broker sends no offsets. */
  from: number | undefined;
  /** How many; undefined for `reset` and `epoch`, where the client cannot know. */
  count: number | undefined;
  /** For `epoch`: the epoch the position was read in and the stream's epoch now. */
  epoch?: { previous: number; current: number };
}

export interface SubscribeOptions {
  /** Where delivery starts. Default 'latest'. */
  start?: StartPosition;
  /** Namespace of the stream; the client's default otherwise. */
  namespace?: string;
  /** Called for every gap, as it is found. */
  onGap?: (gap: Gap) => void;
  /** Payload bytes held for a slow consumer before the client stops reading. Default: the client's option. */
  bufferBytes?: number;
  /**
   * What happens when the stream's log turns out to be another epoch than the one the
   * subscription's position was read in (the broker restarted with an empty in-memory log):
   * - `restart` (default): go on from the oldest record of the new epoch, reporting a gap with
   *   reason `epoch`.
   * - `fail`: end the subscription; iteration throws a SubscribeCursorError with code and
   *   reason `epoch_mismatch` once the records received before are read.
   */
  onEpochChange?: 'restart' | 'fail';
}

/** What a subscription needs from its client. */
export interface SubscriptionHost {
  readonly options: ResolvedOptions;
  /** The live connection, if there is one now. */
  current(): Connection | undefined;
  backoff(attempt: number): number;
  reportError(error: FelixError): void;
  detach(sub: Subscription): void;
}

/** How often resuming may land on a cursor error in a row before the subscription gives up. */
const MAX_CURSOR_RETRIES = 8;

/**
 * Stops an event stream we no longer read, which ends the subscription at the broker. On TLS the
 * stream is its own connection, kept by the carrier out of reach of its ByteSource, so it is
 * found on the source and closed; on multiplexed carriers leaving the iterator cancels the stream
 * (STOP_SENDING), and the broker's event sink reports that as closed.
 */
function closeSource(source: ByteSource, it: AsyncIterator<Uint8Array>): void {
  void it.return?.()?.catch(() => {});
  const socket = (source as { socket?: { destroy?: () => void } }).socket;
  socket?.destroy?.();
}

export class Subscription implements AsyncIterable<Delivery> {
  readonly namespace: string;
  /** Records known to be missing (sum of gap counts). */
  gaps = 0;
  /** Times continuity was lost without a count (gap reason `reset`). */
  resets = 0;
  private start: StartPosition;
  private nextOffset: number | undefined;
  /** The stream epoch nextOffset counts in; undefined until a broker with epochs names it. */
  private logEpoch: number | undefined;
  private readonly onEpochChange: 'restart' | 'fail';
  private readonly onGap: ((gap: Gap) => void) | undefined;
  private readonly queue: DeliveryQueue;
  private state: 'active' | 'closed' | 'failed' = 'active';
  private failure: FelixError | undefined;
  /** Bumped whenever the event stream is replaced or dropped; older read loops stop. */
  private epoch = 0;
  private source: { source: ByteSource; it: AsyncIterator<Uint8Array> } | undefined;
  /** The connection the current or ongoing attach belongs to. */
  private conn: Connection | undefined;
  private readonly reattach: Reattacher;
  private iterating = false;
  /** Whether a full buffer may stop reading (true where each stream is its own connection). */
  private backpressure = true;
  /** A run of records dropped for a full buffer, reported once it ends. */
  private overflow: { from: number | undefined; count: number } | undefined;
  /** The broker's id for this subscription on the connection it is attached to. */
  private attachedId: JsonU64 | undefined;
  /** Where a draining broker said delivery ends; what we lack below it when resuming is a gap. */
  private owedUntil: number | undefined;

  /** @internal Subscriptions come from FelixClient.subscribe. */
  constructor(
    private readonly host: SubscriptionHost,
    readonly stream: string,
    options: SubscribeOptions,
  ) {
    this.namespace = options.namespace ?? host.options.namespace;
    this.start = options.start ?? 'latest';
    this.queue = new DeliveryQueue(options.bufferBytes ?? host.options.subscriptionBufferBytes);
    this.onGap = options.onGap;
    this.onEpochChange = options.onEpochChange ?? 'restart';
    if (typeof this.start === 'object') {
      const { offset, epoch } = this.start;
      if (!Number.isSafeInteger(offset) || offset < 0)
        throw new RangeError(`start offset must be a safe non-negative integer, not ${offset}`);
      if (epoch !== undefined && (!Number.isSafeInteger(epoch) || epoch < 1))
        throw new RangeError(`start epoch must be a safe positive integer, not ${epoch}`);
      this.logEpoch = epoch;
    }
    this.reattach = new Reattacher(
      {
        what: `subscribe ${stream}`,
        active: () => this.state === 'active',
        attachedTo: () => this.conn,
        attach: (conn) => this.attach(conn, false),
        fail: (error) => this.fail(error),
      },
      host,
    );
  }

  /** The offset the subscription expects next (where it resumes); undefined before it knows. */
  get position(): number | undefined {
    return this.nextOffset;
  }

  /** The epoch of the stream's log that `position` counts in; undefined from a broker without epochs. */
  get streamEpoch(): number | undefined {
    return this.logEpoch;
  }

  /** @internal the connection the subscription is attached (or attaching) to. */
  get connection(): Connection | undefined {
    return this.conn;
  }

  get closed(): boolean {
    return this.state !== 'active';
  }

  /**
   * Subscribes on `conn` and starts reading its event stream. On the first attach a cursor
   * error is the caller's to see; when resuming, the client handles it by itself.
   * @internal
   */
  async attach(conn: Connection, initial: boolean): Promise<void> {
    const epoch = ++this.epoch;
    this.conn = conn;
    this.attachedId = undefined;
    this.dropSource();
    for (let cursorRetries = 0; ; cursorRetries++) {
      const start: Subscribe['start'] = this.nextOffset !== undefined ? { offset: this.nextOffset } : this.wireStart();
      const sentEpoch = typeof start === 'object' ? this.logEpoch : undefined;
      const check = sentEpoch === undefined ? undefined : this.epochCheck(sentEpoch);
      const reply = await conn.subscribe(this.namespace, this.stream, start, this.host.options.requestTimeoutMs, check);
      if (epoch !== this.epoch) return;
      if (reply.type === 'subscribe_cursor_error') {
        const requested = offsetNumber(reply.requested);
        const available = offsetNumber(reply.available);
        const replyEpoch = epochNumber(reply.epoch);
        const mismatch = reply.reason === 'epoch_mismatch';
        if (mismatch && this.onEpochChange === 'fail') {
          throw new SubscribeCursorError(this.stream, reply.reason, requested, available, {
            requested: sentEpoch,
            current: replyEpoch,
          });
        }
        if (!mismatch && replyEpoch !== undefined) this.logEpoch = replyEpoch;
        if (initial && !mismatch) throw new SubscribeCursorError(this.stream, reply.reason, requested, available);
        if (cursorRetries >= MAX_CURSOR_RETRIES) {
          throw new FelixError(`subscribe ${this.stream}: the broker keeps refusing the resume offset`, {
            code: 'cursor_out_of_range',
            retry: 'retry_after',
          });
        }
        if (mismatch) {
          // Asked to restart, the broker refused anyway: restart by asking for earliest.
          this.epochReset(sentEpoch, replyEpoch);
          continue;
        }
        if (reply.reason === 'too_old') {
          this.owedUntil = undefined;
          this.gap({ reason: 'retention', from: requested, count: available - requested });
          this.nextOffset = available;
        } else {
          this.reportDrainCut();
          // The broker's log ends before our position: it is not the log we were reading
          // (a restart with an empty log), so everything it holds is new to us.
          this.gap({ reason: 'reset', from: this.nextOffset, count: undefined });
          this.nextOffset = undefined;
          this.start = 'earliest';
        }
        continue;
      }
      // A new epoch loses what a drain cut short with the old one; otherwise the broker serves
      // our position and still holds whatever the drain cut short.
      const replyEpoch = epochNumber(reply.epoch);
      if (reply.epoch_reset) this.epochReset(sentEpoch, replyEpoch);
      this.owedUntil = undefined;
      this.attachedId = reply.subscription_id;
      if (replyEpoch !== undefined) this.logEpoch = replyEpoch;
      if (reply.start_offset !== undefined) {
        if (this.nextOffset === undefined) this.nextOffset = offsetNumber(reply.start_offset);
      } else if (!initial) {
        // Without offsets the client cannot ask for its exact position.
        this.gap({ reason: 'reset', from: undefined, count: undefined });
      }
      if (reply.start_offset === undefined) this.start = 'latest';
      const source = await conn.eventStream(reply.subscription_id);
      const it = source[Symbol.asyncIterator]();
      if (epoch !== this.epoch || this.state !== 'active') {
        closeSource(source, it);
        return;
      }
      this.source = { source, it };
      this.backpressure = conn.session.needsAttachToken;
      void this.read(epoch, conn, reply.subscription_id, it);
      return;
    }
  }

  /** The start to send when there is no position yet: named positions as given, an offset as a number. */
  private wireStart(): Subscribe['start'] {
    return typeof this.start === 'object' ? { offset: this.start.offset } : this.start;
  }

  private epochCheck(sentEpoch: number): EpochCheck {
    return { epoch: sentEpoch, on_epoch_mismatch: this.onEpochChange === 'restart' ? 'earliest' : 'refuse' };
  }

  /**
   * The position was read in another epoch of the log: it is reported and dropped, and the
   * subscription goes on from the new epoch's oldest record.
   */
  private epochReset(previous: number | undefined, current: number | undefined): void {
    // Records the old epoch owed us before its drain are reported as such, then the rest.
    this.reportDrainCut();
    this.gap({
      reason: 'epoch',
      from: this.nextOffset ?? (typeof this.start === 'object' ? this.start.offset : undefined),
      count: undefined,
      ...(previous !== undefined && current !== undefined && { epoch: { previous, current } }),
    });
    this.nextOffset = undefined;
    this.start = 'earliest';
    this.logEpoch = current;
  }

  /**
   * Attaches again, on a new connection or after the broker ended the event stream; retries
   * by itself until it works, the connection goes (the client calls again) or it cannot work.
   * @internal
   */
  resume(conn: Connection, again = false): void {
    this.reattach.resume(conn, again);
  }

  private async read(epoch: number, conn: Connection, subscriptionId: JsonU64, it: AsyncIterator<Uint8Array>) {
    // A reset stream or a lost connection ends the read without a problem; either way the
    // subscription resumes below.
    const problem = await readEventStream(it, {
      id: subscriptionId,
      what: `subscription ${this.stream}`,
      maxFrameBytes: this.host.options.maxFrameBytes,
      reportError: (e) => this.host.reportError(e),
      current: () => epoch === this.epoch,
      accept: (m) => this.accept(m),
      afterBatch: async () => {
        this.flushOverflow();
        if (this.backpressure && this.queue.full) await this.queue.waitForRoom();
      },
    });
    if (epoch !== this.epoch || this.state !== 'active') return;
    this.dropSource();
    if (problem) this.host.reportError(problem);
    if (!conn.isLost) {
      this.conn = undefined;
      // A draining broker ends the stream once it has delivered what it owes, and will close
      // the session next: the subscription resumes on the client's next connection.
      if (this.owedUntil !== undefined) return;
      // The broker ended this subscription (an overflow disconnect) while the connection
      // lives: ask again from where we are, after a pause.
      this.reattach.later();
      return;
    }
    // The connection went; if the client already has a new one, it may have passed us by.
    const now = this.host.current();
    if (now && now !== conn) this.resume(now);
  }

  /**
   * A draining broker says delivery on `conn` ends before `endOffset`. Kept until the next
   * attach: if the session closes before the records up to it arrived and the next broker
   * cannot serve them, they are reported as a `drain` gap.
   * @internal
   */
  deliveryEnds(conn: Connection, subscriptionId: JsonU64, endOffset: number): void {
    if (conn !== this.conn || subscriptionId !== this.attachedId) return;
    this.owedUntil = endOffset;
  }

  /** Reports what a drain cut short, from our position to where the broker said it would end. */
  private reportDrainCut(): void {
    const until = this.owedUntil;
    this.owedUntil = undefined;
    const from = this.nextOffset;
    if (until === undefined || from === undefined || until <= from) return;
    this.gap({ reason: 'drain', from, count: until - from });
    this.nextOffset = until;
  }

  private accept(m: WireMessage): void {
    switch (m.type) {
      case 'binary_shared_event_batch':
      case 'binary_event_batch': {
        let offset = m.base_offset === undefined ? undefined : offsetNumber(m.base_offset);
        for (const payload of m.payloads) {
          this.deliver(offset, payload);
          if (offset !== undefined) offset++;
        }
        return;
      }
      case 'event':
        this.deliver(m.offset === undefined ? undefined : offsetNumber(m.offset), m.payload);
        return;
      case 'event_batch':
        for (const payload of m.payloads) this.deliver(undefined, payload);
        return;
      default:
        this.host.reportError(
          new FelixError(`subscription ${this.stream}: unexpected ${m.type} on an event stream`, {
            code: 'protocol_error',
            retry: 'fatal',
          }),
        );
    }
  }

  private deliver(offset: number | undefined, payload: Uint8Array): void {
    if (offset !== undefined) {
      const expected = this.nextOffset;
      if (expected !== undefined) {
        if (offset < expected) return; // already delivered before a resume
        if (offset > expected) {
          this.flushOverflow();
          this.gap({ reason: 'dropped', from: expected, count: offset - expected });
        }
      }
      this.nextOffset = offset + 1;
    }
    if (!this.backpressure && this.queue.full) {
      this.overflow ??= { from: offset, count: 0 };
      this.overflow.count++;
      return;
    }
    this.flushOverflow();
    this.queue.push({ offset, epoch: this.logEpoch, payload });
  }

  private flushOverflow(): void {
    const run = this.overflow;
    if (!run) return;
    this.overflow = undefined;
    this.gap({ reason: 'overflow', from: run.from, count: run.count });
  }

  private gap(gap: Gap): void {
    if (gap.count !== undefined) this.gaps += gap.count;
    else this.resets++;
    try {
      this.onGap?.(gap);
    } catch (err) {
      this.host.reportError(
        new FelixError(`subscription ${this.stream}: onGap threw: ${(err as Error).message}`, {
          code: 'unknown',
          cause: err,
        }),
      );
    }
  }

  private dropSource(): void {
    const s = this.source;
    this.source = undefined;
    if (s) closeSource(s.source, s.it);
    // A read loop parked on a full buffer must notice it was replaced.
    this.queue.wakeWriter();
  }

  /** The next record, waiting for one; done once the subscription is closed. */
  next(): Promise<IteratorResult<Delivery>> {
    const item = this.queue.take();
    if (item) return Promise.resolve({ value: item, done: false });
    if (this.state === 'failed') return Promise.reject(this.failure);
    if (this.state === 'closed') return Promise.resolve({ value: undefined, done: true });
    return this.queue.waitForItem();
  }

  [Symbol.asyncIterator](): AsyncIterator<Delivery> {
    if (this.iterating && this.state === 'active')
      throw new Error(`subscription ${this.stream} is already being iterated`);
    this.iterating = true;
    return {
      next: () => this.next(),
      // Leaving a for-await loop (break, return, throw) ends the subscription.
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  /** Ends the subscription: the broker stops sending, and iteration ends after nothing more. */
  async close(): Promise<void> {
    this.queue.clear();
    this.end('closed');
  }

  /** @internal the client is closing: what was received can still be read, then iteration ends. */
  finish(): void {
    this.end('closed');
  }

  /** @internal the subscription cannot go on; iteration throws `error` once the buffer is read. */
  fail(error: FelixError): void {
    this.failure = error;
    this.end('failed');
  }

  private end(state: 'closed' | 'failed'): void {
    if (this.state !== 'active') return;
    this.state = state;
    this.epoch++;
    this.reattach.cancel();
    this.dropSource();
    this.host.detach(this);
    this.queue.endReader(state === 'failed' ? this.failure : undefined);
  }
}
