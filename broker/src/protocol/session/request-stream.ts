// A request stream: any bidirectional stream the client opens. As upstream's clients do, a
// stream may begin with its own auth and then carry any request; the first stream of a session
// must (nothing is served before the session is admitted). Our clients' way stays served too: a
// later stream that does not begin with auth belongs to the session once its first stream has
// authenticated. Each request is answered on the stream it came on, in order; a refused one is
// answered with an error and the stream goes on. The peer finishing its side ends only that
// direction: what is owed is written, then the broker finishes its own, and the session (with
// its subscriptions) lives on until the connection closes.
import {
  type Auth,
  CLOSE_CODES,
  type IncomingFrame,
  type Subscribe,
  WireError,
  type WireMessage,
} from '@felix/generated';
import type { BidiStream, ByteSink } from '@felix/transport';
import { CoalescingSink } from '../coalescing-sink.js';
import { framesWithin } from '../first-frame-deadline.js';
import { errorFrame } from '../replies.js';
import { nextTurn, TURN_BUDGET_MS } from '../turn-queue.js';
import { authenticateStream } from './auth.js';
import { handleCache } from './cache-handler.js';
import type { SessionContext } from './context.js';
import type { GroupRequest } from './group-handler.js';
import { PublishAcks } from './publish-acks.js';
import { publishBinary, publishJson } from './publish-handler.js';
import { answerRefusal, answerUndecodable, RequestError } from './refusals.js';

/** How long a stream closed by the broker may take to send its last answer before it is reset. */
const CLOSE_GRACE_MS = 1000;

/** Who takes the requests a session keeps state for: its subscriptions and group consumers. */
export interface SessionRequests {
  subscribe(m: Subscribe, sink: ByteSink): void;
  /** A promise when the answer waits (a group being made): the stream reads on after it. */
  group(m: GroupRequest, sink: ByteSink, acks: PublishAcks): Promise<void> | undefined;
}

/** What one stream's requests are answered through. */
interface StreamAnswers {
  /** The session's first stream: what goes wrong on it before auth ends the session. */
  readonly first: boolean;
  readonly stream: BidiStream;
  /** The stream's writer, for answers that must not wait in `out` (one the session may close after). */
  readonly sink: ByteSink;
  /** Answers leave through this, one write per read's worth of requests. */
  readonly out: CoalescingSink;
  readonly acks: PublishAcks;
  /** Set once this stream has authenticated, or joined an admitted session without auth. */
  admitted: boolean;
}

/**
 * Serves one request stream until the peer finishes or resets it, or the session closes.
 * `first` marks the session's first stream, whose writer is the session's control sink.
 */
export async function serveRequestStream(
  ctx: SessionContext,
  requests: SessionRequests,
  stream: BidiStream,
  first: boolean,
): Promise<void> {
  const tracked = first ? undefined : ctx.answers.track(stream.writable);
  const sink: ByteSink = tracked ?? ctx.control;
  const out = new CoalescingSink(sink);
  const acks = new PublishAcks((frame, type) => ctx.send(out, frame, type), undefined, undefined, {
    pending: ctx.pendingPublishes,
    afterLater: () => out.flush(),
  });
  const s: StreamAnswers = { first, stream, sink, out, acks, admitted: false };
  ctx.streamAcks.add(acks);
  let stopReading!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stopReading = resolve;
  });
  let given = false;
  const receiving = ctx.frameReceipt((size, received) => {
    given = true;
    stopReading();
    out.flush();
    ctx.send(sink, errorFrame(ctx, 'limit_exceeded', ctx.stalledMessage(size, received)), 'error');
    if (first) ctx.close(CLOSE_CODES.limitExceeded, 'a frame arrived too slowly');
    else closeStream(stream, CLOSE_CODES.limitExceeded);
  });
  // The session's first stream is covered by the auth deadline; a later one that says nothing
  // whole in time is reset, so idle opens cannot pile up.
  const deadline = first
    ? undefined
    : {
        ms: ctx.state.config.authTimeoutMs,
        resetCode: CLOSE_CODES.protocolError,
        expired: () => {
          given = true;
          ctx.state.metrics.deadlineTimeouts.inc({ carrier: ctx.session.carrier, deadline: 'stream_first_frame' });
        },
      };
  try {
    const limits = { maxPayload: ctx.state.config.maxFrameBytes, receiving, skipBadFlags: true };
    for await (const batch of framesWithin(stream, limits, deadline, stopped)) {
      ctx.heard();
      // One read may bring a thousand requests (a session subscribing 1,024 times at once, each
      // refused with its own error): served in one go they held the loop for 200 ms of CPU.
      // Past a turn's budget, what is answered goes out and the loop gets a turn.
      let turnStarted = performance.now();
      for (const incoming of batch) {
        if (!(await serveFrame(ctx, requests, s, incoming))) {
          out.flush();
          return;
        }
        if (performance.now() - turnStarted >= TURN_BUDGET_MS) {
          out.flush();
          await nextTurn();
          turnStarted = performance.now();
        }
      }
      out.flush();
    }
    if (given || ctx.isClosed) return;
    // The peer finished its side: the answers still owed go out, then the broker finishes its own.
    await acks.settled();
    if (ctx.isClosed) return;
    out.flush();
    if (first) await ctx.finishControl();
    else await out.end();
  } catch (err) {
    if (!(err instanceof WireError)) {
      // The carrier ended the stream (peer reset, connection lost): nothing more to answer.
      ctx.state.logger.debug({ err, first }, 'request stream ended by the carrier');
      return;
    }
    // A bad frame header: the stream cannot be read further.
    out.flush();
    answerUndecodable(ctx, sink, err);
    // The session's first stream is where its notices go: the session goes with it, as before.
    if (first) return ctx.close(CLOSE_CODES.protocolError, err.code);
    sink.end().catch(() => undefined);
  } finally {
    // A session may open and finish many streams (upstream's clients, one per subscribe): what
    // each held is given back when it ends, not only when the session does.
    receiving.dispose();
    ctx.streamAcks.delete(acks);
    if (tracked) ctx.answers.retire(tracked);
  }
}

/** Serves one frame; false when the stream is done with (refused, or the session closing). */
async function serveFrame(
  ctx: SessionContext,
  requests: SessionRequests,
  s: StreamAnswers,
  incoming: IncomingFrame,
): Promise<boolean> {
  // Refused, expired or drained: what the peer sent after that is not served.
  if (ctx.isClosed) return false;
  // A peer that leaves its answers unread is not read either, until it catches up.
  if (ctx.answers.mustWait) {
    // What is held goes out first: the peer may be waiting for it to read on.
    s.out.flush();
    await ctx.answerRoom();
    if (ctx.isClosed) return false;
  }
  // Durable publishes past the session's bound wait for their logs before more is read.
  if (s.acks.mustWait) {
    s.out.flush();
    ctx.state.metrics.readPauses.inc({ pool: 'receiving' });
    await s.acks.room();
    if (ctx.isClosed) return false;
  }
  if (incoming.error) {
    if (!s.admitted && s.first && ctx.tenant === undefined) {
      s.out.flush();
      answerUndecodable(ctx, s.sink, incoming.error);
      ctx.close(CLOSE_CODES.protocolError, incoming.error.code);
      return false;
    }
    answerUndecodable(ctx, s.out, incoming.error);
    return true;
  }
  const m = incoming.message;
  ctx.state.metrics.framesIn.inc({ type: m.type });
  if (!s.admitted) {
    if (m.type === 'auth') return admitByAuth(ctx, s, m);
    if (!(await joinSession(ctx, s, m))) return false;
  }
  try {
    const stored = dispatch(ctx, requests, s, m);
    // A durable cache answers once its log has the write: what is held goes out first, and
    // this stream reads on only after, so its cache answers stay in request order.
    if (stored) {
      s.out.flush();
      await stored;
    }
  } catch (err) {
    answerRefusal(ctx, s.out, err, 'request_id' in m ? m.request_id : undefined);
  }
  return true;
}

/** The stream's own auth. Awaited, so nothing sent after it is handled before it is decided. */
async function admitByAuth(ctx: SessionContext, s: StreamAnswers, m: Auth): Promise<boolean> {
  s.out.flush();
  if (await authenticateStream(ctx, m, s.sink)) {
    s.admitted = true;
    return true;
  }
  // Refused: for the session's first auth the session is closing; otherwise only this stream.
  s.out.flush();
  if (!ctx.isClosed) closeStream(s.stream, CLOSE_CODES.unauthenticated);
  return false;
}

/**
 * A stream that did not begin with auth. The session's first stream must: the session is refused.
 * A later one joins the session once it is admitted (our clients open cache streams that way).
 */
async function joinSession(ctx: SessionContext, s: StreamAnswers, m: WireMessage): Promise<boolean> {
  if (s.first && ctx.tenant === undefined) {
    ctx.state.audit.authRefused({
      via: 'session',
      tenant: 'tenant_id' in m && typeof m.tenant_id === 'string' ? m.tenant_id : '',
      reason: 'auth_not_first',
      detail: m.type,
      carrier: ctx.session.carrier,
      remote: ctx.session.remoteAddress,
    });
    s.out.flush();
    ctx.send(s.sink, errorFrame(ctx, 'unauthenticated', `${m.type} before auth`), 'error');
    ctx.close(CLOSE_CODES.unauthenticated, 'auth must come first');
    return false;
  }
  s.out.flush();
  await Promise.race([ctx.authenticated, ctx.session.closed.catch(() => undefined)]);
  if (ctx.isClosed || ctx.tenant === undefined) return false;
  s.admitted = true;
  return true;
}

/** Ends a stream the broker gives up on, its last answer first, and resets it after a grace. */
function closeStream(stream: BidiStream, code: number): void {
  const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
  void Promise.race([stream.writable.end().catch(() => undefined), grace]).finally(() => stream.writable.reset(code));
}

/** Hands a request to its handler; returns a promise when its answer waits for a durable log. */
function dispatch(
  ctx: SessionContext,
  requests: SessionRequests,
  s: StreamAnswers,
  m: WireMessage,
): Promise<void> | undefined {
  switch (m.type) {
    case 'publish':
    case 'publish_batch':
      publishJson(ctx, s.acks, m);
      return undefined;
    case 'binary_publish_batch':
      publishBinary(ctx, s.acks, m);
      return undefined;
    case 'subscribe':
      requests.subscribe(m, s.out);
      return undefined;
    case 'cache_put':
    case 'cache_get':
    case 'cache_delete':
    case 'binary_cache_put':
    case 'binary_cache_get':
    case 'binary_cache_delete':
      return handleCache(ctx, s.out, m);
    case 'group_join':
    case 'group_ack':
    case 'group_nack':
    case 'group_leave':
      return requests.group(m, s.out, s.acks);
    case 'auth':
      throw new RequestError('invalid_request', 'this stream is already authenticated');
    default:
      throw new RequestError('invalid_request', `${m.type} is not a request the broker takes`);
  }
}
