// Serves one client session: auth and capability negotiation on the control stream, then
// publishes, subscriptions and cache requests, each answered as the spec pairs them.
import {
  type BinaryPublishBatch,
  type CacheDelete,
  type CacheGet,
  type CachePut,
  ERROR_CODES,
  encodeFrame,
  FEATURES,
  FLAGS,
  KNOWN_FLAGS_MASK,
  ORIGINAL_V1_FLAGS,
  type Publish,
  type PublishBatch,
  type Subscribe,
  WireError,
  type WireMessage,
} from '@felix/generated';
import type { BidiStream, ByteSink, ServerSession } from '@felix/transport';
import type { BrokerState } from '../core/broker-state.js';
import { cacheScopeKey } from '../core/cache-store.js';
import { NotFoundError } from '../core/registry.js';
import type { Topic } from '../core/topic.js';
import { CoalescingSink } from './coalescing-sink.js';
import { eventBatchEncoder } from './event-frames.js';
import { readMessageBatches, readMessages } from './frame-source.js';
import { errorFrame, type Negotiated, wireErrorFrame } from './replies.js';
import { Subscription } from './subscription.js';

/** Application close codes on multiplexed carriers. */
export const CLOSE_CODES = {
  normal: 0,
  protocolError: 0x1,
  unauthenticated: 0x2,
  draining: 0x3,
  overflow: 0x4,
} as const;

class RequestError extends Error {
  constructor(
    readonly code: 'forbidden' | 'not_found' | 'invalid_request' | 'limit_exceeded' | 'unauthenticated' | 'draining',
    message: string,
    readonly requestId?: number | bigint,
  ) {
    super(message);
  }
}

export class SessionHandler implements Negotiated {
  flags = ORIGINAL_V1_FLAGS;
  features = 0;
  private tenant: string | undefined;
  private authenticated!: () => void;
  private readonly authDone = new Promise<void>((resolve) => {
    this.authenticated = resolve;
  });
  private readonly subscriptions = new Map<number, Subscription>();
  private nextSubscriptionId = 1;
  private closed = false;

  constructor(
    private readonly core: BrokerState,
    readonly session: ServerSession,
  ) {}

  private get control(): ByteSink {
    return this.session.control.writable;
  }

  private send(sink: ByteSink, frame: Uint8Array, type: string): void {
    this.core.metrics.framesOut.inc({ type });
    sink.write(frame);
  }

  async run(): Promise<void> {
    void this.serveCacheStreams();
    try {
      await this.serveControl();
    } finally {
      this.shutdown();
    }
  }

  /** Idle when every subscription has written what it queued (for drain). */
  get idle(): boolean {
    for (const s of this.subscriptions.values()) if (!s.idle) return false;
    return this.control.bufferedBytes === 0;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    // Let what was already written (an error explaining the close, final acks) reach the
    // peer before the connection goes; a peer that does not read gets a bounded wait.
    const flushed = this.control.end();
    const limit = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    void Promise.race([flushed, limit]).finally(() => this.session.close({ code, reason }));
  }

  private shutdown(): void {
    for (const s of this.subscriptions.values()) s.stop();
    this.core.metrics.subscriptions.dec(this.subscriptions.size);
    this.subscriptions.clear();
    this.close(CLOSE_CODES.normal, 'control stream ended');
  }

  private async serveControl(): Promise<void> {
    try {
      for await (const incoming of readMessages(this.session.control.readable, this.core.config.maxFrameBytes)) {
        if ('error' in incoming) {
          this.refuse(this.control, incoming.error);
          if (!this.tenant) return this.close(CLOSE_CODES.protocolError, incoming.error.code);
          continue;
        }
        const m = incoming.message;
        this.core.metrics.framesIn.inc({ type: m.type });
        if (!this.tenant) {
          if (m.type !== 'auth') {
            this.send(this.control, errorFrame(this, 'unauthenticated', `${m.type} before auth`), 'error');
            return this.close(CLOSE_CODES.unauthenticated, 'auth must come first');
          }
          if (!this.auth(m.tenant_id, m.client_flags, m.client_features)) return;
          continue;
        }
        try {
          this.handleControl(m);
        } catch (err) {
          this.answerRequestError(this.control, err);
        }
      }
    } catch (err) {
      // A bad frame header: the stream cannot be read further.
      if (err instanceof WireError) {
        this.refuse(this.control, err);
        return this.close(CLOSE_CODES.protocolError, err.code);
      }
      // The carrier ended the stream (peer reset, connection lost): the session is over.
      this.core.logger.debug({ err }, 'control stream ended by the carrier');
    }
  }

  private refuse(sink: ByteSink, err: WireError): void {
    this.core.metrics.decodeErrors.inc({ code: err.code });
    // An acked binary batch is owed a binary ack carrying its id, even when its body is bad.
    if (err.requestId !== undefined && typeof err.requestId === 'bigint' && this.flags & FLAGS.BINARY_PUBLISH_ACK) {
      this.send(
        sink,
        encodeFrame({
          type: 'binary_publish_ack',
          status: 'error',
          request_id: err.requestId,
          message: `${err.code}: ${err.message}`.slice(0, 4000),
        }),
        'binary_publish_ack',
      );
      return;
    }
    this.send(sink, wireErrorFrame(this, err), 'error');
  }

  private answerRequestError(sink: ByteSink, err: unknown, messageRequestId?: number | bigint): void {
    if (err instanceof RequestError || err instanceof NotFoundError) {
      const requestId = (err instanceof RequestError ? err.requestId : undefined) ?? messageRequestId;
      this.send(sink, errorFrame(this, err.code, err.message, { requestId }), 'error');
      return;
    }
    throw err;
  }

  private auth(tenant: string, clientFlags: number | undefined, clientFeatures: number | undefined): boolean {
    if (!this.core.registry.options.autoCreate && !this.core.registry.hasTenant(tenant)) {
      this.send(this.control, errorFrame(this, 'unauthenticated', `tenant ${tenant} is not registered`), 'error');
      this.close(CLOSE_CODES.unauthenticated, 'unknown tenant');
      return false;
    }
    if (this.core.draining) {
      this.send(this.control, errorFrame(this, 'draining', 'the broker is draining'), 'error');
      this.close(CLOSE_CODES.draining, 'draining');
      return false;
    }
    this.tenant = tenant;
    const serverFeatures =
      FEATURES.CACHE_DELETE | FEATURES.ERROR_CODES | (this.session.attachToken ? FEATURES.STREAM_ATTACH : 0);
    if (clientFlags === undefined) {
      // An upstream-era client: it gets a plain ok and only original v1 layouts.
      this.send(this.control, encodeFrame({ type: 'ok' }), 'ok');
    } else {
      this.flags = clientFlags & KNOWN_FLAGS_MASK;
      this.features = (clientFeatures ?? 0) & serverFeatures;
      this.send(
        this.control,
        encodeFrame({
          type: 'auth_ok',
          server_flags: KNOWN_FLAGS_MASK,
          server_features: serverFeatures,
          session_token: this.features & FEATURES.STREAM_ATTACH ? this.session.attachToken : undefined,
        }),
        'auth_ok',
      );
    }
    this.authenticated();
    return true;
  }

  private checkTenant(tenant: string, requestId?: number | bigint): void {
    if (tenant !== this.tenant)
      throw new RequestError('forbidden', `tenant ${tenant} is not this session's tenant`, requestId);
  }

  private handleControl(m: WireMessage): void {
    switch (m.type) {
      case 'publish':
      case 'publish_batch':
        this.publishJson(m);
        return;
      case 'binary_publish_batch':
        this.publishBinary(m);
        return;
      case 'subscribe':
        this.subscribe(m);
        return;
      case 'auth':
        throw new RequestError('invalid_request', 'the session is already authenticated');
      default:
        throw new RequestError('invalid_request', `${m.type} is not a request the control stream takes`);
    }
  }

  private publishJson(m: Publish | PublishBatch): void {
    const payloads = m.type === 'publish' ? [m.payload] : m.payloads;
    let topic: Topic;
    try {
      this.checkTenant(m.tenant_id, m.request_id);
      if (this.core.draining) throw new RequestError('draining', 'the broker is draining', m.request_id);
      topic = this.core.topic(m.tenant_id, m.namespace, m.stream);
    } catch (err) {
      // A refused publish that carries a request_id is answered with publish_error.
      if (m.request_id === undefined || !(err instanceof RequestError || err instanceof NotFoundError)) throw err;
      const typed = this.features & FEATURES.ERROR_CODES;
      this.send(
        this.control,
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
    this.core.metrics.publishes.inc(payloads.length);
    if (m.ack === 'none') return;
    if (m.request_id !== undefined)
      this.send(this.control, encodeFrame({ type: 'publish_ok', request_id: m.request_id }), 'publish_ok');
    else this.send(this.control, encodeFrame({ type: 'ok' }), 'ok');
  }

  private publishBinary(m: BinaryPublishBatch): void {
    const acked = m.request_id !== undefined;
    try {
      this.checkTenant(m.tenant_id, m.request_id);
      if (this.core.draining) throw new RequestError('draining', 'the broker is draining', m.request_id);
      const topic = this.core.topic(m.tenant_id, m.namespace, m.stream);
      topic.publish(m.payloads);
      this.core.metrics.publishes.inc(m.payloads.length);
    } catch (err) {
      if (!acked || !(err instanceof RequestError || err instanceof NotFoundError)) throw err;
      // The binary ack has no code field: the code leads the message, where clients look for it.
      this.ackBinary(m.request_id!, `${err.code}: ${err.message}`);
      return;
    }
    if (acked) this.ackBinary(m.request_id!);
  }

  private ackBinary(requestId: bigint, error?: string): void {
    if (this.flags & FLAGS.BINARY_PUBLISH_ACK) {
      this.send(
        this.control,
        encodeFrame({
          type: 'binary_publish_ack',
          status: error ? 'error' : 'ok',
          request_id: requestId,
          message: error ?? '',
        }),
        'binary_publish_ack',
      );
    } else if (error) {
      this.send(
        this.control,
        encodeFrame({ type: 'publish_error', request_id: Number(requestId), message: error }),
        'publish_error',
      );
    } else {
      this.send(this.control, encodeFrame({ type: 'publish_ok', request_id: Number(requestId) }), 'publish_ok');
    }
  }

  private subscribe(m: Subscribe): void {
    this.checkTenant(m.tenant_id);
    if (this.subscriptions.size >= this.core.config.maxSubscriptionsPerSession) {
      throw new RequestError(
        'limit_exceeded',
        `at most ${this.core.config.maxSubscriptionsPerSession} subscriptions per session`,
      );
    }
    const topic = this.core.topic(m.tenant_id, m.namespace, m.stream);
    const { log } = topic;
    let start = log.tail;
    if (m.start === 'earliest') start = log.earliest;
    else if (typeof m.start === 'object') {
      const requested = m.start.offset;
      if (requested < log.earliest || requested > log.tail) {
        const tooOld = requested < log.earliest;
        this.send(
          this.control,
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
    const offsets = (this.flags & FLAGS.EVENT_BATCH_OFFSETS) !== 0;
    const live = log.tail;
    const subscription = new Subscription({
      id,
      topic,
      encoder: eventBatchEncoder(offsets),
      startOffset: start,
      queueBytes: this.core.config.subscriberQueueBytes,
      policy: this.core.config.overflowPolicy,
      replayBatchRecords: this.core.config.eventBatchMaxRecords,
      replayBatchBytes: this.core.config.eventBatchMaxBytes,
      onDelivered: (records, latency) => {
        this.core.metrics.deliveries.inc(records);
        if (latency !== undefined) this.core.metrics.publishToDeliver.observe(latency);
      },
      onOverflowDisconnect: () => {
        this.core.metrics.drops.inc({ policy: 'disconnect' });
        this.endSubscription(id, 'the subscriber fell behind its queue bound');
      },
      onDropped: (records) => this.core.metrics.drops.inc({ policy: this.core.config.overflowPolicy }, records),
    });
    this.subscriptions.set(id, subscription);
    this.core.metrics.subscriptions.inc();
    const withOffsets = offsets && m.start !== undefined;
    this.send(
      this.control,
      encodeFrame({
        type: 'subscribed',
        subscription_id: id,
        start_offset: withOffsets ? start : undefined,
        live_offset: withOffsets ? live : undefined,
      }),
      'subscribed',
    );
    void this.deliver(subscription);
  }

  private async deliver(subscription: Subscription): Promise<void> {
    try {
      const sink = await this.session.openEventStream(subscription.id);
      void sink.closed?.then(() => this.endSubscription(subscription.id));
      await subscription.run(sink);
      await sink.end().catch(() => undefined);
    } catch (err) {
      this.core.logger.debug({ err, subscription: subscription.id }, 'event stream ended');
    } finally {
      this.endSubscription(subscription.id);
    }
  }

  private endSubscription(id: number, reason?: string): void {
    const s = this.subscriptions.get(id);
    if (!s) return;
    s.stop();
    this.subscriptions.delete(id);
    this.core.metrics.subscriptions.dec();
    if (reason) this.core.logger.info({ subscription: id, reason }, 'subscription ended');
  }

  // ---- cache streams ----

  private async serveCacheStreams(): Promise<void> {
    try {
      for await (const stream of this.session.cacheStreams) void this.serveCache(stream);
    } catch {
      // the session is closing
    }
  }

  private async serveCache(stream: BidiStream): Promise<void> {
    await this.authDone;
    // Pipelined requests arrive several to a read; their answers leave in one write.
    const out = new CoalescingSink(stream.writable);
    try {
      for await (const batch of readMessageBatches(stream.readable, this.core.config.maxFrameBytes)) {
        for (const incoming of batch) {
          if ('error' in incoming) {
            this.refuse(out, incoming.error);
            continue;
          }
          const m = incoming.message;
          this.core.metrics.framesIn.inc({ type: m.type });
          try {
            this.handleCache(out, m);
          } catch (err) {
            this.answerRequestError(out, err, 'request_id' in m ? m.request_id : undefined);
          }
        }
        out.flush();
      }
    } catch (err) {
      if (err instanceof WireError) {
        this.refuse(stream.writable, err);
        stream.writable.end().catch(() => undefined);
      }
    }
  }

  private handleCache(sink: ByteSink, m: WireMessage): void {
    switch (m.type) {
      case 'cache_put':
        this.cachePut(sink, m);
        return;
      case 'cache_get':
      case 'cache_delete':
        this.cacheRead(sink, m);
        return;
      default:
        throw new RequestError('invalid_request', `${m.type} is not a request the cache stream takes`);
    }
  }

  private cacheScope(m: CachePut | CacheGet | CacheDelete): string {
    this.checkTenant(m.tenant_id, m.request_id);
    this.core.registry.cache(m.tenant_id, m.namespace, m.cache);
    return cacheScopeKey(m.tenant_id, m.namespace, m.cache, m.key);
  }

  private cachePut(sink: ByteSink, m: CachePut): void {
    const scope = this.cacheScope(m);
    if (!this.core.cache.put(scope, m.value, m.ttl_ms)) {
      throw new RequestError('limit_exceeded', 'the value is larger than the whole cache', m.request_id);
    }
    if (m.request_id !== undefined)
      this.send(sink, encodeFrame({ type: 'cache_ok', request_id: m.request_id }), 'cache_ok');
    else this.send(sink, encodeFrame({ type: 'ok' }), 'ok');
  }

  private cacheRead(sink: ByteSink, m: CacheGet | CacheDelete): void {
    if (m.type === 'cache_delete' && !(this.features & FEATURES.CACHE_DELETE)) {
      throw new RequestError('invalid_request', 'cache_delete needs the CACHE_DELETE feature', m.request_id);
    }
    const scope = this.cacheScope(m);
    const value = m.type === 'cache_get' ? this.core.cache.get(scope) : this.core.cache.delete(scope);
    this.send(
      sink,
      encodeFrame({
        type: 'cache_value',
        tenant_id: m.tenant_id,
        namespace: m.namespace,
        cache: m.cache,
        key: m.key,
        value: value ?? null,
        request_id: m.request_id,
      }),
      'cache_value',
    );
  }
}
