// Cache requests (cache_put/get/delete), on whichever request stream they come: each is
// answered on that stream, in the order they came on it.
import { type CacheDelete, type CacheGet, type CachePut, encodeFrame, FEATURES, HEADER_SIZE } from '@felix/generated';
import { isStorageError } from '@felix/storage';
import type { ByteSink } from '@felix/transport';
import { type CachePutResult, cacheScopeKey } from '../../core/cache-store.js';
import type { SessionContext } from './context.js';
import { RequestError } from './refusals.js';

/** Answers the request; returns a promise when the answer waits for a durable cache's log. */
export function handleCache(
  ctx: SessionContext,
  sink: ByteSink,
  m: CachePut | CacheGet | CacheDelete,
): Promise<void> | undefined {
  return m.type === 'cache_put' ? cachePut(ctx, sink, m) : cacheRead(ctx, sink, m);
}

function cacheScope(ctx: SessionContext, m: CachePut | CacheGet | CacheDelete): string {
  ctx.authorize(
    m.type === 'cache_get' ? 'cache.read' : 'cache.write',
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
 * escaped as they will be), so a value stored is one that can be sent back.
 */
function cacheValueAnswerOver(m: CachePut, valueLength: number, limit: number): number | undefined {
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

function cachePut(ctx: SessionContext, sink: ByteSink, m: CachePut): Promise<void> | undefined {
  const scope = cacheScope(ctx, m);
  const answerSize = cacheValueAnswerOver(m, m.value.length, ctx.state.config.maxFrameBytes);
  if (answerSize !== undefined)
    throw new RequestError(
      'limit_exceeded',
      `the value is ${m.value.length} bytes: the cache_value answering a get of it would be ${answerSize} bytes, over the frame limit ${ctx.state.config.maxFrameBytes} (maxFrameBytes)`,
      m.request_id,
    );
  const { cache } = ctx.state;
  // A ttl past 2^53-1 ms (285,000 years) needs to be far off, not exact.
  const ttlMs = m.ttl_ms === null ? null : Number(m.ttl_ms);
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

function answerPut(ctx: SessionContext, sink: ByteSink, m: CachePut, stored: CachePutResult): void {
  if (stored === 'too_large')
    throw new RequestError('limit_exceeded', 'the value is larger than the whole cache', m.request_id);
  if (stored === 'no_memory')
    throw new RequestError(
      'overloaded',
      "the broker's memory budget is held by other data just now (memoryBudgetBytes); retry later",
      m.request_id,
    );
  if (m.request_id !== undefined)
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

function cacheRead(ctx: SessionContext, sink: ByteSink, m: CacheGet | CacheDelete): Promise<void> | undefined {
  if (m.type === 'cache_delete' && !(ctx.features & FEATURES.CACHE_DELETE)) {
    throw new RequestError('invalid_request', 'cache_delete needs the CACHE_DELETE feature', m.request_id);
  }
  const scope = cacheScope(ctx, m);
  const { cache } = ctx.state;
  if (m.type === 'cache_get') {
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

function answerValue(
  ctx: SessionContext,
  sink: ByteSink,
  m: CacheGet | CacheDelete,
  value: Uint8Array | undefined,
): void {
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
