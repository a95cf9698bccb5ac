// Cache streams: each bidirectional stream the peer opens carries cache_put/get/delete
// requests once the session has authenticated, answered in order on the same stream.
import {
  type CacheDelete,
  type CacheGet,
  type CachePut,
  CLOSE_CODES,
  encodeFrame,
  FEATURES,
  HEADER_SIZE,
  WireError,
  type WireMessage,
} from '@felix/generated';
import { isStorageError } from '@felix/storage';
import type { BidiStream, ByteSink } from '@felix/transport';
import { type CachePutResult, cacheScopeKey } from '../../core/cache-store.js';
import { CoalescingSink } from '../coalescing-sink.js';
import { framesWithin } from '../first-frame-deadline.js';
import { errorFrame } from '../replies.js';
import type { SessionContext } from './context.js';
import { answerRefusal, answerUndecodable, RequestError } from './refusals.js';

/** How long a stream closed by the broker may take to send its last answer before it is reset. */
const CLOSE_GRACE_MS = 1000;

/** Serves every cache stream the peer opens until the session closes. */
export async function serveCacheStreams(ctx: SessionContext): Promise<void> {
  try {
    for await (const stream of ctx.session.cacheStreams) void serveCache(ctx, stream);
  } catch {
    // the session is closing
  }
}

async function serveCache(ctx: SessionContext, stream: BidiStream): Promise<void> {
  await ctx.authenticated;
  const answers = ctx.answers.track(stream.writable);
  // Pipelined requests arrive several to a read; their answers leave in one write.
  const out = new CoalescingSink(answers);
  let stopReading!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stopReading = resolve;
  });
  const receiving = ctx.frameReceipt((size, received) => {
    stopReading();
    ctx.send(out, errorFrame(ctx, 'limit_exceeded', ctx.stalledMessage(size, received)), 'error');
    out.flush();
    closeStream(stream, CLOSE_CODES.limitExceeded);
  });
  const deadline = {
    ms: ctx.state.config.authTimeoutMs,
    resetCode: CLOSE_CODES.protocolError,
    expired: () =>
      ctx.state.metrics.deadlineTimeouts.inc({ carrier: ctx.session.carrier, deadline: 'stream_first_frame' }),
  };
  try {
    const limits = { maxPayload: ctx.state.config.maxFrameBytes, receiving };
    for await (const batch of framesWithin(stream, limits, deadline, stopped)) {
      ctx.heard();
      for (const incoming of batch) {
        if (ctx.isClosed) return;
        if (ctx.answers.mustWait) {
          // What is held goes out first: the peer may be waiting for it to read on.
          out.flush();
          await ctx.answerRoom();
          if (ctx.isClosed) return;
        }
        if (incoming.error) {
          answerUndecodable(ctx, out, incoming.error);
          continue;
        }
        const m = incoming.message;
        ctx.state.metrics.framesIn.inc({ type: m.type });
        try {
          const stored = handleCache(ctx, out, m);
          // A durable cache answers once its log has the write: what is held goes out first, and
          // this stream reads on only after, so its answers stay in request order.
          if (stored) {
            out.flush();
            await stored;
          }
        } catch (err) {
          answerRefusal(ctx, out, err, 'request_id' in m ? m.request_id : undefined);
        }
      }
      out.flush();
    }
  } catch (err) {
    if (err instanceof WireError) {
      answerUndecodable(ctx, answers, err);
      stream.writable.end().catch(() => undefined);
    }
  } finally {
    ctx.answers.retire(answers);
  }
}

/** Ends a stream the broker gives up on, its last answer first, and resets it after a grace. */
function closeStream(stream: BidiStream, code: number): void {
  const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
  void Promise.race([stream.writable.end().catch(() => undefined), grace]).finally(() => stream.writable.reset(code));
}

/** Answers the request; returns a promise when the answer waits for a durable cache's log. */
function handleCache(ctx: SessionContext, sink: ByteSink, m: WireMessage): Promise<void> | undefined {
  switch (m.type) {
    case 'cache_put':
      return cachePut(ctx, sink, m);
    case 'cache_get':
    case 'cache_delete':
      return cacheRead(ctx, sink, m);
    default:
      throw new RequestError('invalid_request', `${m.type} is not a request the cache stream takes`);
  }
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
