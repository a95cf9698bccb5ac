// How a session answers what it refuses: requests it will not serve (typed errors the handlers
// throw) and frames it cannot decode.
import { encodeFrame, FLAGS, type WireError } from '@felix/generated';
import { isStorageError } from '@felix/storage';
import type { ByteSink } from '@felix/transport';
import { LimitExceededError, NotFoundError } from '../../core/registry.js';
import { errorFrame, wireErrorFrame } from '../replies.js';
import type { SessionContext } from './context.js';

export class RequestError extends Error {
  constructor(
    readonly code:
      | 'forbidden'
      | 'not_found'
      | 'invalid_request'
      | 'limit_exceeded'
      | 'overloaded'
      | 'unauthenticated'
      | 'draining'
      | 'storage_unavailable',
    message: string,
    readonly requestId?: number | bigint,
    /** The request's field at fault, named in the error's detail. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * A durable append that failed, as its refusal: the log was closed by a drain, or the disk did
 * not take it (nothing was stored: the errno says why, the path and position go to the log only).
 */
export function durableRefusal(ctx: SessionContext, err: unknown): RequestError {
  if (isStorageError(err) && err.code === 'closed') return new RequestError('draining', 'the broker is draining');
  const kind = 'stream';
  ctx.state.metrics.storageWriteRefusals.inc({ kind });
  const why = isStorageError(err) ? (err.errno ?? err.code) : 'internal fault';
  return new RequestError(
    'storage_unavailable',
    `the durable ${kind}'s log could not store this (${why}); nothing of it was stored, send it again later`,
  );
}

/** A refusal as a RequestError carrying `requestId`, for answers built from its code and message. */
export function asRequestError(err: RequestError | RegistryRefusal, requestId?: number | bigint): RequestError {
  if (err instanceof RequestError) return err;
  return new RequestError(err.code, err.message, requestId);
}

/** A refusal the registry makes: a name it does not hold, or one past its caps. */
type RegistryRefusal = NotFoundError | LimitExceededError;

/** Whether `err` refuses one request (and is answered) rather than being a fault of the broker. */
export function isRefusal(err: unknown): err is RequestError | RegistryRefusal {
  return err instanceof RequestError || err instanceof NotFoundError || err instanceof LimitExceededError;
}

/** Counts a refusal for a configured cap under the setting's name, as the connection caps are. */
export function countRefusal(ctx: SessionContext, err: unknown): void {
  if (err instanceof LimitExceededError) ctx.state.metrics.limitRefusals.inc({ limit: err.limit });
}

/** Answers a refused request with an error frame; anything that is not a refusal is rethrown. */
export function answerRefusal(
  ctx: SessionContext,
  sink: ByteSink,
  err: unknown,
  messageRequestId?: number | bigint,
): void {
  if (!isRefusal(err)) throw err;
  countRefusal(ctx, err);
  const requestId = (err instanceof RequestError ? err.requestId : undefined) ?? messageRequestId;
  const field = err instanceof RequestError ? err.field : undefined;
  ctx.send(sink, errorFrame(ctx, err.code, err.message, { requestId, field }), 'error');
}

/** Answers a frame that could not be decoded. */
export function answerUndecodable(ctx: SessionContext, sink: ByteSink, err: WireError): void {
  ctx.state.metrics.decodeErrors.inc({ code: err.code });
  // An acked binary batch is owed a binary ack carrying its id, even when its body is bad. Other
  // binary requests (the cache's) get an error carrying the id, which their answers echo too.
  if (
    err.requestId !== undefined &&
    typeof err.requestId === 'bigint' &&
    err.field.startsWith('binary_publish_batch.') &&
    ctx.flags & FLAGS.BINARY_PUBLISH_ACK
  ) {
    ctx.send(
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
  ctx.send(sink, wireErrorFrame(ctx, err), 'error');
}
