// What a group_join asks for, with the spec's defaults filled in: the consumer's own bounds
// (max in flight, ack wait) and the group's settings, which the join that creates the group
// fixes and any later join may only repeat.
import { type GroupJoin, nameProblem } from '@felix/generated';
import { defaultDeadLetterStream } from './dead-letters.js';
import type { GroupSettings } from './group-journal.js';

export const DEFAULT_MAX_IN_FLIGHT = 256;
export const DEFAULT_ACK_WAIT_MS = 30_000;
export const DEFAULT_MAX_DELIVERIES = 5;

/** A join refused: the field at fault and why. */
export interface SettingProblem {
  field: string;
  message: string;
}

type Join = Pick<GroupJoin, 'stream' | 'max_in_flight' | 'ack_wait_ms' | 'max_deliveries' | 'dead_letter_stream'>;

/** The consumer's bounds, or the problem with them (0 is refused for each). */
export function consumerBounds(m: Join): { maxInFlight: number; ackWaitMs: number } | SettingProblem {
  if (m.max_in_flight === 0) return { field: 'max_in_flight', message: 'max_in_flight must be at least 1' };
  if (m.ack_wait_ms === 0) return { field: 'ack_wait_ms', message: 'ack_wait_ms must be at least 1' };
  return { maxInFlight: m.max_in_flight ?? DEFAULT_MAX_IN_FLIGHT, ackWaitMs: m.ack_wait_ms ?? DEFAULT_ACK_WAIT_MS };
}

/** The settings a group made by this join gets, or the problem with them. */
export function newGroupSettings(m: Join): GroupSettings | SettingProblem {
  if (m.max_deliveries === 0) return { field: 'max_deliveries', message: 'max_deliveries must be at least 1' };
  const deadLetterStream = m.dead_letter_stream ?? defaultDeadLetterStream(m.stream);
  const problem = nameProblem(deadLetterStream);
  if (problem !== undefined)
    return {
      field: 'dead_letter_stream',
      message: `the default dead-letter stream ${JSON.stringify(deadLetterStream)} ${problem}: name one in dead_letter_stream`,
    };
  if (deadLetterStream === m.stream)
    return { field: 'dead_letter_stream', message: 'a group cannot send its dead letters to its own stream' };
  return { maxDeliveries: m.max_deliveries ?? DEFAULT_MAX_DELIVERIES, deadLetterStream };
}

/** Whether the join names a group setting other than the existing group's. */
export function settingsConflict(m: Join, settings: GroupSettings): SettingProblem | undefined {
  if (m.max_deliveries !== undefined && m.max_deliveries !== settings.maxDeliveries)
    return {
      field: 'max_deliveries',
      message: `the group's max_deliveries is ${settings.maxDeliveries}, set by the join that created it`,
    };
  if (m.dead_letter_stream !== undefined && m.dead_letter_stream !== settings.deadLetterStream)
    return {
      field: 'dead_letter_stream',
      message: `the group's dead_letter_stream is ${JSON.stringify(settings.deadLetterStream)}, set by the join that created it`,
    };
  return undefined;
}

export function isProblem<T extends object>(value: T | SettingProblem): value is SettingProblem {
  return 'field' in value && 'message' in value;
}
