// Small tools the attacks share: bounded concurrency, bounded waits, holding a load until the
// attack's time is up, and reading a refusal off a stream.

import type { WireMessage } from '@felix/generated';
import type { FrameInbox, TestClient } from '@felix/testkit';
import { type Check, check } from '../attack.js';
import type { Refusals } from '../refusals.js';

/** Runs job(0..count-1) with at most `concurrency` at once. */
export async function inParallel(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export class TimeoutError extends Error {}

/** `promise`, or a TimeoutError naming `what` after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Keeps the load on: resolves at `until` (Date.now() terms). */
export function holdUntil(until: number): Promise<void> {
  const left = until - Date.now();
  return left > 0 ? new Promise((resolve) => setTimeout(resolve, left)) : Promise.resolve();
}

/** The next error frame on `inbox`, skipping others; undefined if the stream ends or nothing comes in time. */
export async function nextError(
  inbox: FrameInbox,
  timeoutMs: number,
): Promise<Extract<WireMessage, { type: 'error' }> | undefined> {
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const m = await inbox.next(Math.max(1, deadline - Date.now()));
      if (m.type === 'error') return m;
    }
  } catch {
    return undefined;
  }
}

/** Bytes of `n` MiB, filled so nothing compresses it away. */
export function filled(bytes: number, fill = 0x5a): Uint8Array {
  return new Uint8Array(bytes).fill(fill);
}

export const MiB = 1024 * 1024;
export const KiB = 1024;

/**
 * Counts the broker closing `client`'s session (a multiplexed carrier's close code) as a
 * refusal; returns what to call before closing it oneself, so that close is not counted.
 */
export function countBrokerClose(client: TestClient, refusals: Refusals): () => void {
  let ours = false;
  void client.session.closed.then((info) => {
    if (!ours) refusals.close(info.code);
  });
  return () => {
    ours = true;
  };
}

/** What a session's burst of subscribes came to. */
export interface SubscribeAnswers {
  /** The subscriptions made. */
  ids: number[];
  /** Those the memory budget refused: each subscription's carrier stream is charged to it. */
  overloaded: number;
}

/**
 * Sends `count` subscribes to `stream` on `client` at once and reads their answers, counting
 * every refusal by its code (an answer that is neither subscribed nor a refusal is silent).
 */
export async function subscribeMany(
  client: TestClient,
  stream: string,
  count: number,
  refusals: Refusals,
  timeoutMs: number,
): Promise<SubscribeAnswers> {
  for (let i = 0; i < count; i++) client.send({ type: 'subscribe', tenant_id: 't1', namespace: 'default', stream });
  const answers: SubscribeAnswers = { ids: [], overloaded: 0 };
  for (let i = 0; i < count; i++) {
    const reply = await client.control.next(timeoutMs).catch((err: Error) => {
      throw new Error(
        `subscribe ${i + 1} of ${count} got no answer (${answers.ids.length} set up, ${answers.overloaded} refused overloaded before it): ${err.message}`,
      );
    });
    if (reply.type === 'subscribed') answers.ids.push(Number(reply.subscription_id));
    else {
      const code = refusals.message(reply);
      if (code === undefined) refusals.silent(`subscribe answered ${reply.type}`);
      else if (code === 'overloaded') answers.overloaded++;
    }
  }
  return answers;
}

/**
 * The check for a flood of subscribes: each was made or refused overloaded (the budget holds as
 * many as it has room for, not as many as asked), and some were made.
 */
export function subscribesAnsweredCheck(asked: number, made: number, overloaded: number): Check {
  return check(
    'every subscribe was set up or refused overloaded by the memory budget',
    made > 0 && made + overloaded === asked,
    `${made} set up, ${overloaded} refused overloaded, of ${asked}`,
  );
}
