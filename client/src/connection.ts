// One authenticated session with a broker: the control stream with its in-flight requests, the
// pool of cache streams, and the event streams of subscriptions and group consumers. A Connection never reconnects;
// when it is lost it fails what it holds and the client builds a new one.
import {
  type SubscribeCursorError as CursorErrorMessage,
  encodeFrame,
  FEATURES,
  FLAGS,
  type GroupJoin,
  type GroupJoined,
  type JsonU64,
  ORIGINAL_V1_FLAGS,
  readFrames,
  type Subscribe,
  type Subscribed,
  WireError,
  type WireMessage,
} from '@felix/generated';
import type { ByteSource, ClientSession } from '@felix/transport';
import type { SettleFrame } from './ack-coalescer.js';
import { CacheStreamPool } from './connection/cache-stream-pool.js';
import { authFrame, ConnectDeadline, type Dialer, dialSession, negotiation } from './connection/handshake.js';
import { type PendingRequest, PendingRequests, type RequestKind } from './connection/pending-requests.js';
import {
  ackedPublishFrame,
  type CacheAnswer,
  type CacheRequest,
  cacheFrame,
  checkFrameSize,
  type EpochCheck,
  type StreamAddress,
  settleCache,
  settleGroupJoin,
  settleGroupRequest,
  settlePublish,
  settleSubscribe,
  subscribeFrame,
  unackedPublishFrame,
} from './connection/requests.js';
import { FelixError, unreadableFrame } from './errors.js';
import type { Endpoint, ResolvedOptions } from './options.js';
import { type Deferred, deferred, withTimeout } from './util.js';

/** The binary cache layouts, all of which a session needs to send its cache requests in binary. */
const BINARY_CACHE_FLAGS =
  FLAGS.BINARY_CACHE_GET |
  FLAGS.BINARY_CACHE_PUT |
  FLAGS.BINARY_CACHE_DELETE |
  FLAGS.BINARY_CACHE_VALUE |
  FLAGS.BINARY_CACHE_OK;

/** A group_join as the consumer asks for it; the connection adds the tenant. */
export type GroupJoinRequest = Omit<GroupJoin, 'type' | 'tenant_id'>;

export interface ConnectionEvents {
  /** A broker error no request owns (an unacknowledged publish refused, a drain notice). */
  asyncError(error: FelixError): void;
  /** A draining broker named where delivery ends for the subscription it knows by `subscriptionId`. */
  subscriptionEnd(conn: Connection, subscriptionId: JsonU64, endOffset: number): void;
}

export class Connection {
  /** Frame flags both sides understand; nothing else is sent or expected. */
  flags = ORIGINAL_V1_FLAGS;
  features = 0;
  /** The broker answered auth with `ok`: an upstream-era broker. */
  legacy = false;
  /** The broker said it is shutting down; new publishes wait for the next connection. */
  draining = false;
  private nextId = 1;
  private readonly requests: PendingRequests;
  private readonly cacheStreams: CacheStreamPool;
  private lostError: FelixError | undefined;
  private readonly lostSignal = deferred<FelixError>();

  private constructor(
    readonly session: ClientSession,
    readonly options: ResolvedOptions,
    readonly events: ConnectionEvents,
  ) {
    this.requests = new PendingRequests({
      asyncError: (error) => this.events.asyncError(error),
      draining: () => {
        this.draining = true;
      },
      subscriptionEnd: (subscriptionId, endOffset) => this.events.subscriptionEnd(this, subscriptionId, endOffset),
    });
    this.cacheStreams = new CacheStreamPool(
      options,
      () => this.session.openCacheStream(),
      (error) => this.events.asyncError(error),
    );
    void this.readControl();
    void session.closed.then((info) => this.teardown(`the carrier closed (${info.code}: ${info.reason})`));
  }

  /** Dials, authenticates and negotiates; the connection is usable once this resolves. */
  static async open(
    dial: Dialer,
    endpoint: Endpoint,
    options: ResolvedOptions,
    events: ConnectionEvents,
  ): Promise<Connection> {
    const deadline = new ConnectDeadline(endpoint, options.connectTimeoutMs);
    const session = await dialSession(dial, endpoint, options, deadline);
    const conn = new Connection(session, options, events);
    try {
      await withTimeout(conn.authenticate(), deadline.remainingMs, deadline.timedOut);
    } catch (err) {
      conn.close();
      throw err;
    }
    return conn;
  }

  private async authenticate(): Promise<void> {
    const answer = this.requests.awaitAuth();
    this.write(authFrame(this.options));
    const m = await answer;
    if (m instanceof Error) throw m;
    const agreed = negotiation(m);
    this.flags = agreed.flags;
    this.features = agreed.features;
    this.legacy = agreed.legacy;
    if (agreed.sessionToken !== undefined) this.session.setAttachToken(agreed.sessionToken);
  }

  get carrier(): string {
    return this.session.carrier;
  }

  /** Resolves with the reason once the connection is gone. */
  get lost(): Promise<FelixError> {
    return this.lostSignal.promise;
  }

  get isLost(): boolean {
    return this.lostError !== undefined;
  }

  /** Acked publishes can go as binary batches answered by binary acks. */
  get binaryAcks(): boolean {
    const both = FLAGS.BINARY_PUBLISH_ACKED | FLAGS.BINARY_PUBLISH_ACK;
    return (this.flags & both) === both;
  }

  /** The broker serves consumer groups: it negotiated QUEUES and their delivery layout. */
  get queues(): boolean {
    return (this.features & FEATURES.QUEUES) !== 0 && (this.flags & FLAGS.GROUP_DELIVERY_BATCH) !== 0;
  }

  /** Cache requests and answers can go in binary layouts: the broker negotiated BINARY_CACHE and all five. */
  get binaryCache(): boolean {
    return (this.features & FEATURES.BINARY_CACHE) !== 0 && (this.flags & BINARY_CACHE_FLAGS) === BINARY_CACHE_FLAGS;
  }

  get typedErrors(): boolean {
    return (this.features & FEATURES.ERROR_CODES) !== 0;
  }

  /** Bytes handed to the control stream and not yet sent. */
  get backlog(): number {
    return this.session.control.writable.bufferedBytes;
  }

  drained(): Promise<void> {
    return this.session.control.writable.drained().catch(() => undefined);
  }

  // ---- control stream ----

  private write(frame: Uint8Array): void {
    if (this.lostError) throw this.lostError;
    try {
      this.session.control.writable.write(frame);
    } catch (err) {
      this.teardown('the control stream refused a write', err);
      throw this.lostError;
    }
  }

  private async readControl(): Promise<void> {
    let reason = 'the broker ended the control stream';
    let cause: unknown;
    try {
      for await (const batch of readFrames(this.session.control.readable, { maxPayload: this.options.maxFrameBytes })) {
        for (const f of batch) {
          if (f.error) this.events.asyncError(unreadableFrame('control stream', f.error));
          else this.requests.dispatch(f.message);
        }
      }
    } catch (err) {
      reason = err instanceof WireError ? 'unreadable frame header on the control stream' : 'control stream failed';
      cause = err;
    }
    this.teardown(reason, cause);
  }

  // ---- requests ----

  private address(namespace: string, stream: string): StreamAddress {
    return { tenant_id: this.options.tenant, namespace, stream };
  }

  /** Publishes one batch and resolves on its acknowledgement (see ackedPublishFrame for its form). */
  publishAcked(namespace: string, stream: string, payloads: readonly Uint8Array[], json: boolean): Promise<void> {
    const id = this.nextId++;
    const context = `publish ${namespace}/${stream}`;
    const { frame, binary } = ackedPublishFrame(
      this.address(namespace, stream),
      payloads,
      id,
      json,
      this.binaryAcks,
      this.options.maxFrameBytes,
    );
    checkFrameSize(frame, this.options.maxFrameBytes, context);
    const done = deferred<void>();
    const request: PendingRequest = {
      key: id,
      kind: binary ? 'publish_binary' : 'publish_json',
      answer: (m) => settlePublish(done, m, id, context),
      fail: (e) => done.reject(e),
    };
    this.requests.track(request);
    try {
      this.write(frame);
    } catch (err) {
      this.requests.withdraw(request);
      done.reject(err);
    }
    return done.promise;
  }

  /** Publishes one batch that nobody acknowledges; done once the bytes are handed to the carrier. */
  publishUnacked(namespace: string, stream: string, payloads: readonly Uint8Array[]): void {
    const frame = unackedPublishFrame(
      this.address(namespace, stream),
      payloads,
      (this.flags & FLAGS.BINARY_PUBLISH_BATCH) !== 0,
    );
    checkFrameSize(frame, this.options.maxFrameBytes, `publish ${namespace}/${stream}`);
    this.write(frame);
  }

  /**
   * Sends subscribe; resolves with subscribed or subscribe_cursor_error, rejects on error. The
   * epoch check goes only to a broker that negotiated STREAM_EPOCHS.
   */
  subscribe(
    namespace: string,
    stream: string,
    start: Subscribe['start'],
    timeoutMs: number,
    check?: EpochCheck,
  ): Promise<Subscribed | CursorErrorMessage> {
    const key = this.nextId++;
    const done = deferred<Subscribed | CursorErrorMessage>();
    const context = `subscribe ${namespace}/${stream}`;
    const request: PendingRequest = {
      key,
      kind: 'subscribe',
      answer: (m) => settleSubscribe(done, m, context),
      fail: (e) => done.reject(e),
    };
    this.requests.track(request);
    try {
      const epochs = (this.features & FEATURES.STREAM_EPOCHS) !== 0 && typeof start === 'object';
      this.write(subscribeFrame(this.address(namespace, stream), start, epochs ? check : undefined));
    } catch (err) {
      this.requests.withdraw(request);
      done.reject(err);
    }
    const timedOut = () => {
      this.requests.forget(key);
      return new FelixError(`${context}: no answer within ${timeoutMs} ms`, { code: 'timeout', retry: 'retry' });
    };
    return withTimeout(done.promise, timeoutMs, timedOut);
  }

  /**
   * Sends one request on the control stream and waits up to `timeoutMs` for its answer. A
   * request that times out is forgotten, so its late answer cannot settle another one.
   */
  private ask<T>(
    kind: RequestKind,
    context: string,
    frame: (id: number) => Uint8Array,
    settle: (done: Deferred<T>, m: WireMessage) => void,
    timeoutMs: number,
    onTimeout: 'retry' | 'outcome_unknown',
  ): Promise<T> {
    const key = this.nextId++;
    const done = deferred<T>();
    const request: PendingRequest = { key, kind, answer: (m) => settle(done, m), fail: (e) => done.reject(e) };
    this.requests.track(request);
    try {
      const bytes = frame(key);
      checkFrameSize(bytes, this.options.maxFrameBytes, context);
      this.write(bytes);
    } catch (err) {
      this.requests.withdraw(request);
      done.reject(err);
    }
    const timedOut = () => {
      this.requests.forget(key);
      return new FelixError(`${context}: no answer within ${timeoutMs} ms`, { code: 'timeout', retry: onTimeout });
    };
    return withTimeout(done.promise, timeoutMs, timedOut);
  }

  /** Joins a consumer group; resolves with group_joined or subscribe_cursor_error, rejects on error. */
  groupJoin(join: GroupJoinRequest, timeoutMs: number): Promise<GroupJoined | CursorErrorMessage> {
    const context = `consume ${join.namespace}/${join.stream} (group ${join.group})`;
    return this.ask<GroupJoined | CursorErrorMessage>(
      'group_join',
      context,
      () => encodeFrame({ type: 'group_join', tenant_id: this.options.tenant, ...join }),
      (done, m) => settleGroupJoin(done, m, context),
      timeoutMs,
      'retry',
    );
  }

  /** Acks or nacks a consumer's records; resolves once the broker confirmed it (group_acked). */
  groupSettle(consumerId: JsonU64, frame: SettleFrame, timeoutMs: number): Promise<void> {
    const context = `${frame.kind} consumer ${consumerId}`;
    return this.ask<void>(
      'group_settle',
      context,
      (id) =>
        encodeFrame(
          frame.kind === 'ack'
            ? { type: 'group_ack', consumer_id: consumerId, ranges: frame.ranges, request_id: id }
            : {
                type: 'group_nack',
                consumer_id: consumerId,
                ranges: frame.ranges,
                delay_ms: frame.delayMs,
                request_id: id,
              },
        ),
      (done, m) => settleGroupRequest(done, m, context),
      timeoutMs,
      'outcome_unknown',
    );
  }

  /** Ends one group consumer; resolves on the broker's ok. */
  groupLeave(consumerId: JsonU64, timeoutMs: number): Promise<void> {
    const context = `leave consumer ${consumerId}`;
    return this.ask<void>(
      'group_leave',
      context,
      () => encodeFrame({ type: 'group_leave', consumer_id: consumerId }),
      (done, m) => settleGroupRequest(done, m, context),
      timeoutMs,
      'retry',
    );
  }

  private requireAttach(what: string): void {
    if (this.session.needsAttachToken && !(this.features & FEATURES.STREAM_ATTACH)) {
      throw new FelixError(
        `${what}: the ${this.carrier} carrier needs STREAM_ATTACH, which the broker did not negotiate`,
        {
          code: 'not_supported',
          retry: 'fatal',
        },
      );
    }
  }

  /** The event stream of a subscription (or group consumer) the broker confirmed, from its event_stream_hello. */
  async eventStream(subscriptionId: JsonU64, what = 'subscribe'): Promise<ByteSource> {
    this.requireAttach(what);
    if (this.lostError) throw this.lostError;
    return this.session.eventStream(subscriptionId, this.options.requestTimeoutMs);
  }

  /** A cache request on the least busy stream of the pool, opening another while all are busy. */
  async cache(request: CacheRequest): Promise<CacheAnswer> {
    if (request.type === 'cache_delete' && !(this.features & FEATURES.CACHE_DELETE)) {
      throw new FelixError('cache delete: the broker did not negotiate CACHE_DELETE', {
        code: 'not_supported',
        retry: 'fatal',
      });
    }
    this.requireAttach('cache');
    if (this.lostError) throw this.lostError;
    const id = this.nextId++;
    const context = `cache ${request.type.slice(6)} ${request.namespace}/${request.cache}`;
    const frame = cacheFrame(request, id, this.binaryCache);
    checkFrameSize(frame, this.options.maxFrameBytes, context);
    const done = deferred<CacheAnswer>();
    await this.cacheStreams.send(id, frame, {
      answer: (m) => settleCache(done, m, context),
      fail: (e) => done.reject(e),
    });
    return done.promise;
  }

  // ---- shutdown ----

  private teardown(reason: string, cause?: unknown): void {
    if (this.lostError) return;
    this.lostError = new FelixError(`connection lost: ${reason}`, { code: 'connection_lost', retry: 'retry', cause });
    this.requests.failAll(reason, cause);
    this.cacheStreams.failAll(cause);
    this.session.close({ code: 0, reason: 'client closed the connection' });
    this.lostSignal.resolve(this.lostError);
  }

  /** Ends the session; everything in flight fails with connection_lost. */
  close(): void {
    this.teardown('closed by the client');
  }
}
