// Cache requests (cache_put/get/delete, JSON or binary), on whichever request stream they come:
// each is answered on that stream, in the order they came on it, in the form it came in.
import {
  type BinaryCacheDelete,
  type BinaryCacheGet,
  type BinaryCachePut,
  type CacheDelete,
  type CacheGet,
  type CachePut,
  encodeBinaryCacheValueHead,
  encodeBinaryFrame,
  encodeFrame,
  FEATURES,
  FLAGS,
  HEADER_SIZE,
} from '@felix/generated';
import { isStorageError } from '@felix/storage';
import type { ByteSink } from '@felix/transport';
import { type CachePutResult, cacheScopeKey } from '../../core/cache-store.js';
import type { SessionContext } from './context.js';
import { RequestError } from './refusals.js';

type Put = CachePut | BinaryCachePut;
type Read = CacheGet | CacheDelete | BinaryCacheGet | BinaryCacheDelete;
export type CacheRequest = Put | Read;

/** What a session must have negotiated before it may send binary cache requests. */
const BINARY_ANSWER_FLAGS = FLAGS.BINARY_CACHE_VALUE | FLAGS.BINARY_CACHE_OK;

/** A binary put's ttl_ms that keeps the entry until evicted, as JSON's null does. */
const NO_TTL = 2n ** 64n - 1n;

const isBinary = (m: CacheRequest): m is BinaryCachePut | BinaryCacheGet | BinaryCacheDelete =>
  m.type.startsWith('binary_');

/** Answers the request; returns a promise when the answer waits for a durable cache's log. */
export function handleCache(ctx: SessionContext, sink: ByteSink, m: CacheRequest): Promise<void> | undefined {
  // The answer is binary: a session that never offered to read it must not be sent it.
  if (
    isBinary(m) &&
    (!(ctx.features & FEATURES.BINARY_CACHE) || (ctx.flags & BINARY_ANSWER_FLAGS) !== BINARY_ANSWER_FLAGS)
  )
    throw new RequestError(
      'invalid_request',
      `${m.type} needs the BINARY_CACHE feature and the BINARY_CACHE_VALUE and BINARY_CACHE_OK flags, which this session did not negotiate (client_features and client_flags in auth)`,
      m.request_id,
    );
  return m.type === 'cache_put' || m.type === 'binary_cache_put' ? cachePut(ctx, sink, m) : cacheRead(ctx, sink, m);
}

function cacheScope(ctx: SessionContext, m: CacheRequest): string {
  ctx.authorize(
    m.type === 'cache_get' || m.type === 'binary_cache_get' ? 'cache.read' : 'cache.write',
    { kind: 'cache', tenant: m.tenant_id, namespace: m.namespace, name: m.cache },
    m.request_id,
  );
  ctx.state.registry.cache(m.tenant_id, m.namespace, m.cache);
  return cacheScopeKey(m.tenant_id, m.namespace, m.cache, m.key);
}

/** The largest request_id a JSON request may carry (u64 max, 20 digits), for the longest answer. */
const LONGEST_REQUEST_ID = 2n ** 64n - 1n;

/** More than a cache_value's members, quotes and the longest request_id take besides the names. */
const ANSWER_FIXED_BOUND = 256;

/** Base64 characters for `n` bytes, padded. */
const base64Length = (n: number) => 4 * Math.ceil(n / 3);

/**
 * The payload size of the cache_value that would answer a get of this key holding `valueLength`
 * bytes, at its longest, when that is over `limit`; undefined when it fits. JSON writes a UTF-16
 * unit as at most 6 characters, which bounds the answer without encoding it, so an ordinary put
 * costs no extra encode; near the limit the answer without its value is encoded (names and key
 * escaped as they will be), so a value stored is one that can be sent back. A binary put is held
 * to the JSON answer too: any session may read the entry back, and not all of them read binary.
 */
function cacheValueAnswerOver(m: Put, valueLength: number, limit: number): number | undefined {
  const names = m.tenant_id.length + m.namespace.length + m.cache.length + m.key.length;
  if (base64Length(valueLength) + 6 * names + ANSWER_FIXED_BOUND <= limit) return undefined;
  const empty = encodeFrame({
    type: 'cache_value',
    tenant_id: m.tenant_id,
    namespace: m.namespace,
    cache: m.cache,
    key: m.key,
    value: new Uint8Array(0),
    request_id: LONGEST_REQUEST_ID,
  });
  const size = empty.length - HEADER_SIZE + base64Length(valueLength);
  return size > limit ? size : undefined;
}

/** A put's ttl in milliseconds, null for none; one past 2^53-1 ms (285,000 years) needs to be far off, not exact. */
function ttlOf(m: Put): number | null {
  if (m.type === 'binary_cache_put') return m.ttl_ms === NO_TTL ? null : Number(m.ttl_ms);
  return m.ttl_ms === null ? null : Number(m.ttl_ms);
}

function cachePut(ctx: SessionContext, sink: ByteSink, m: Put): Promise<void> | undefined {
  const scope = cacheScope(ctx, m);
  const answerSize = cacheValueAnswerOver(m, m.value.length, ctx.state.config.maxFrameBytes);
  if (answerSize !== undefined)
    throw new RequestError(
      'limit_exceeded',
      `the value is ${m.value.length} bytes: the cache_value answering a get of it would be ${answerSize} bytes, over the frame limit ${ctx.state.config.maxFrameBytes} (maxFrameBytes)`,
      m.request_id,
    );
  const { cache } = ctx.state;
  const ttlMs = ttlOf(m);
  const durable = ctx.state.durableCache(m.tenant_id, m.namespace, m.cache);
  if (!durable) {
    answerPut(ctx, sink, m, cache.put(scope, m.value, ttlMs));
    return undefined;
  }
  // Refused before the log is written, so the log never holds what memory could never hold.
  if (!cache.fits(scope, m.value.length))
    throw new RequestError('limit_exceeded', 'the value is larger than the whole cache', m.request_id);
  const expiresAt = cache.expiryOf(ttlMs);
  const write = durable.write({ op: 'put', key: m.key, value: m.value, expiresAt }, () =>
    cache.putUntil(scope, m.value, expiresAt),
  );
  return write.then(
    (stored) => {
      // Refused by memory after the log took it: the log forgets it too, or a restart would
      // bring back what was never acknowledged.
      if (stored !== 'stored') void durable.write({ op: 'delete', key: m.key }, () => undefined).catch(() => {});
      answerPut(ctx, sink, m, stored);
    },
    (err) => {
      throw cacheStorageRefusal(ctx, err, m.request_id);
    },
  );
}

function answerPut(ctx: SessionContext, sink: ByteSink, m: Put, stored: CachePutResult): void {
  if (stored === 'too_large')
    throw new RequestError('limit_exceeded', 'the value is larger than the whole cache', m.request_id);
  if (stored === 'no_memory')
    throw new RequestError(
      'overloaded',
      "the broker's memory budget is held by other data just now (memoryBudgetBytes); retry later",
      m.request_id,
    );
  if (m.type === 'binary_cache_put')
    ctx.send(sink, encodeBinaryFrame({ type: 'binary_cache_ok', request_id: m.request_id }), 'binary_cache_ok');
  else if (m.request_id !== undefined)
    ctx.send(sink, encodeFrame({ type: 'cache_ok', request_id: m.request_id }), 'cache_ok');
  else ctx.send(sink, encodeFrame({ type: 'ok' }), 'ok');
}

/** A durable cache's failed write as the refusal it is answered with. */
function cacheStorageRefusal(ctx: SessionContext, err: unknown, requestId: number | bigint | undefined): RequestError {
  if (isStorageError(err) && err.code === 'closed')
    return new RequestError('draining', 'the broker is draining', requestId);
  ctx.state.metrics.storageWriteRefusals.inc({ kind: 'cache' });
  ctx.state.logger.warn({ err }, 'durable cache: a write failed');
  const why = isStorageError(err) ? (err.errno ?? err.code) : 'internal fault';
  return new RequestError(
    'storage_unavailable',
    `the durable cache's log could not store this (${why}); nothing was changed, send it again later`,
    requestId,
  );
}

function cacheRead(ctx: SessionContext, sink: ByteSink, m: Read): Promise<void> | undefined {
  const get = m.type === 'cache_get' || m.type === 'binary_cache_get';
  if (!get && !(ctx.features & FEATURES.CACHE_DELETE)) {
    throw new RequestError('invalid_request', `${m.type} needs the CACHE_DELETE feature`, m.request_id);
  }
  const scope = cacheScope(ctx, m);
  const { cache } = ctx.state;
  if (get) {
    answerValue(ctx, sink, m, cache.get(scope));
    return undefined;
  }
  const durable = ctx.state.durableCache(m.tenant_id, m.namespace, m.cache);
  if (!durable) {
    answerValue(ctx, sink, m, cache.delete(scope));
    return undefined;
  }
  // Written even when memory holds no value: the log may (an entry memory evicted), and it
  // must not come back at the next start.
  return durable
    .write({ op: 'delete', key: m.key }, () => cache.delete(scope))
    .then(
      (value) => answerValue(ctx, sink, m, value),
      (err) => {
        throw cacheStorageRefusal(ctx, err, m.request_id);
      },
    );
}

function answerValue(ctx: SessionContext, sink: ByteSink, m: Read, value: Uint8Array | undefined): void {
  if (m.type === 'binary_cache_get' || m.type === 'binary_cache_delete') {
    // The entry's own bytes follow the head: the cache never changes a value it holds (a put
    // stores a new copy), so the carrier may keep the view until it is sent.
    const status = value === undefined ? 'missing' : 'found';
    const head = encodeBinaryCacheValueHead(
      { type: 'binary_cache_value', request_id: m.request_id, status },
      value?.length ?? 0,
    );
    ctx.sendParts(sink, head, value, 'binary_cache_value');
    return;
  }
  ctx.send(
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
