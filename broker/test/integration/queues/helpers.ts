// What the consumer-group tests share: raw-frame sessions that join groups, publish, read
// delivery batches and acknowledge them, against a real broker process.
import type { GroupJoin, GroupJoined, WireMessage } from '@felix/generated';
import { FrameInbox, type TestClient } from '@felix/testkit';

export const text = (s: string) => new TextEncoder().encode(s);
export const fromBytes = (b: Uint8Array) => new TextDecoder().decode(b);
export const at = (stream: string) => ({ tenant_id: 't1', namespace: 'default', stream }) as const;

export interface Batch {
  base: number;
  deliveryCount: number;
  offsets: number[];
  texts: string[];
}

export interface Consumer {
  joined: GroupJoined;
  id: number;
  events: FrameInbox;
  /** The next delivery batch, within `timeoutMs`. */
  next(timeoutMs?: number): Promise<Batch>;
}

/** Joins `group` on `stream` and opens the consumer's event stream (its hello read). */
export async function join(
  c: TestClient,
  stream: string,
  group: string,
  extra: Partial<GroupJoin> = {},
): Promise<Consumer> {
  c.send({ type: 'group_join', ...at(stream), group, ...extra });
  const joined = await c.control.expect('group_joined', 10_000);
  const id = Number(joined.consumer_id);
  const events = new FrameInbox(await c.session.eventStream(id));
  const hello = await events.expect('event_stream_hello');
  if (Number(hello.subscription_id) !== id) throw new Error('hello names another consumer');
  return { joined, id, events, next: (timeoutMs = 10_000) => nextBatch(events, timeoutMs) };
}

export async function nextBatch(events: FrameInbox, timeoutMs = 10_000): Promise<Batch> {
  const m = await events.next(timeoutMs);
  if (m.type !== 'group_delivery_batch') throw new Error(`expected group_delivery_batch, got ${m.type}`);
  const base = Number(m.base_offset);
  return {
    base,
    deliveryCount: m.delivery_count,
    offsets: m.payloads.map((_, i) => base + i),
    texts: m.payloads.map(fromBytes),
  };
}

/** Publishes `texts` as one JSON batch acknowledged with publish_ok. */
export async function publish(c: TestClient, stream: string, texts: string[], requestId = 1): Promise<WireMessage> {
  c.send({ type: 'publish_batch', ...at(stream), payloads: texts.map(text), request_id: requestId });
  return c.control.next(10_000);
}

/** Acknowledges `pairs` with a request_id and returns the answer. */
export async function ack(c: TestClient, consumer: number, pairs: number[], requestId: number): Promise<WireMessage> {
  c.send({ type: 'group_ack', consumer_id: consumer, ranges: pairs, request_id: requestId });
  return c.control.next(10_000);
}

export const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
