// A JetStream work-queue through nats.js: a stream with work-queue retention (a record is gone
// once acknowledged) in memory, as Felix's and Redis's streams are here, and one durable pull
// consumer shared by the consumers, each a client of its own calling consume(). Each ack is
// ackAck: the server confirms it, as XACK's reply and Felix's group_acked do.
import { AckPolicy, type ConsumerMessages, type NatsConnection, nanos, RetentionPolicy, StorageType } from 'nats';
import { withTimeout } from '../time.js';
import { closeWithin, type NatsSpec, natsConnect } from './nats.js';
import type { QueueConnection, QueueSetup } from './types.js';

export async function natsQueue(spec: NatsSpec, q: QueueSetup): Promise<QueueConnection> {
  const connections: NatsConnection[] = [];
  const closeAll = () => Promise.all(connections.map((nc) => closeWithin(nc).catch(() => {})));
  let producer: NatsConnection;
  try {
    producer = await natsConnect(spec);
    connections.push(producer);
    const jsm = await withTimeout(producer.jetstreamManager(), 10_000, 'nats jetstream');
    await withTimeout(
      jsm.streams.add({
        name: q.stream,
        subjects: [q.stream],
        retention: RetentionPolicy.Workqueue,
        storage: StorageType.Memory,
        num_replicas: 1,
      }),
      10_000,
      'nats work-queue stream add',
    );
    await withTimeout(
      jsm.consumers.add(q.stream, {
        durable_name: q.group,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(q.ackWaitMs),
        // The consumer is shared, so its bound on unacknowledged records is all the clients'.
        max_ack_pending: q.consumers * q.maxInFlight,
      }),
      10_000,
      'nats consumer add',
    );
    for (let i = 0; i < q.consumers; i++) connections.push(await natsConnect(spec));
  } catch (err) {
    await closeAll();
    throw err;
  }
  let stopped = false;
  const running: ConsumerMessages[] = [];
  return {
    // Into the stream's subject without waiting for a PubAck: the ledger's window bounds the backlog.
    publish: (payload) => producer.publish(q.stream, payload),
    async consume(onAcked, onError) {
      const fail = (err: unknown) => stopped || onError(err);
      for (const nc of connections.slice(1)) {
        const consumer = await withTimeout(nc.jetstream().consumers.get(q.stream, q.group), 10_000, 'nats consumer');
        const messages = await consumer.consume({
          max_messages: q.maxInFlight,
          callback: (m) => {
            m.ackAck().then((confirmed) => (confirmed ? onAcked(m.data) : fail(new Error('ack not confirmed'))), fail);
          },
        });
        running.push(messages);
        messages.closed().then((err) => err && fail(err), fail);
      }
    },
    async close() {
      stopped = true;
      for (const m of running) m.stop();
      await closeAll();
    },
  };
}
