// Dead letters: a record a group gave up on becomes one record of the group's dead-letter
// stream, a whole dead_letter frame (header included) so any Felix decoder reads it back with
// where it came from, how often it was tried and why it left.
import { encodeFrame } from '@felix/generated';
import type { GroupKey } from './group-key.js';

/** The default dead-letter stream of a stream. */
export function defaultDeadLetterStream(stream: string): string {
  return `${stream}.dead_letters`;
}

/** Where a group's dead letters are appended; resolves once stored (durably, for a durable stream). */
export type DeadLetterTarget = (record: Uint8Array) => Promise<void>;

export function deadLetterRecord(
  key: GroupKey,
  offset: number,
  epoch: number,
  deliveries: number,
  payload: Uint8Array,
): Uint8Array {
  return encodeFrame({
    type: 'dead_letter',
    tenant_id: key.tenant,
    namespace: key.namespace,
    stream: key.stream,
    group: key.group,
    offset,
    epoch,
    delivery_count: deliveries,
    reason: 'max_deliveries',
    payload,
  });
}
