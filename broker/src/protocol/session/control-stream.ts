// The control stream: auth must come first; after it, each request is dispatched to the
// handler for its kind and a refused one is answered with an error, the stream going on.
import { CLOSE_CODES, WireError, type WireMessage } from '@felix/generated';
import { framesWithin } from '../first-frame-deadline.js';
import { errorFrame } from '../replies.js';
import { authenticate } from './auth.js';
import type { SessionContext } from './context.js';
import { publishBinary, publishJson } from './publish-handler.js';
import { answerRefusal, answerUndecodable, RequestError } from './refusals.js';
import type { SubscribeHandler } from './subscribe-handler.js';

/** Serves the control stream until it ends or the session is closed for what it carried. */
export async function serveControlStream(ctx: SessionContext, subscriptions: SubscribeHandler): Promise<void> {
  let stopReading!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stopReading = resolve;
  });
  const receiving = ctx.frameReceipt((size, received) => {
    ctx.send(ctx.control, errorFrame(ctx, 'limit_exceeded', ctx.stalledMessage(size, received)), 'error');
    ctx.close(CLOSE_CODES.limitExceeded, 'a frame arrived too slowly');
    stopReading();
  });
  try {
    const limits = { maxPayload: ctx.state.config.maxFrameBytes, receiving };
    for await (const batch of framesWithin(ctx.session.control, limits, undefined, stopped)) {
      ctx.heard();
      for (const incoming of batch) {
        // Refused, expired or drained: what the peer sent after that is not served.
        if (ctx.isClosed) return;
        // A peer that leaves its answers unread is not read either, until it catches up.
        if (ctx.answers.mustWait) {
          await ctx.answerRoom();
          if (ctx.isClosed) return;
        }
        // Durable publishes past the session's bound wait for their logs before more is read.
        if (ctx.publishAcks.mustWait) {
          ctx.state.metrics.readPauses.inc({ pool: 'receiving' });
          await ctx.publishAcks.room();
          if (ctx.isClosed) return;
        }
        if (incoming.error) {
          answerUndecodable(ctx, ctx.control, incoming.error);
          if (!ctx.tenant) return ctx.close(CLOSE_CODES.protocolError, incoming.error.code);
          continue;
        }
        const m = incoming.message;
        ctx.state.metrics.framesIn.inc({ type: m.type });
        if (!ctx.tenant) {
          if (m.type !== 'auth') {
            ctx.state.audit.authRefused({
              via: 'session',
              tenant: 'tenant_id' in m && typeof m.tenant_id === 'string' ? m.tenant_id : '',
              reason: 'auth_not_first',
              detail: m.type,
              carrier: ctx.session.carrier,
              remote: ctx.session.remoteAddress,
            });
            ctx.send(ctx.control, errorFrame(ctx, 'unauthenticated', `${m.type} before auth`), 'error');
            return ctx.close(CLOSE_CODES.unauthenticated, 'auth must come first');
          }
          // Awaited, so nothing the peer sent after auth is handled before auth has been decided.
          if (!(await authenticate(ctx, m))) return;
          continue;
        }
        try {
          dispatch(ctx, subscriptions, m);
        } catch (err) {
          answerRefusal(ctx, ctx.control, err);
        }
      }
    }
  } catch (err) {
    // A bad frame header: the stream cannot be read further.
    if (err instanceof WireError) {
      answerUndecodable(ctx, ctx.control, err);
      return ctx.close(CLOSE_CODES.protocolError, err.code);
    }
    // The carrier ended the stream (peer reset, connection lost): the session is over.
    ctx.state.logger.debug({ err }, 'control stream ended by the carrier');
  }
}

function dispatch(ctx: SessionContext, subscriptions: SubscribeHandler, m: WireMessage): void {
  switch (m.type) {
    case 'publish':
    case 'publish_batch':
      publishJson(ctx, m);
      return;
    case 'binary_publish_batch':
      publishBinary(ctx, m);
      return;
    case 'subscribe':
      subscriptions.subscribe(m);
      return;
    case 'auth':
      throw new RequestError('invalid_request', 'the session is already authenticated');
    default:
      throw new RequestError('invalid_request', `${m.type} is not a request the control stream takes`);
  }
}
