// Reading a dead-letter stream. Each of its records is one whole dead_letter frame, so a plain
// subscription (or another consumer group) reads it, and this turns a record's payload back into
// what it says: which record of which stream a group gave up on, and why.
import { type DeadLetterReason, decodeFrame } from '@felix/generated';
import { FelixError } from './errors.js';
import { epochNumber, offsetNumber } from './util.js';

/** A record a consumer group gave up on, as its dead-letter stream holds it. */
export interface DeadLetter {
  tenant: string;
  namespace: string;
  /** The stream the record was published to. */
  stream: string;
  /** The group that gave up on it. */
  group: string;
  /** The record's offset in `stream`. */
  offset: number;
  /** The epoch of `stream`'s log that `offset` counts in, when the broker keeps epochs. */
  epoch: number | undefined;
  /** How many times the group delivered it. */
  deliveryCount: number;
  /** Why it left the group: `max_deliveries` (delivered that often, never acknowledged). */
  reason: DeadLetterReason;
  /** The record's payload, unchanged. */
  payload: Uint8Array;
}

/** Reads one record of a dead-letter stream; a payload that is not a dead_letter frame throws. */
export function decodeDeadLetter(payload: Uint8Array): DeadLetter {
  let m: ReturnType<typeof decodeFrame>;
  try {
    m = decodeFrame(payload);
  } catch (err) {
    throw new FelixError(`not a dead letter: ${(err as Error).message}`, { code: 'protocol_error', cause: err });
  }
  if (m.type !== 'dead_letter')
    throw new FelixError(`not a dead letter: the record holds ${m.type}`, { code: 'protocol_error', retry: 'fatal' });
  return {
    tenant: m.tenant_id,
    namespace: m.namespace,
    stream: m.stream,
    group: m.group,
    offset: offsetNumber(m.offset),
    epoch: epochNumber(m.epoch),
    deliveryCount: m.delivery_count,
    reason: m.reason,
    payload: m.payload,
  };
}
