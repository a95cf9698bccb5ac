// Where a subscription starts, or the cursor error that refuses it. An offset is served only
// within the epoch it was read in: offsets of another incarnation of the log name other records,
// and serving them would skip records without anyone noticing.
import type { Subscribe, SubscribeCursorError } from '@felix/generated';

/** What the decision needs of a stream's log. */
export interface LogPosition {
  readonly epoch: number;
  readonly earliest: number;
  readonly tail: number;
}

export type StartDecision =
  | { start: number; epochReset: boolean; refusal?: undefined }
  | { refusal: SubscribeCursorError };

/**
 * `epochs`: the peer negotiated STREAM_EPOCHS. Without it subscribe.epoch is not the peer's to
 * send and is ignored, and cursor errors keep their upstream shape.
 */
export function decideStart(m: Subscribe, log: LogPosition, epochs: boolean): StartDecision {
  if (m.start === undefined || m.start === 'latest') return { start: log.tail, epochReset: false };
  if (m.start === 'earliest') return { start: log.earliest, epochReset: false };
  const requested = m.start.offset;
  const refuse = (reason: SubscribeCursorError['reason'], available: number): StartDecision => ({
    refusal: {
      type: 'subscribe_cursor_error',
      reason,
      requested,
      available,
      ...(epochs && { epoch: log.epoch, earliest_offset: log.earliest, tail_offset: log.tail }),
    },
  });
  if (epochs && m.epoch !== undefined && m.epoch !== log.epoch) {
    if (m.on_epoch_mismatch === 'earliest') return { start: log.earliest, epochReset: true };
    return refuse('epoch_mismatch', log.earliest);
  }
  if (requested < log.earliest) return refuse('too_old', log.earliest);
  if (requested > log.tail) return refuse('in_future', log.tail);
  // Inside the log, so a safe number (only one past 2^53-1 arrives as a bigint).
  return { start: Number(requested), epochReset: false };
}
