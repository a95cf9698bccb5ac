// One authenticated session with a broker: the control stream with its in-flight requests, the
// pool of cache streams, and the subscriptions' event streams. A Connection never reconnects;
// when it is lost it fails what it holds and the client builds a new one.
import {
  type CacheDelete,
  type CacheGet,
  type CacheOk,
  type CachePut,
  type CacheValue,
  type SubscribeCursorError as CursorErrorMessage,
  decodePayload,
  encodeFrame,
  FEATURES,
  FLAGS,
  FrameReader,
  HEADER_SIZE,
  ORIGINAL_V1_FLAGS,
  type Subscribe,
  type Subscribed,
  WireError,
  type WireMessage,
} from '@felix/generated';
import type { BidiStream, ByteSink, ByteSource, ClientSession } from '@felix/transport';
import { connectionLost, FelixError, fromBinaryAck, fromErrorMessage } from './errors.js';
import type { Endpoint, ResolvedOptions } from './options.js';
import { deferred, withTimeout } from './util.js';

/** Every flag bit this SDK reads and writes. */
export const SDK_FLAGS =
  FLAGS.BINARY_PUBLISH_BATCH |
  FLAGS.BINARY_EVENT_BATCH |
  FLAGS.BINARY_EVENT_BATCH_SHARED |
  FLAGS.BINARY_PUBLISH_ACKED |
  FLAGS.BINARY_PUBLISH_ACK |
  FLAGS.EVENT_BATCH_OFFSETS;

/** Every feature this SDK implements. */
export const SDK_FEATURES = FEATURES.CACHE_DELETE | FEATURES.ERROR_CODES | FEATURES.STREAM_ATTACH;

/** Opens a carrier session to a broker; the Node and browser builds each bring their own. */
export type Dialer = (endpoint: Endpoint, options: ResolvedOptions) => Promise<ClientSession>;

export type CacheRequest =
  | Omit<CachePut, 'request_id'>
  | Omit<CacheGet, 'request_id'>
  | Omit<CacheDelete, 'request_id'>;
export type CacheAnswer = CacheValue | CacheOk | { type: 'ok' };

export interface ConnectionEvents {
  /** A broker error no request owns (an unacknowledged publish refused, a drain notice). */
  asyncError(error: FelixError): void;
}

interface ControlPending {
  key: number;
  kind: 'publish_json' | 'publish_binary' | 'subscribe';
  answer(m: WireMessage): void;
  fail(error: FelixError): void;
}

interface CachePending {
  answer(m: WireMessage): void;
  fail(error: FelixError): void;
}

/** One cache stream and the requests in flight on it. */
class CacheLane {
  readonly pending = new Map<number, CachePending>();
  sink: ByteSink | undefined;
  dead = false;
  /** Requests assigned, including those waiting for the stream to open. */
  load = 0;
  readonly ready: Promise<void>;

  constructor(
    private readonly conn: Connection,
    open: Promise<BidiStream>,
  ) {
    this.ready = open.then((stream) => {
      this.sink = stream.writable;
      void this.read(stream.readable);
    });
    this.ready.catch(() => {
      this.dead = true;
    });
  }

  private async read(source: ByteSource): Promise<void> {
    const reader = new FrameReader({ maxPayload: this.conn.options.maxFrameBytes });
    let cause: unknown;
    try {
      for await (const chunk of source) {
        reader.push(chunk);
        for (let f = reader.next(); f; f = reader.next()) {
          let m: WireMessage;
          try {
            m = decodePayload(f.flags, f.payload);
          } catch (err) {
            if (!(err instanceof WireError)) throw err;
            // The frame's bounds were sound, so later answers can still be matched.
            this.conn.events.asyncError(protocolError('cache stream', err));
            continue;
          }
          this.route(m);
        }
      }
    } catch (err) {
      cause = err;
    }
    this.fail(cause);
  }

  private route(m: WireMessage): void {
    let id: number | undefined;
    if (m.type === 'cache_value' || m.type === 'cache_ok' || m.type === 'error') id = m.request_id;
    else if (m.type !== 'ok') {
      this.conn.events.asyncError(unexpected('cache stream', m.type));
      return;
    }
    // The broker answers a stream's requests in order, so an answer without an id (an upstream
    // `ok`, or an error raised before the id was read) belongs to the oldest one.
    if (id === undefined || !this.pending.has(id)) id = this.pending.keys().next().value;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (!p || id === undefined) {
      if (m.type === 'error') this.conn.events.asyncError(fromErrorMessage(m, 'cache stream'));
      return;
    }
    this.pending.delete(id);
    this.load--;
    p.answer(m);
  }

  send(id: number, frame: Uint8Array, p: CachePending): void {
    this.pending.set(id, p);
    try {
      this.sink!.write(frame);
    } catch (err) {
      this.fail(err);
    }
  }

  fail(cause?: unknown): void {
    if (this.dead && this.pending.size === 0) return;
    this.dead = true;
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.load = 0;
    for (const p of pending) p.fail(connectionLost('cache request', true, cause));
    this.conn.dropLane(this);
  }
}

function protocolError(where: string, err: unknown): FelixError {
  return new FelixError(`${where}: unreadable frame from the broker: ${(err as Error).message}`, {
    code: 'protocol_error',
    retry: 'fatal',
    cause: err,
  });
}

function unexpected(where: string, type: string): FelixError {
  return new FelixError(`${where}: the broker sent ${type}, which this stream does not carry`, {
    code: 'protocol_error',
    retry: 'fatal',
  });
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
  private readonly inflight = new Map<number, ControlPending>();
  private readonly subscribeOrder: ControlPending[] = [];
  private readonly lanes: CacheLane[] = [];
  private authWaiter: ((m: WireMessage | Error) => void) | undefined;
  private lostError: FelixError | undefined;
  private readonly lostSignal = deferred<FelixError>();

  private constructor(
    readonly session: ClientSession,
    readonly options: ResolvedOptions,
    readonly events: ConnectionEvents,
  ) {
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
    const started = Date.now();
    const what = `connect ${endpoint.carrier}://${endpoint.host}:${endpoint.port}`;
    const timedOut = () =>
      new FelixError(`${what}: no session within ${options.connectTimeoutMs} ms`, {
        code: 'connect_failed',
        retry: 'retry',
      });
    const dialing = dial(endpoint, options);
    let session: ClientSession;
    try {
      session = await withTimeout(dialing, options.connectTimeoutMs, timedOut);
    } catch (err) {
      // A session that shows up after we gave up on it must not linger.
      dialing.then((s) => s.close({ code: 0, reason: 'connect timed out' })).catch(() => {});
      if (err instanceof FelixError) throw err;
      const pin = err instanceof Error && err.name === 'CertificatePinError';
      throw new FelixError(`${what}: ${err instanceof Error ? err.message : String(err)}`, {
        code: 'connect_failed',
        // A certificate that does not match the pin will not start matching by itself.
        retry: pin ? 'fatal' : 'retry',
        cause: err,
      });
    }
    const conn = new Connection(session, options, events);
    try {
      await withTimeout(conn.authenticate(), options.connectTimeoutMs - (Date.now() - started), timedOut);
    } catch (err) {
      conn.close();
      throw err;
    }
    return conn;
  }

  private async authenticate(): Promise<void> {
    const o = this.options;
    const answer = new Promise<WireMessage | Error>((resolve) => {
      this.authWaiter = resolve;
    });
    this.write(
      encodeFrame({
        type: 'auth',
        tenant_id: o.tenant,
        token: o.token,
        client_flags: o.negotiate ? SDK_FLAGS : undefined,
        client_features: o.negotiate ? SDK_FEATURES : undefined,
      }),
    );
    const m = await answer;
    if (m instanceof Error) throw m;
    if (m.type === 'auth_ok') {
      // Only what both sides named is used; the broker's word counts, not ours.
      this.flags = SDK_FLAGS & m.server_flags;
      this.features = SDK_FEATURES & (m.server_features ?? 0);
      if (m.session_token !== undefined) this.session.setAttachToken(m.session_token);
    } else if (m.type === 'ok') {
      this.legacy = true;
      this.flags = ORIGINAL_V1_FLAGS;
      this.features = 0;
    } else if (m.type === 'error') {
      // Before auth succeeds the broker cannot know we read typed codes, so a refusal usually
      // comes without one; the spec answers anything wrong before auth with unauthenticated.
      throw fromErrorMessage({ ...m, code: m.code ?? 'unauthenticated' }, 'auth');
    } else {
      throw unexpected('auth', m.type);
    }
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
    const reader = new FrameReader({ maxPayload: this.options.maxFrameBytes });
    let reason = 'the broker ended the control stream';
    let cause: unknown;
    try {
      for await (const chunk of this.session.control.readable) {
        reader.push(chunk);
        for (let f = reader.next(); f; f = reader.next()) {
          let m: WireMessage;
          try {
            m = decodePayload(f.flags, f.payload);
          } catch (err) {
            if (!(err instanceof WireError)) throw err;
            this.events.asyncError(protocolError('control stream', err));
            continue;
          }
          this.dispatch(m);
        }
      }
    } catch (err) {
      reason = err instanceof WireError ? 'unreadable frame header on the control stream' : 'control stream failed';
      cause = err;
    }
    this.teardown(reason, cause);
  }

  private dispatch(m: WireMessage): void {
    if (this.authWaiter) {
      const waiter = this.authWaiter;
      this.authWaiter = undefined;
      waiter(m);
      return;
    }
    switch (m.type) {
      case 'binary_publish_ack':
        this.answerById(Number(m.request_id), m);
        return;
      case 'publish_ok':
      case 'publish_error':
        this.answerById(m.request_id, m);
        return;
      case 'subscribed':
      case 'subscribe_cursor_error': {
        const p = this.subscribeOrder.shift();
        if (!p) {
          this.events.asyncError(unexpected('control stream', `an unrequested ${m.type}`));
          return;
        }
        this.inflight.delete(p.key);
        p.answer(m);
        return;
      }
      case 'ok': {
        // Upstream brokers may acknowledge a JSON publish with a bare `ok`, in order.
        for (const p of this.inflight.values()) {
          if (p.kind !== 'publish_json') continue;
          this.inflight.delete(p.key);
          p.answer(m);
          return;
        }
        return;
      }
      case 'error': {
        if (m.request_id !== undefined && this.inflight.get(m.request_id)?.kind.startsWith('publish')) {
          this.answerById(m.request_id, m);
          return;
        }
        // A draining broker refuses unacknowledged publishes with an error that names no
        // request; it is news about the connection, not an answer to the oldest request.
        if (m.code === 'draining') {
          this.draining = true;
          this.events.asyncError(fromErrorMessage(m, 'broker'));
          return;
        }
        // Otherwise the broker answers in order: the oldest request is the one refused.
        const first = this.inflight.values().next().value;
        if (!first) {
          this.events.asyncError(fromErrorMessage(m, 'broker'));
          return;
        }
        this.inflight.delete(first.key);
        if (first.kind === 'subscribe') this.subscribeOrder.splice(this.subscribeOrder.indexOf(first), 1);
        first.answer(m);
        return;
      }
      default:
        this.events.asyncError(unexpected('control stream', m.type));
    }
  }

  private answerById(id: number, m: WireMessage): void {
    const p = this.inflight.get(id);
    if (!p || p.kind === 'subscribe') return; // timed out and forgotten, or not ours
    this.inflight.delete(id);
    p.answer(m);
  }

  private track(p: ControlPending): void {
    this.inflight.set(p.key, p);
    if (p.kind === 'subscribe') this.subscribeOrder.push(p);
  }

  /** Forgets a request that timed out, so a late answer is dropped rather than misrouted. */
  private forget(key: number): void {
    const p = this.inflight.get(key);
    if (!p) return;
    this.inflight.delete(key);
    if (p.kind === 'subscribe') {
      // Its answer will still come, in order; keep its place in line so later ones match.
      const stub: ControlPending = { key: p.key, kind: 'subscribe', answer: () => {}, fail: () => {} };
      this.subscribeOrder[this.subscribeOrder.indexOf(p)] = stub;
    }
  }

  /**
   * Publishes one batch and resolves on its acknowledgement: a binary acked batch when the
   * broker negotiated binary acks, else JSON publish_batch with a request_id (`json` forces
   * the JSON form, whose refusals carry a typed code).
   */
  publishAcked(namespace: string, stream: string, payloads: readonly Uint8Array[], json: boolean): Promise<void> {
    const id = this.nextId++;
    const context = `publish ${namespace}/${stream}`;
    const base = { tenant_id: this.options.tenant, namespace, stream };
    const binaryFrame = () =>
      encodeFrame({ type: 'binary_publish_batch', request_id: BigInt(id), ack_mode: 'per_batch', ...base, payloads });
    let binary = !json && this.binaryAcks;
    let frame = binary
      ? binaryFrame()
      : encodeFrame({
          type: 'publish_batch',
          ...base,
          payloads: payloads as Uint8Array[],
          request_id: id,
          ack: 'per_batch',
        });
    if (!binary && this.binaryAcks && this.tooLarge(frame)) {
      // Base64 makes JSON a third larger; a batch that fits in binary goes in binary.
      binary = true;
      frame = binaryFrame();
    }
    this.checkSize(frame, context);
    const done = deferred<void>();
    this.track({
      key: id,
      kind: binary ? 'publish_binary' : 'publish_json',
      answer: (m) => {
        if (m.type === 'binary_publish_ack') {
          if (m.status === 'ok') done.resolve();
          else done.reject(fromBinaryAck(m.message, id, context));
        } else if (m.type === 'publish_ok' || m.type === 'ok') done.resolve();
        else if (m.type === 'publish_error' || m.type === 'error') done.reject(fromErrorMessage(m, context));
        else done.reject(unexpected(context, m.type));
      },
      fail: (e) => done.reject(e),
    });
    try {
      this.write(frame);
    } catch (err) {
      this.inflight.delete(id);
      done.reject(err);
    }
    return done.promise;
  }

  private tooLarge(frame: Uint8Array): boolean {
    return frame.length - HEADER_SIZE > this.options.maxFrameBytes;
  }

  /**
   * A frame past the broker's limit would cost the whole stream (the broker refuses it by its
   * header and closes the stream), so it never leaves. The broker's limit is taken to be ours.
   */
  private checkSize(frame: Uint8Array, context: string): void {
    if (!this.tooLarge(frame)) return;
    throw new FelixError(`${context}: a ${frame.length}-byte frame exceeds ${this.options.maxFrameBytes} bytes`, {
      code: 'limit_exceeded',
      retry: 'fatal',
    });
  }

  /** Publishes one batch that nobody acknowledges; done once the bytes are handed to the carrier. */
  publishUnacked(namespace: string, stream: string, payloads: readonly Uint8Array[]): void {
    const base = { tenant_id: this.options.tenant, namespace, stream };
    const frame =
      this.flags & FLAGS.BINARY_PUBLISH_BATCH
        ? encodeFrame({ type: 'binary_publish_batch', ...base, payloads })
        : encodeFrame({ type: 'publish_batch', ...base, payloads: payloads as Uint8Array[], ack: 'none' });
    this.checkSize(frame, `publish ${namespace}/${stream}`);
    this.write(frame);
  }

  /** Sends subscribe; resolves with subscribed or subscribe_cursor_error, rejects on error. */
  subscribe(
    namespace: string,
    stream: string,
    start: Subscribe['start'],
    timeoutMs: number,
  ): Promise<Subscribed | CursorErrorMessage> {
    const key = this.nextId++;
    const done = deferred<Subscribed | CursorErrorMessage>();
    const context = `subscribe ${namespace}/${stream}`;
    this.track({
      key,
      kind: 'subscribe',
      answer: (m) => {
        if (m.type === 'subscribed' || m.type === 'subscribe_cursor_error') done.resolve(m);
        else if (m.type === 'error') done.reject(fromErrorMessage(m, context));
        else done.reject(unexpected(context, m.type));
      },
      fail: (e) => done.reject(e),
    });
    try {
      this.write(encodeFrame({ type: 'subscribe', tenant_id: this.options.tenant, namespace, stream, start }));
    } catch (err) {
      this.inflight.delete(key);
      this.subscribeOrder.pop();
      done.reject(err);
    }
    const timedOut = () => {
      this.forget(key);
      return new FelixError(`${context}: no answer within ${timeoutMs} ms`, { code: 'timeout', retry: 'retry' });
    };
    return withTimeout(done.promise, timeoutMs, timedOut);
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

  /** The event stream of a subscription the broker confirmed, from its event_stream_hello. */
  async eventStream(subscriptionId: number): Promise<ByteSource> {
    this.requireAttach('subscribe');
    if (this.lostError) throw this.lostError;
    return this.session.eventStream(subscriptionId, this.options.requestTimeoutMs);
  }

  // ---- cache streams ----

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
    const frame = encodeFrame({ ...request, request_id: id } as CachePut | CacheGet | CacheDelete);
    this.checkSize(frame, context);
    let lane: CacheLane | undefined;
    for (const l of this.lanes) if (!lane || l.load < lane.load) lane = l;
    if (!lane || (lane.load > 0 && this.lanes.length < this.options.cachePoolSize)) {
      lane = new CacheLane(this, this.session.openCacheStream());
      this.lanes.push(lane);
    }
    lane.load++;
    try {
      await lane.ready;
    } catch (err) {
      lane.load--;
      this.dropLane(lane);
      throw connectionLost('cache request', false, err);
    }
    if (lane.dead) throw connectionLost('cache request', false);
    const done = deferred<CacheAnswer>();
    lane.send(id, frame, {
      answer: (m) => {
        if (m.type === 'cache_value' || m.type === 'cache_ok' || m.type === 'ok') done.resolve(m as CacheAnswer);
        else if (m.type === 'error') done.reject(fromErrorMessage(m, context));
        else done.reject(unexpected(context, m.type));
      },
      fail: (e) => done.reject(e),
    });
    return done.promise;
  }

  /** @internal a cache lane that died leaves the pool; the next request opens a new one. */
  dropLane(lane: CacheLane): void {
    const i = this.lanes.indexOf(lane);
    if (i >= 0) this.lanes.splice(i, 1);
  }

  // ---- shutdown ----

  private teardown(reason: string, cause?: unknown): void {
    if (this.lostError) return;
    this.lostError = new FelixError(`connection lost: ${reason}`, { code: 'connection_lost', retry: 'retry', cause });
    if (this.authWaiter) {
      const waiter = this.authWaiter;
      this.authWaiter = undefined;
      waiter(new FelixError(`auth: ${reason}`, { code: 'connect_failed', retry: 'retry', cause }));
    }
    const pending = [...this.inflight.values()];
    this.inflight.clear();
    this.subscribeOrder.length = 0;
    for (const p of pending) p.fail(connectionLost(p.kind === 'subscribe' ? 'subscribe' : 'publish', true, cause));
    for (const lane of [...this.lanes]) lane.fail(cause);
    this.session.close({ code: 0, reason: 'client closed the connection' });
    this.lostSignal.resolve(this.lostError);
  }

  /** Ends the session; everything in flight fails with connection_lost. */
  close(): void {
    this.teardown('closed by the client');
  }
}
