// Cache streams: each bidirectional stream the peer opens carries cache_put/get/delete
// requests once the session has authenticated, answered in order on the same stream.
import {
  type CacheDelete,
  type CacheGet,
  type CachePut,
  CLOSE_CODES,
  encodeFrame,
  FEATURES,
  WireError,
  type WireMessage,
} from '@felix/generated';
import type { BidiStream, ByteSink } from '@felix/transport';
import { cacheScopeKey } from '../../core/cache-store.js';
import { CoalescingSink } from '../coalescing-sink.js';
import { framesWithin } from '../first-frame-deadline.js';
import type { SessionContext } from './context.js';
import { answerRefusal, answerUndecodable, RequestError } from './refusals.js';

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
  // Pipelined requests arrive several to a read; their answers leave in one write.
  const out = new CoalescingSink(stream.writable);
  const deadline = {
    ms: ctx.state.config.authTimeoutMs,
    resetCode: CLOSE_CODES.protocolError,
    expired: () =>
      ctx.state.metrics.deadlineTimeouts.inc({ carrier: ctx.session.carrier, deadline: 'stream_first_frame' }),
  };
  try {
    for await (const batch of framesWithin(stream, { maxPayload: ctx.state.config.maxFrameBytes }, deadline)) {
      ctx.heard();
      for (const incoming of batch) {
        if (ctx.isClosed) return;
        if (incoming.error) {
          answerUndecodable(ctx, out, incoming.error);
          continue;
        }
        const m = incoming.message;
        ctx.state.metrics.framesIn.inc({ type: m.type });
        try {
          handleCache(ctx, out, m);
        } catch (err) {
          answerRefusal(ctx, out, err, 'request_id' in m ? m.request_id : undefined);
        }
      }
      out.flush();
    }
  } catch (err) {
    if (err instanceof WireError) {
      answerUndecodable(ctx, stream.writable, err);
      stream.writable.end().catch(() => undefined);
    }
  }
}

function handleCache(ctx: SessionContext, sink: ByteSink, m: WireMessage): void {
  switch (m.type) {
    case 'cache_put':
      cachePut(ctx, sink, m);
      return;
    case 'cache_get':
    case 'cache_delete':
      cacheRead(ctx, sink, m);
      return;
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

function cachePut(ctx: SessionContext, sink: ByteSink, m: CachePut): void {
  const scope = cacheScope(ctx, m);
  if (!ctx.state.cache.put(scope, m.value, m.ttl_ms)) {
    throw new RequestError('limit_exceeded', 'the value is larger than the whole cache', m.request_id);
  }
  if (m.request_id !== undefined)
    ctx.send(sink, encodeFrame({ type: 'cache_ok', request_id: m.request_id }), 'cache_ok');
  else ctx.send(sink, encodeFrame({ type: 'ok' }), 'ok');
}

function cacheRead(ctx: SessionContext, sink: ByteSink, m: CacheGet | CacheDelete): void {
  if (m.type === 'cache_delete' && !(ctx.features & FEATURES.CACHE_DELETE)) {
    throw new RequestError('invalid_request', 'cache_delete needs the CACHE_DELETE feature', m.request_id);
  }
  const scope = cacheScope(ctx, m);
  const value = m.type === 'cache_get' ? ctx.state.cache.get(scope) : ctx.state.cache.delete(scope);
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
