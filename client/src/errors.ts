// The one error type the SDK rejects with. Every failure, whether the broker refused a request
// or the client gave up on it, carries a code and the spec's retry class, so callers decide
// what to do from data rather than from message text.
import { type CursorErrorReason, ERROR_CODES, type ErrorCode, RETRY_CLASS, type RetryClass } from '@felix/generated';

/** Codes the client itself produces (never sent by a broker). */
export type ClientErrorCode =
  /** The connection went away before the answer arrived. */
  | 'connection_lost'
  /** No answer within the request's time limit. */
  | 'timeout'
  /** The client was closed. */
  | 'closed'
  /** The carrier or broker could not be reached or did not authenticate in time. */
  | 'connect_failed'
  /** The broker did not negotiate what this call needs (a feature, or stream attach on TLS). */
  | 'not_supported'
  /** Too many bytes are waiting to be published; retry once the backlog shrinks. */
  | 'buffer_full'
  /** A subscribe offset outside the stream's retained range (subscribe_cursor_error). */
  | 'cursor_out_of_range'
  /**
   * A subscribe offset read in another epoch of the stream's log (it started again, as an
   * in-memory stream does when its broker restarts): it names none of the records there now.
   */
  | 'epoch_mismatch'
  /** The broker refused a binary publish batch without saying why in a code. */
  | 'publish_refused'
  /** The broker sent a frame this client cannot read. */
  | 'protocol_error'
  /**
   * A consumer's ack or nack of a record it no longer holds: it was delivered on a session
   * that has ended, or before the consumer rejoined or left its group. The broker has already
   * taken the record back and delivers it again (to this consumer or another of the group).
   */
  | 'stale_delivery'
  /** The broker sent an error with no code (it did not negotiate ERROR_CODES). */
  | 'unknown';

export type FelixErrorCode = ErrorCode | ClientErrorCode;

export interface FelixErrorInit {
  /** A wire code the client does not know is kept as is. */
  code: FelixErrorCode | (string & {});
  retry?: RetryClass;
  /** A bigint only when the broker sent an id above 2^53-1, which this client never uses. */
  requestId?: number | bigint;
  /** Where the broker found the problem (error.detail). */
  detail?: { field?: string; offset?: number; retryAfterMs?: number };
  cause?: unknown;
}

const KNOWN_RETRY: ReadonlySet<string> = new Set(RETRY_CLASS);

/** The retry class the spec gives a wire code; codes and classes the client does not know read as fatal. */
export function retryClassOf(code: string, wireRetry?: string): RetryClass {
  if (wireRetry !== undefined) return KNOWN_RETRY.has(wireRetry) ? (wireRetry as RetryClass) : 'fatal';
  if (!Object.hasOwn(ERROR_CODES, code)) return 'fatal';
  const { retry } = ERROR_CODES[code as ErrorCode];
  return KNOWN_RETRY.has(retry) ? (retry as RetryClass) : 'fatal';
}

export class FelixError extends Error {
  /** The wire code (protocol.yaml errors) or a ClientErrorCode. */
  readonly code: FelixErrorCode | (string & {});
  /** What the caller may do: retry, retry_after, redirect, outcome_unknown or fatal. */
  readonly retry: RetryClass;
  readonly requestId: number | bigint | undefined;
  readonly detail: FelixErrorInit['detail'];

  constructor(message: string, init: FelixErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'FelixError';
    this.code = init.code;
    this.retry = init.retry ?? retryClassOf(init.code);
    this.requestId = init.requestId;
    this.detail = init.detail;
  }

  /** True when sending the same request again cannot apply it twice. */
  get retriable(): boolean {
    return this.retry === 'retry' || this.retry === 'retry_after';
  }
}

/**
 * A subscribe asked for an offset the broker no longer (too_old) or not yet (in_future) holds,
 * or one read in another epoch of the stream (epoch_mismatch, code `epoch_mismatch`).
 */
export class SubscribeCursorError extends FelixError {
  readonly reason: CursorErrorReason;
  readonly requested: number;
  /** The oldest retained offset (too_old, epoch_mismatch) or the stream's tail (in_future). */
  readonly available: number;
  /** The epoch `requested` was read in, when the subscribe named one. */
  readonly requestedEpoch: number | undefined;
  /** The stream's epoch now; undefined from a broker without stream epochs. */
  readonly epoch: number | undefined;

  constructor(
    stream: string,
    reason: CursorErrorReason,
    requested: number,
    available: number,
    epochs: { requested?: number; current?: number } = {},
  ) {
    super(cursorErrorText(stream, reason, requested, available, epochs), {
      code: reason === 'epoch_mismatch' ? 'epoch_mismatch' : 'cursor_out_of_range',
      retry: 'fatal',
    });
    this.name = 'SubscribeCursorError';
    this.reason = reason;
    this.requested = requested;
    this.available = available;
    this.requestedEpoch = epochs.requested;
    this.epoch = epochs.current;
  }
}

function cursorErrorText(
  stream: string,
  reason: CursorErrorReason,
  requested: number,
  available: number,
  epochs: { requested?: number; current?: number },
): string {
  if (reason === 'epoch_mismatch')
    return `subscribe ${stream}: offset ${requested} was read in epoch ${epochs.requested ?? '?'} of the stream, which is now epoch ${epochs.current ?? '?'} (earliest: ${available})`;
  const why = reason === 'too_old' ? 'no longer retained' : 'past the tail';
  return `subscribe ${stream}: offset ${requested} is ${why} (available: ${available})`;
}

/** The error frame a broker sent, as a FelixError. */
export function fromErrorMessage(
  m: {
    message: string;
    code?: string;
    retry?: string;
    request_id?: number | bigint;
    detail?: { field?: string; offset?: number; retry_after_ms?: number | bigint };
  },
  context?: string,
): FelixError {
  const code = m.code ?? 'unknown';
  return new FelixError(context ? `${context}: ${m.message}` : m.message, {
    code,
    retry: m.code === undefined ? 'fatal' : retryClassOf(code, m.retry),
    requestId: m.request_id,
    detail: m.detail && {
      field: m.detail.field,
      offset: m.detail.offset,
      // Beyond 2^53-1 ms (285,000 years) the wait needs to be long, not exact.
      retryAfterMs: m.detail.retry_after_ms === undefined ? undefined : Number(m.detail.retry_after_ms),
    },
  });
}

/**
 * A refused binary publish ack carries only a message. Brokers that put the code first
 * ("not_found: ...", as this broker does for frames it cannot decode) get it back typed;
 * anything else is `publish_refused`.
 */
export function fromBinaryAck(message: string, requestId: number, context: string): FelixError {
  const prefix = /^([a-z_]+): /.exec(message);
  const code = prefix && Object.hasOwn(ERROR_CODES, prefix[1]) ? prefix[1] : 'publish_refused';
  return new FelixError(`${context}: ${message || 'refused'}`, { code, requestId });
}

export const connectionLost = (what: string, written: boolean, cause?: unknown): FelixError =>
  new FelixError(`${what}: the connection was lost${written ? ' after the request was sent' : ''}`, {
    code: 'connection_lost',
    // Once the bytes left, the broker may have applied the request before the connection went.
    retry: written ? 'outcome_unknown' : 'retry',
    cause,
  });

/** An ack or nack of a record the consumer no longer holds (see ClientErrorCode `stale_delivery`). */
export const staleDelivery = (what: string, why: string): FelixError =>
  new FelixError(`${what}: ${why}; the broker delivers the record again`, { code: 'stale_delivery', retry: 'fatal' });

export const clientClosed = (what: string): FelixError =>
  new FelixError(`${what}: the client is closed`, { code: 'closed', retry: 'fatal' });

/** A frame whose bounds were sound but whose payload this client cannot decode. */
export function unreadableFrame(where: string, err: unknown): FelixError {
  return new FelixError(`${where}: unreadable frame from the broker: ${(err as Error).message}`, {
    code: 'protocol_error',
    retry: 'fatal',
    cause: err,
  });
}

/** A message that does not belong where the broker sent it. */
export function unexpectedMessage(where: string, type: string): FelixError {
  return new FelixError(`${where}: the broker sent ${type}, which this stream does not carry`, {
    code: 'protocol_error',
    retry: 'fatal',
  });
}

/** Whatever a call threw, as a FelixError. */
export function toFelix(err: unknown): FelixError {
  if (err instanceof FelixError) return err;
  const wire = err as { name?: string; code?: string; message?: string };
  // The codec refuses values the spec forbids (a name too long, too many items) with its code.
  if (wire?.name === 'WireError' && typeof wire.code === 'string')
    return new FelixError(wire.message ?? 'invalid request', { code: wire.code, retry: 'fatal', cause: err });
  return new FelixError(err instanceof Error ? err.message : String(err), { code: 'unknown', cause: err });
}
