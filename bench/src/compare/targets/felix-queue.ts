// A Felix consumer group through the SDK, as users consume one: client.publish() without an
// ack (the SDK sends what one turn publishes as one batch) and, per consumer, a client of its
// own iterating client.consume() and calling ack() on each message without awaiting it (the SDK
// gathers one turn's acks into one group_ack; ack() resolves on the broker's group_acked).
import { type ConsumerMessage, connect, type FelixClient } from '@felix/client';
import type { QueueConnection, QueueSetup, TargetSpec } from './types.js';

type FelixSpec = Extract<TargetSpec, { kind: 'felix' }>;

const connectClient = (spec: FelixSpec) =>
  connect(`felix+${spec.carrier}://127.0.0.1:${spec.port}`, {
    certSha256: spec.fingerprint,
    token: spec.token,
    reconnect: false, // a benchmark does not reconnect: a lost connection is a failure
  });

export async function felixQueue(spec: FelixSpec, q: QueueSetup): Promise<QueueConnection> {
  const clients: FelixClient[] = [];
  const closeAll = () => Promise.all(clients.map((c) => c.close().catch(() => {})));
  try {
    for (let i = 0; i <= q.consumers; i++) clients.push(await connectClient(spec));
  } catch (err) {
    await closeAll();
    throw err;
  }
  const [producer, ...consumers] = clients;
  let stopped = false;
  let fail: (err: unknown) => void = () => {};
  const loops: Promise<void>[] = [];
  const consumeFrom = async (messages: AsyncIterable<ConsumerMessage>, onAcked: (payload: Uint8Array) => void) => {
    for await (const m of messages) {
      m.ack().then(() => onAcked(m.payload), fail);
      if (stopped) break;
    }
  };
  return {
    publish(payload) {
      producer.publish(q.stream, payload, { ack: false }).catch(fail);
    },
    async consume(onAcked, onError) {
      fail = (err) => stopped || onError(err);
      // consume() resolves once joined: every consumer is in the group before the first publish.
      const joined = await Promise.all(
        consumers.map((client) =>
          client.consume(q.stream, {
            group: q.group,
            start: 'earliest', // the stream is new; nothing of it may be skipped
            maxInFlight: q.maxInFlight,
            ackWaitMs: q.ackWaitMs,
          }),
        ),
      );
      for (const messages of joined) loops.push(consumeFrom(messages, onAcked).catch(fail));
    },
    async close() {
      stopped = true;
      await closeAll();
      await Promise.all(loops);
    },
  };
}
