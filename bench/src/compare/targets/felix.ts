// Felix through the wire client the broker benchmark uses (the generated codec over
// @felix/transport), for every carrier including QUIC, which the SDK does not dial. Publishes
// made in one turn go out as one unacknowledged binary_publish_batch, as the SDK batches them;
// cache requests made in one turn go out in one write, and so do durable publishes, each an
// acked batch of one payload with its own acknowledgement.

import { decodePayload, encodeFrame, FEATURES, FLAGS, FrameReader, type WireMessage } from '@felix/generated';
import { ALL_FEATURES, ALL_FLAGS, connectSession, testClient } from '@felix/testkit';
import type { ByteSource } from '@felix/transport';
import { withTimeout } from '../time.js';
import type { CacheConnection, DurableConnection, PubSubConnection, TargetSpec } from './types.js';

type FelixSpec = Extract<TargetSpec, { kind: 'felix' }>;
const endpoint = (spec: FelixSpec) => ({
  ports: { [spec.carrier]: spec.port },
  fingerprint: spec.fingerprint,
  token: spec.token,
  ca: spec.ca,
});
const scope = { tenant_id: 't1', namespace: 'default' } as const;
/** The SDK's default batch bound: a bigger turn's worth goes out as several frames. */
const MAX_BATCH_BYTES = 256 * 1024;

/** Calls `onFrame` for every frame on `source` until it ends; resolves then, rejects on a reset. */
async function readFrames(source: ByteSource, onFrame: (m: WireMessage) => void): Promise<void> {
  const reader = new FrameReader();
  for await (const chunk of source) {
    reader.push(chunk);
    for (let f = reader.next(); f; f = reader.next()) onFrame(decodePayload(f.flags, f.payload));
  }
}

export async function felixPubSub(spec: FelixSpec): Promise<PubSubConnection> {
  const client = await testClient(spec.carrier, endpoint(spec));
  if (client.authReply?.type !== 'auth_ok') throw new Error(`felix auth refused: ${client.authReply?.type}`);
  const pending = new Map<string, Uint8Array[]>();
  const flush = () => {
    for (const [stream, payloads] of pending) {
      let start = 0;
      let bytes = 0;
      for (let i = 0; i < payloads.length; i++) {
        bytes += payloads[i].length;
        if (bytes > MAX_BATCH_BYTES && i > start) {
          client.send({ type: 'binary_publish_batch', ...scope, stream, payloads: payloads.slice(start, i) });
          start = i;
          bytes = payloads[i].length;
        }
      }
      client.send({
        type: 'binary_publish_batch',
        ...scope,
        stream,
        payloads: start === 0 ? payloads : payloads.slice(start),
      });
    }
    pending.clear();
  };
  return {
    publish(stream, payload) {
      const queued = pending.get(stream);
      if (queued) queued.push(payload);
      else {
        if (pending.size === 0) queueMicrotask(flush);
        pending.set(stream, [payload]);
      }
    },
    async subscribe(stream, onMessage) {
      client.send({ type: 'subscribe', ...scope, stream });
      const reply = await client.control.next(10_000);
      if (reply.type !== 'subscribed') throw new Error(`felix subscribe refused: ${JSON.stringify(reply)}`);
      const events = await client.session.eventStream(reply.subscription_id, 10_000);
      let hello: () => void = () => {};
      const helloSeen = new Promise<void>((resolve) => (hello = resolve));
      readFrames(events, (m) => {
        if (m.type === 'binary_shared_event_batch' || m.type === 'binary_event_batch')
          for (const p of m.payloads) onMessage(p);
        else if (m.type === 'event_stream_hello') hello();
      }).catch(() => {}); // a reset at close; the workload notices missing deliveries by itself
      await withTimeout(helloSeen, 10_000, 'felix event_stream_hello');
    },
    async close() {
      client.close();
    },
  };
}

/** Answers matched to requests by id; what is still waiting when the stream ends is rejected. */
function pendingRequests<T>(what: string) {
  const waiting = new Map<number, { resolve: (m: T) => void; reject: (e: Error) => void }>();
  return {
    add(id: number, resolve: (m: T) => void, reject: (e: Error) => void) {
      waiting.set(id, { resolve, reject });
    },
    settle(id: number, outcome: { answer: T } | { error: Error }) {
      const w = waiting.get(id);
      if (!w) return;
      waiting.delete(id);
      if ('error' in outcome) w.reject(outcome.error);
      else w.resolve(outcome.answer);
    },
    endAll(why = `${what} ended`) {
      for (const w of waiting.values()) w.reject(new Error(why));
      waiting.clear();
    },
  };
}

/** Writes the frames queued in one turn as one chunk. */
function turnWriter(write: (chunk: Uint8Array) => void): (frame: Uint8Array) => void {
  let queued: Uint8Array[] = [];
  const flush = () => {
    const frames = queued;
    queued = [];
    write(frames.length === 1 ? frames[0] : Buffer.concat(frames));
  };
  return (frame) => {
    if (queued.length === 0) queueMicrotask(flush);
    queued.push(frame);
  };
}

/**
 * Acked publishes to a durable stream registered beforehand: one binary_publish_batch of one
 * payload per publish, each answered by its own binary_publish_ack, so a publish is a round trip
 * as a JetStream publish or an XADD is. The control stream is read here rather than through
 * testClient's inbox, which would wake a waiter per frame.
 */
export async function felixDurable(spec: FelixSpec, stream: string): Promise<DurableConnection> {
  const session = await connectSession(spec.carrier, endpoint(spec));
  const control = session.control;
  let authReply: (m: WireMessage) => void = () => {};
  const authed = new Promise<WireMessage>((resolve) => (authReply = resolve));
  const pending = pendingRequests<void>('felix control stream');
  const refusal = (why: string) => new Error(`felix refused a durable publish: ${why}`);
  let authenticated = false;
  readFrames(control.readable, (m) => {
    if (!authenticated) {
      authenticated = true; // the first answer is auth's
      authReply(m);
    } else if (m.type === 'binary_publish_ack')
      pending.settle(Number(m.request_id), m.status === 'ok' ? { answer: undefined } : { error: refusal(m.message) });
    else if (m.type === 'publish_ok') pending.settle(Number(m.request_id), { answer: undefined });
    else if (m.type === 'publish_error' || m.type === 'error')
      if (m.request_id === undefined || m.request_id === null) pending.endAll(`felix error: ${m.message}`);
      else pending.settle(Number(m.request_id), { error: refusal(`${m.code}: ${m.message}`) });
  })
    .catch(() => {})
    .finally(() => pending.endAll());
  control.writable.write(
    encodeFrame({
      type: 'auth',
      tenant_id: scope.tenant_id,
      token: spec.token,
      client_flags: ALL_FLAGS,
      client_features: ALL_FEATURES,
    }),
  );
  const reply = await withTimeout(authed, 10_000, 'felix auth');
  if (reply.type !== 'auth_ok') throw new Error(`felix auth refused: ${reply.type}`);
  const send = turnWriter((chunk) => control.writable.write(chunk));
  let nextId = 1;
  return {
    publish(payload) {
      return new Promise<void>((resolve, reject) => {
        const id = nextId++;
        pending.add(id, resolve, reject);
        send(
          encodeFrame({
            type: 'binary_publish_batch',
            ...scope,
            stream,
            payloads: [payload],
            request_id: BigInt(id),
            ack_mode: 'per_batch',
          }),
        );
      });
    },
    async close() {
      session.close({ code: 0, reason: 'bench done' });
    },
  };
}

/** A binary cache put's ttl_ms meaning "never expires" (JSON's null). */
const NO_EXPIRY = 2n ** 64n - 1n;
/** The SDK's rule: every binary cache layout, delete included, or JSON for all of them. */
const BINARY_CACHE_FLAGS =
  FLAGS.BINARY_CACHE_GET |
  FLAGS.BINARY_CACHE_PUT |
  FLAGS.BINARY_CACHE_DELETE |
  FLAGS.BINARY_CACHE_VALUE |
  FLAGS.BINARY_CACHE_OK;

function negotiatedBinaryCache(reply: WireMessage | undefined): boolean {
  if (reply?.type !== 'auth_ok') return false;
  return (
    ((reply.server_features ?? 0) & FEATURES.BINARY_CACHE) !== 0 &&
    (reply.server_flags & BINARY_CACHE_FLAGS) === BINARY_CACHE_FLAGS
  );
}

export async function felixCache(spec: FelixSpec): Promise<CacheConnection> {
  const client = await testClient(spec.carrier, endpoint(spec));
  if (client.authReply?.type !== 'auth_ok') throw new Error(`felix auth refused: ${client.authReply?.type}`);
  const stream = await client.session.openCacheStream();
  const pending = pendingRequests<WireMessage>('felix cache stream');
  let nextId = 1;
  readFrames(stream.readable, (m) => {
    const id = 'request_id' in m ? Number(m.request_id) : Number.NaN;
    pending.settle(id, m.type === 'error' ? { error: new Error(`felix cache error: ${m.message}`) } : { answer: m });
  })
    .catch(() => {})
    .finally(() => pending.endAll());
  // Requests made in one turn leave in one write, as ioredis (auto-pipelining) and nats.js send.
  const send = turnWriter((chunk) => stream.writable.write(chunk));
  const request = (build: (id: number) => WireMessage) =>
    new Promise<WireMessage>((resolve, reject) => {
      const id = nextId++;
      pending.add(id, resolve, reject);
      send(encodeFrame(build(id)));
    });
  const cacheScope = { ...scope, cache: 'primary' } as const;
  // The binary cache layouts when the broker negotiated them (as the SDK chooses), JSON otherwise.
  const binary = negotiatedBinaryCache(client.authReply);
  return {
    async get(key) {
      if (binary) {
        const m = await request((id) => ({ type: 'binary_cache_get', ...cacheScope, key, request_id: BigInt(id) }));
        return m.type === 'binary_cache_value' && m.status === 'found' ? m.value : undefined;
      }
      const m = await request((request_id) => ({ type: 'cache_get', ...cacheScope, key, request_id }));
      return m.type === 'cache_value' ? (m.value ?? undefined) : undefined;
    },
    async set(key, value) {
      if (binary) {
        const ttl_ms = NO_EXPIRY;
        await request((id) => ({
          type: 'binary_cache_put',
          ...cacheScope,
          key,
          value,
          request_id: BigInt(id),
          ttl_ms,
        }));
        return;
      }
      await request((request_id) => ({ type: 'cache_put', ...cacheScope, key, value, request_id, ttl_ms: null }));
    },
    async close() {
      client.close();
    },
  };
}
