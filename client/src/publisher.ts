// Client-side publish batching. Publishes to one stream gather into a batch until it is full
// (by count or bytes) or its linger time is up, and go out as one frame; each caller's promise
// settles when its batch is acknowledged (or written, for a batch nobody asked an ack for).
// Batches outlive connections: one that never left the client is sent on the next connection.
//
// The first batch to a stream on each connection is always acknowledged, and later batches to
// that stream wait for it. Refusals of unacknowledged batches come back as errors that name no
// request; once the stream is known to exist, nothing the broker could refuse remains, so such
// an error can no longer be mistaken for the answer to another request on the control stream.
import { LIMITS } from '@felix/generated';
import type { Connection } from './connection.js';
import { FelixError, toFelix } from './errors.js';
import type { ResolvedOptions } from './options.js';

interface Waiter {
  resolve(): void;
  reject(error: FelixError): void;
}

/** Bytes a payload adds to a binary batch: its u32 length prefix and itself. */
const itemBytes = (payload: Uint8Array) => payload.length + 4;

/** Room left in a frame for everything but the payloads (names, ids, list header). */
const FRAME_OVERHEAD = 1024;

/** Control-stream bytes queued in the carrier before the publisher waits for them to drain. */
const HIGH_WATER = 1 << 20;

/** Codes that say a stream cannot take publishes at all, so its queued batches would fail alike. */
const STREAM_REFUSALS: ReadonlySet<string> = new Set(['not_found', 'forbidden', 'unauthenticated']);

class Batch {
  readonly payloads: Uint8Array[] = [];
  bytes = 0;
  acked = false;
  readonly waiters: Waiter[] = [];
  state: 'open' | 'queued' | 'sent' | 'done' = 'open';
  timer: ReturnType<typeof setTimeout> | undefined;
  private settledSignal: (() => void) | undefined;
  /** Resolves once every waiter is settled, whichever way. */
  readonly settled = new Promise<void>((resolve) => {
    this.settledSignal = resolve;
  });

  constructor(readonly seq: number) {}

  finish(error?: FelixError): void {
    if (this.state === 'done') return;
    this.state = 'done';
    clearTimeout(this.timer);
    for (const w of this.waiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
    this.settledSignal?.();
  }
}

class Lane {
  open: Batch | undefined;
  /** Sealed batches waiting to be sent, in publish order. */
  queue: Batch[] = [];
  verifiedOn: Connection | undefined;
  probingOn: Connection | undefined;
  pumping = false;
  flushScheduled = false;
  lingerTimer: ReturnType<typeof setTimeout> | undefined;
  /** Batches sent and waiting for an ack, for flush(). */
  readonly sent = new Set<Batch>();

  constructor(
    readonly namespace: string,
    readonly stream: string,
  ) {}
}

export interface PublisherHost {
  readonly options: ResolvedOptions;
  current(): Connection | undefined;
}

export class Publisher {
  private readonly lanes = new Map<string, Lane>();
  private seq = 0;
  /** Payload bytes in batches not yet handed to a connection. */
  private pendingBytes = 0;
  private closedWith: FelixError | undefined;

  constructor(private readonly host: PublisherHost) {}

  private lane(namespace: string, stream: string): Lane {
    const key = `${namespace}\u0000${stream}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = new Lane(namespace, stream);
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private refuse(message: string, code: 'limit_exceeded' | 'buffer_full', retry: 'fatal' | 'retry_after') {
    return Promise.reject(new FelixError(message, { code, retry }));
  }

  private admit(bytes: number, what: string): Promise<never> | undefined {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const o = this.host.options;
    if (bytes + FRAME_OVERHEAD > o.maxFrameBytes) {
      return this.refuse(
        `${what}: ${bytes} bytes do not fit in one frame (${o.maxFrameBytes})`,
        'limit_exceeded',
        'fatal',
      );
    }
    if (this.pendingBytes + bytes > o.maxPendingBytes) {
      return this.refuse(
        `${what}: ${this.pendingBytes} bytes are already waiting to be sent`,
        'buffer_full',
        'retry_after',
      );
    }
    return undefined;
  }

  publish(namespace: string, stream: string, payload: Uint8Array, ack: boolean): Promise<void> {
    const size = itemBytes(payload);
    const refused = this.admit(size, `publish ${namespace}/${stream}`);
    if (refused) return refused;
    const { maxMessages, maxBytes } = this.host.options.batch;
    const lane = this.lane(namespace, stream);
    let batch = lane.open;
    if (batch && (batch.payloads.length >= maxMessages || batch.bytes + size > maxBytes)) {
      this.seal(lane);
      batch = undefined;
    }
    if (!batch) {
      batch = this.newBatch();
      lane.open = batch;
    }
    batch.payloads.push(payload);
    batch.bytes += size;
    batch.acked ||= ack;
    this.pendingBytes += size;
    const settled = new Promise<void>((resolve, reject) => batch.waiters.push({ resolve, reject }));
    if (batch.payloads.length >= maxMessages || batch.bytes >= maxBytes) this.seal(lane);
    else this.schedule(lane);
    return settled;
  }

  publishBatch(namespace: string, stream: string, payloads: readonly Uint8Array[], ack: boolean): Promise<void> {
    if (payloads.length === 0) return this.closedWith ? Promise.reject(this.closedWith) : Promise.resolve();
    const what = `publish ${namespace}/${stream}`;
    if (payloads.length > LIMITS.batch_max_items) {
      return this.refuse(
        `${what}: ${payloads.length} payloads (at most ${LIMITS.batch_max_items})`,
        'limit_exceeded',
        'fatal',
      );
    }
    let bytes = 0;
    for (const p of payloads) bytes += itemBytes(p);
    const refused = this.admit(bytes, what);
    if (refused) return refused;
    const lane = this.lane(namespace, stream);
    // Whatever was published before must go first.
    if (lane.open) this.seal(lane);
    const batch = this.newBatch();
    batch.payloads.push(...payloads);
    batch.bytes = bytes;
    batch.acked = ack;
    this.pendingBytes += bytes;
    const settled = new Promise<void>((resolve, reject) => batch.waiters.push({ resolve, reject }));
    batch.state = 'queued';
    lane.queue.push(batch);
    void this.pump(lane);
    return settled;
  }

  private newBatch(): Batch {
    const batch = new Batch(this.seq++);
    const ms = this.host.options.requestTimeoutMs;
    batch.timer = setTimeout(() => this.expire(batch), ms);
    return batch;
  }

  private expire(batch: Batch): void {
    if (batch.state === 'done') return;
    const sent = batch.state === 'sent';
    if (!sent) {
      this.pendingBytes -= batch.bytes;
      for (const lane of this.lanes.values()) {
        if (lane.open === batch) lane.open = undefined;
        const i = lane.queue.indexOf(batch);
        if (i >= 0) lane.queue.splice(i, 1);
      }
    }
    const ms = this.host.options.requestTimeoutMs;
    batch.finish(
      new FelixError(`publish: ${sent ? 'no acknowledgement' : 'not sent'} within ${ms} ms`, {
        code: 'timeout',
        retry: sent ? 'outcome_unknown' : 'retry',
      }),
    );
  }

  /** Sends at the end of this turn, or after the linger time. */
  private schedule(lane: Lane): void {
    const linger = this.host.options.batch.lingerMs;
    if (linger === 0) {
      if (lane.flushScheduled) return;
      lane.flushScheduled = true;
      queueMicrotask(() => {
        lane.flushScheduled = false;
        if (lane.open) this.seal(lane);
      });
    } else if (!lane.lingerTimer) {
      lane.lingerTimer = setTimeout(() => {
        lane.lingerTimer = undefined;
        if (lane.open) this.seal(lane);
      }, linger);
    }
  }

  private seal(lane: Lane): void {
    const batch = lane.open;
    if (!batch) return;
    lane.open = undefined;
    clearTimeout(lane.lingerTimer);
    lane.lingerTimer = undefined;
    batch.state = 'queued';
    lane.queue.push(batch);
    void this.pump(lane);
  }

  /** A batch that never reached the broker goes back in line, in publish order. */
  private requeue(lane: Lane, batch: Batch): void {
    if (batch.state === 'done') return;
    lane.sent.delete(batch);
    batch.state = 'queued';
    this.pendingBytes += batch.bytes;
    let i = lane.queue.length;
    while (i > 0 && lane.queue[i - 1].seq > batch.seq) i--;
    lane.queue.splice(i, 0, batch);
  }

  /** Sends what a lane has queued on the current connection. */
  private async pump(lane: Lane): Promise<void> {
    const conn = this.host.current();
    if (!conn || conn.isLost || conn.draining || lane.pumping || lane.queue.length === 0) return;
    if (lane.verifiedOn !== conn) {
      if (lane.probingOn === conn) return;
      lane.probingOn = conn;
      const probe = lane.queue.shift()!;
      this.send(conn, lane, probe, true).then(
        () => {
          if (lane.probingOn === conn) lane.probingOn = undefined;
          if (!conn.isLost) lane.verifiedOn = conn;
          void this.pump(lane);
        },
        (error: FelixError) => {
          if (lane.probingOn === conn) lane.probingOn = undefined;
          if (STREAM_REFUSALS.has(error.code)) {
            for (const batch of lane.queue.splice(0)) {
              this.pendingBytes -= batch.bytes;
              batch.finish(error);
            }
          }
          void this.pump(lane);
        },
      );
      return;
    }
    lane.pumping = true;
    try {
      while (lane.queue.length > 0 && !conn.isLost && this.host.current() === conn) {
        if (conn.backlog >= HIGH_WATER) {
          await conn.drained();
          continue;
        }
        void this.send(conn, lane, lane.queue.shift()!, false).catch(() => {});
      }
    } finally {
      lane.pumping = false;
    }
    // A connection that replaced this one while we waited takes over.
    if (lane.queue.length > 0 && this.host.current() !== conn) void this.pump(lane);
  }

  /** Sends one batch; settles its callers unless it goes back in line. Rejects with the refusal. */
  private async send(conn: Connection, lane: Lane, batch: Batch, probe: boolean): Promise<void> {
    this.pendingBytes -= batch.bytes;
    batch.state = 'sent';
    if (!batch.acked && !probe) {
      try {
        conn.publishUnacked(lane.namespace, lane.stream, batch.payloads);
      } catch (err) {
        const error = toFelix(err);
        if (error.code === 'connection_lost') this.requeue(lane, batch);
        else batch.finish(error);
        throw error;
      }
      batch.finish();
      return;
    }
    lane.sent.add(batch);
    try {
      // JSON for the first batch when errors are typed: a refusal (an unknown stream) then
      // arrives with its code, where a binary ack would carry only a message.
      await conn.publishAcked(lane.namespace, lane.stream, batch.payloads, probe && conn.typedErrors);
    } catch (err) {
      const error = toFelix(err);
      lane.sent.delete(batch);
      // Nothing was applied and the broker asks for the same request again: a connection that
      // went before the bytes left, or a broker draining for shutdown. Send it on the next one.
      if ((error.code === 'connection_lost' && error.retry === 'retry') || error.code === 'draining') {
        this.requeue(lane, batch);
        // A draining broker refuses everything until it closes; wait for the next connection.
        if (error.code === 'draining') conn.draining = true;
      } else batch.finish(error);
      throw error;
    }
    lane.sent.delete(batch);
    batch.finish();
  }

  /** The connection changed: send everything waiting. */
  resume(): void {
    for (const lane of this.lanes.values()) void this.pump(lane);
  }

  /** Sends every open batch now and resolves once everything published so far has settled. */
  async flush(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const lane of this.lanes.values()) {
      if (lane.open) this.seal(lane);
      for (const b of lane.queue) waits.push(b.settled);
      for (const b of lane.sent) waits.push(b.settled);
    }
    await Promise.all(waits);
  }

  /** Fails everything not yet settled; later publishes fail with `error`. */
  close(error: FelixError): void {
    this.closedWith = error;
    for (const lane of this.lanes.values()) {
      clearTimeout(lane.lingerTimer);
      const batches = [...(lane.open ? [lane.open] : []), ...lane.queue, ...lane.sent];
      lane.open = undefined;
      lane.queue = [];
      lane.sent.clear();
      for (const b of batches) b.finish(error);
    }
    this.pendingBytes = 0;
  }
}
