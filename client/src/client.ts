// The Felix client: one logical connection to a broker that survives the carrier underneath.
// It reconnects with backoff when the session is lost, resumes every subscription from the
// offset after the last one delivered, rejoins every consumer group, sends publishes that never
// left on the next session, and fails (or, when that is safe, repeats) what was in flight.
import type { Dialer } from './connection/handshake.js';
import { Connection } from './connection.js';
import { type ConsumeOptions, Consumer, type ConsumerHost } from './consumer.js';
import { clientClosed, FelixError, toFelix } from './errors.js';
import {
  backoffDelay,
  type ConnectOptions,
  DEFAULT_RECONNECT,
  type Endpoint,
  parseUrl,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
import { Publisher } from './publisher.js';
import { type SubscribeOptions, Subscription, type SubscriptionHost } from './subscription.js';
import { type BytesLike, type Deferred, deferred, toBytes, withTimeout } from './util.js';

export type ClientState = 'connected' | 'reconnecting' | 'closed';

export interface Capabilities {
  carrier: string;
  /** Frame flags in use: those both sides named in auth. */
  flags: number;
  /** Features in use. */
  features: number;
  /** The broker answered auth with a plain `ok` (upstream era): original v1 layouts, JSON acks. */
  legacy: boolean;
}

export interface ClientEvents {
  /** A session is up (the first one, and each after a reconnect). */
  connect: Capabilities;
  /** The session was lost; the client is about to reconnect (unless it is closing). */
  disconnect: FelixError;
  /** A reconnect attempt is scheduled. */
  reconnecting: { attempt: number; delayMs: number };
  /** Something went wrong that no call is waiting for. */
  error: FelixError;
  /** The client is closed for good: by close() (no error) or because it gave up (the error). */
  close: FelixError | undefined;
}

/** @inline */
type Listener<T> = (value: T) => void;

export interface PublishOptions {
  /** Wait for the broker's acknowledgement (default). false: settle once handed to the carrier. */
  ack?: boolean;
  namespace?: string;
}

export interface CacheOptions {
  namespace?: string;
}

export interface PutOptions extends CacheOptions {
  /** Time to live; the entry stays until evicted when absent. */
  ttlMs?: number;
}

export class FelixClient {
  readonly endpoint: Endpoint;
  readonly options: ResolvedOptions;
  private conn: Connection | undefined;
  private stateValue: ClientState = 'reconnecting';
  private readonly publisher: Publisher;
  private readonly subscriptions = new Set<Subscription>();
  private readonly consumers = new Set<Consumer>();
  private readonly waiting = new Set<Deferred<Connection>>();
  private readonly listeners = new Map<keyof ClientEvents, Set<Listener<never>>>();
  private reconnectTimer: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined;
  private closedError: FelixError | undefined;

  /** @internal use connect() */
  constructor(
    url: string,
    options: ConnectOptions,
    private readonly dial: Dialer,
  ) {
    this.endpoint = parseUrl(url);
    this.options = resolveOptions(options);
    const host: SubscriptionHost = {
      options: this.options,
      current: () => this.current(),
      backoff: (attempt: number) => this.backoff(attempt),
      reportError: (error: FelixError) => this.emit('error', error),
      detach: (sub: Subscription) => this.subscriptions.delete(sub),
    };
    this.publisher = new Publisher(host);
    this.subscriptionHost = host;
    this.consumerHost = { ...host, detach: (consumer: Consumer) => this.consumers.delete(consumer) };
  }

  private readonly subscriptionHost: SubscriptionHost;
  private readonly consumerHost: ConsumerHost;

  /** @internal first connection; a failure here is the caller's, not retried. */
  async start(): Promise<void> {
    this.adopt(await this.open());
  }

  get state(): ClientState {
    return this.stateValue;
  }

  /** What the current session negotiated; undefined while there is none. */
  get capabilities(): Capabilities | undefined {
    const c = this.current();
    return c && { carrier: c.carrier, flags: c.flags, features: c.features, legacy: c.legacy };
  }

  on<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  private emit<K extends keyof ClientEvents>(event: K, value: ClientEvents[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<ClientEvents[K]>)(value);
      } catch {
        // A listener's failure is its own; the client goes on.
      }
    }
  }

  // ---- connection lifecycle ----

  private current(): Connection | undefined {
    const c = this.conn;
    return c && !c.isLost ? c : undefined;
  }

  private backoff(attempt: number): number {
    return backoffDelay(this.options.reconnect || DEFAULT_RECONNECT, attempt);
  }

  private open(): Promise<Connection> {
    return Connection.open(this.dial, this.endpoint, this.options, {
      asyncError: (error) => this.emit('error', error),
      subscriptionEnd: (conn, subscriptionId, endOffset) => {
        for (const sub of this.subscriptions) sub.deliveryEnds(conn, subscriptionId, endOffset);
      },
    });
  }

  private adopt(conn: Connection): void {
    this.conn = conn;
    this.stateValue = 'connected';
    for (const w of this.waiting) w.resolve(conn);
    this.waiting.clear();
    this.emit('connect', this.capabilities!);
    // Subscriptions ask first: were the broker restarted with an empty log, a resume offset
    // sent after our own queued publishes could already lie inside the new log.
    for (const sub of this.subscriptions) sub.resume(conn);
    for (const consumer of this.consumers) consumer.resume(conn);
    this.publisher.resume();
    void conn.lost.then((reason) => this.lost(conn, reason));
  }

  private lost(conn: Connection, reason: FelixError): void {
    if (this.conn !== conn || this.closedError) return;
    this.conn = undefined;
    this.stateValue = 'reconnecting';
    this.emit('disconnect', reason);
    if (this.options.reconnect === false) {
      void this.shutdown(reason);
      return;
    }
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    const r = this.options.reconnect;
    if (r === false) return;
    for (let attempt = 0; !this.closedError; attempt++) {
      if (attempt >= r.maxAttempts) {
        const error = new FelixError(`gave up reconnecting after ${attempt} attempts`, {
          code: 'connect_failed',
          retry: 'retry_after',
        });
        await this.shutdown(error);
        return;
      }
      const delayMs = backoffDelay(r, attempt);
      this.emit('reconnecting', { attempt: attempt + 1, delayMs });
      await new Promise<void>((wake) => {
        this.reconnectTimer = { timer: setTimeout(wake, delayMs), wake };
      });
      this.reconnectTimer = undefined;
      if (this.closedError) return;
      try {
        const conn = await this.open();
        if (this.closedError) {
          conn.close();
          return;
        }
        this.adopt(conn);
        return;
      } catch (err) {
        const error = toFelix(err);
        this.emit('error', error);
        if (error.retry === 'fatal') {
          await this.shutdown(error);
          return;
        }
      }
    }
  }

  /** The live connection, waiting for a reconnect until `deadline`. */
  private connection(deadline: number, what: string): Promise<Connection> {
    if (this.closedError) return Promise.reject(clientClosed(what));
    const c = this.current();
    if (c) return Promise.resolve(c);
    const waiter = deferred<Connection>();
    this.waiting.add(waiter);
    return withTimeout(waiter.promise, deadline - Date.now(), () => {
      this.waiting.delete(waiter);
      return new FelixError(`${what}: not connected within ${this.options.requestTimeoutMs} ms`, {
        code: 'timeout',
        retry: 'retry',
      });
    });
  }

  // ---- publish ----

  /**
   * Publishes one payload. Resolves when the broker acknowledged it (or, with `ack: false`,
   * once it is handed to the carrier). Publishes made together are sent together, in order.
   */
  publish(stream: string, payload: BytesLike, options: PublishOptions = {}): Promise<void> {
    const namespace = options.namespace ?? this.options.namespace;
    return this.publisher.publish(namespace, stream, toBytes(payload), options.ack ?? true);
  }

  /** Publishes payloads as one batch: all are accepted or refused together. */
  publishBatch(stream: string, payloads: readonly BytesLike[], options: PublishOptions = {}): Promise<void> {
    const namespace = options.namespace ?? this.options.namespace;
    return this.publisher.publishBatch(namespace, stream, payloads.map(toBytes), options.ack ?? true);
  }

  /** Sends what is batched now; resolves once every publish made so far has settled. */
  flush(): Promise<void> {
    return this.publisher.flush();
  }

  // ---- subscribe ----

  /**
   * Subscribes and resolves once the broker confirmed it. Iterate the result with for-await;
   * leaving the loop unsubscribes. A start offset the broker cannot serve rejects with
   * SubscribeCursorError; an unknown stream with FelixError not_found.
   */
  async subscribe(stream: string, options: SubscribeOptions = {}): Promise<Subscription> {
    const sub = new Subscription(this.subscriptionHost, stream, options);
    const what = `subscribe ${sub.namespace}/${stream}`;
    const deadline = Date.now() + this.options.requestTimeoutMs;
    for (;;) {
      const conn = await this.connection(deadline, what);
      try {
        await sub.attach(conn, true);
        break;
      } catch (err) {
        const error = toFelix(err);
        // Nothing was delivered yet, so asking again on the next connection is safe.
        if (error.code === 'connection_lost' && !this.closedError && Date.now() < deadline) continue;
        await sub.close();
        throw error;
      }
    }
    if (this.closedError) {
      await sub.close();
      throw clientClosed(what);
    }
    this.subscriptions.add(sub);
    // The connection may have gone between the answer and now; the new one must take us along.
    const now = this.current();
    if (now && now !== sub.connection) sub.resume(now);
    return sub;
  }

  // ---- consumer groups ----

  /**
   * Joins `options.group` on `stream` as one consumer and resolves once the broker confirmed it.
   * Iterate the result with for-await and ack() (or nack()) each record; leaving the loop leaves
   * the group. Needs a broker that serves consumer groups (FelixError not_supported otherwise);
   * a start offset the broker cannot serve rejects with SubscribeCursorError.
   */
  async consume(stream: string, options: ConsumeOptions): Promise<Consumer> {
    const consumer = new Consumer(this.consumerHost, stream, options);
    const what = `consume ${consumer.namespace}/${stream}`;
    const deadline = Date.now() + this.options.requestTimeoutMs;
    for (;;) {
      const conn = await this.connection(deadline, what);
      try {
        await consumer.attach(conn);
        break;
      } catch (err) {
        const error = toFelix(err);
        // Nothing was delivered yet, so joining again on the next connection is safe.
        if (error.code === 'connection_lost' && !this.closedError && Date.now() < deadline) continue;
        await consumer.close();
        throw error;
      }
    }
    if (this.closedError) {
      await consumer.close();
      throw clientClosed(what);
    }
    this.consumers.add(consumer);
    // The connection may have gone between the answer and now; the new one must take us along.
    const now = this.current();
    if (now && now !== consumer.connection) consumer.resume(now);
    return consumer;
  }

  // ---- cache ----

  private async cacheCall<T>(what: string, idempotent: boolean, call: (conn: Connection) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.options.requestTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const conn = await this.connection(deadline, what);
      try {
        return await withTimeout(
          call(conn),
          deadline - Date.now(),
          () =>
            new FelixError(`${what}: no answer within ${this.options.requestTimeoutMs} ms`, {
              code: 'timeout',
              retry: idempotent ? 'retry' : 'outcome_unknown',
            }),
        );
      } catch (err) {
        const error = toFelix(err);
        // A read is safe to repeat; a write only if it never left the client.
        const again = error.code === 'connection_lost' && (idempotent || error.retry === 'retry');
        if (!again || this.closedError || Date.now() >= deadline) throw error;
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * attempt)));
      }
    }
  }

  /** The value stored under `key`, or null when there is none (or it expired). */
  get(cache: string, key: string, options: CacheOptions = {}): Promise<Uint8Array | null> {
    const namespace = options.namespace ?? this.options.namespace;
    const request = { type: 'cache_get', tenant_id: this.options.tenant, namespace, cache, key } as const;
    return this.cacheCall(`cache get ${namespace}/${cache}`, true, (conn) => conn.cache(request));
  }

  /**
   * Stores `value` under `key`, for `ttlMs` when given. The bytes of `value` may be sent from
   * where they are: leave them unchanged until the put settles.
   */
  put(cache: string, key: string, value: BytesLike, options: PutOptions = {}): Promise<void> {
    const namespace = options.namespace ?? this.options.namespace;
    if (options.ttlMs !== undefined && !(Number.isSafeInteger(options.ttlMs) && options.ttlMs >= 0))
      return Promise.reject(new RangeError(`ttlMs must be a non-negative integer, not ${options.ttlMs}`));
    const request = {
      type: 'cache_put',
      tenant_id: this.options.tenant,
      namespace,
      cache,
      key,
      value: toBytes(value),
      ttl_ms: options.ttlMs ?? null,
    } as const;
    return this.cacheCall(`cache put ${namespace}/${cache}`, false, async (conn) => {
      await conn.cache(request);
    });
  }

  /** Removes `key`; resolves with the value it held, or null when there was none. */
  delete(cache: string, key: string, options: CacheOptions = {}): Promise<Uint8Array | null> {
    const namespace = options.namespace ?? this.options.namespace;
    const request = { type: 'cache_delete', tenant_id: this.options.tenant, namespace, cache, key } as const;
    return this.cacheCall(`cache delete ${namespace}/${cache}`, false, (conn) => conn.cache(request));
  }

  // ---- shutdown ----

  /**
   * Sends what is batched, and the consumers' acks and nacks, and waits (up to `flushTimeoutMs`,
   * default 5 s) for the broker to confirm them, then ends every subscription, every consumer
   * (the session ending gives their records back to their groups) and the session.
   */
  async close(options: { flushTimeoutMs?: number } = {}): Promise<void> {
    if (this.closedError) return;
    const limit = options.flushTimeoutMs ?? 5_000;
    if (this.current()) {
      const settled = Promise.all([this.publisher.flush(), ...[...this.consumers].map((c) => c.settled())]);
      await withTimeout(settled, limit, () => new Error('flush timed out')).catch(() => {});
    }
    await this.shutdown(undefined);
  }

  private async shutdown(error: FelixError | undefined): Promise<void> {
    if (this.closedError) return;
    this.closedError = error ?? clientClosed('client');
    this.stateValue = 'closed';
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer.timer);
      this.reconnectTimer.wake();
    }
    this.publisher.close(error ?? clientClosed('publish'));
    for (const sub of [...this.subscriptions]) {
      if (error) sub.fail(error);
      else sub.finish();
    }
    this.subscriptions.clear();
    for (const consumer of [...this.consumers]) {
      if (error) consumer.fail(error);
      else consumer.finish();
    }
    this.consumers.clear();
    for (const w of this.waiting) w.reject(error ?? clientClosed('request'));
    this.waiting.clear();
    this.conn?.close();
    this.conn = undefined;
    this.emit('close', error);
  }
}
