// What the durable-stream tests share: a broker process restarted on one data directory, acked
// publishes, and reading a stream back from its oldest record to its tail.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BinaryPublishBatch, encodeFrame, type WireMessage } from '@felix/generated';
import { type BrokerProcess, FrameInbox, startBrokerProcess, type TestClient } from '@felix/testkit';

export const text = (s: string) => new TextEncoder().encode(s);
export const fromBytes = (b: Uint8Array) => new TextDecoder().decode(b);
export const at = (stream: string) => ({ tenant_id: 't1', namespace: 'default', stream }) as const;

/** A data directory and a config file in it, for brokers that restart on the same state. */
export function durableSetup(registry: unknown, extra: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'felix-durable-'));
  const config = join(dir, 'felix.json');
  writeFileSync(config, JSON.stringify({ registry, ...extra }));
  const dataDir = join(dir, 'data');
  const env = { FELIX_CARRIERS: 'tls', FELIX_CONFIG: config, FELIX_DATA_DIR: dataDir };
  return { dir, dataDir, env, start: (more: Record<string, string> = {}) => startBrokerProcess({ ...env, ...more }) };
}

/** A PUT of an admin path (under tenant t1, namespace default) with an optional JSON body. */
export async function adminPut(broker: BrokerProcess, path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${broker.httpPort}/admin/tenants/t1/namespaces/default/${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${broker.token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

/** Publishes `payloads` as one acked binary batch and returns its answer. */
export async function publishBatch(c: TestClient, stream: string, payloads: Uint8Array[], id: bigint) {
  const m: BinaryPublishBatch = {
    type: 'binary_publish_batch',
    ...at(stream),
    payloads,
    request_id: id,
    ack_mode: 'per_batch',
  };
  c.send(m);
  return c.control.next(30_000);
}

export interface Delivered {
  offset: number;
  payload: Uint8Array;
}

/**
 * Subscribes from `start` and reads until the stream's tail at subscribe time (live_offset):
 * every record then, with its offset. `onBatch` sees each batch as it arrives.
 */
export async function readToTail(
  c: TestClient,
  stream: string,
  start: 'earliest' | { offset: number } = 'earliest',
  keep = true,
  onBatch?: (records: Delivered[]) => void,
): Promise<{ reply: WireMessage; records: Delivered[] }> {
  c.send({ type: 'subscribe', ...at(stream), start });
  const reply = await c.control.next(30_000);
  if (reply.type !== 'subscribed') return { reply, records: [] };
  const events = new FrameInbox(await c.session.eventStream(reply.subscription_id));
  await events.expect('event_stream_hello');
  const tail = reply.live_offset!;
  let next = reply.start_offset!;
  const records: Delivered[] = [];
  while (next < tail) {
    const m = await events.next(30_000);
    if (m.type !== 'binary_shared_event_batch') throw new Error(`unexpected ${m.type}`);
    const base = Number(m.base_offset);
    const batch: Delivered[] = [];
    let i = 0;
    for (const payload of m.payloads) batch.push({ offset: base + i++, payload });
    next = base + batch.length;
    onBatch?.(batch);
    if (keep) records.push(...batch);
  }
  return { reply, records };
}

/** A cache stream of `c`: each request sent and its answer read, in order. */
export async function cacheStream(c: TestClient) {
  const stream = await c.session.openCacheStream();
  const answers = new FrameInbox(stream.readable);
  return async (m: WireMessage) => {
    stream.writable.write(encodeFrame(m));
    return answers.next(30_000);
  };
}
