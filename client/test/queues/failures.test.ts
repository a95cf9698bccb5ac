// Consumers and the broker failing under a consumer group: a SIGKILLed consumer's records in
// flight reach the others, and a chaos run that SIGKILLs consumers and the broker at random
// ends with the group's cursor at the stream's tail, every published record delivered and none
// dead-lettered (duplicates counted and printed).
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type FelixClient } from '../../src/index.js';
import { eventually, startBroker, stopBroker, type TestBroker } from '../helpers.js';
import { ConsumerProcess, type ConsumerProcessOptions } from './consumer-process.js';

const FAST_RECONNECT = { initialDelayMs: 10, maxDelayMs: 200 };
let broker: TestBroker | undefined;
const children: ConsumerProcess[] = [];
const clients: FelixClient[] = [];

afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.kill()));
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => {})));
  const b = broker;
  broker = undefined;
  await stopBroker(b);
});

function consumerProcess(options: Omit<ConsumerProcessOptions, 'url' | 'certSha256' | 'token'>): ConsumerProcess {
  const b = broker!;
  const child = new ConsumerProcess({ url: b.url('tls'), ...b.credentials, ...options });
  children.push(child);
  return child;
}

interface GroupListing {
  group: string;
  committed_offset: number;
  tail_offset: number;
  lag: number;
  in_flight: number;
  redeliveries: number;
  dead_letters: number;
}

/** Group g of stream chaos as the broker's admin request lists it; undefined while it is down. */
async function chaosGroup(b: TestBroker): Promise<GroupListing | undefined> {
  const url = `http://127.0.0.1:${b.httpPort}/admin/tenants/t1/namespaces/default/streams/chaos/groups`;
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${b.token}` } });
    const groups = (await res.json()) as GroupListing[];
    return groups.find((g) => g.group === 'g');
  } catch {
    return undefined;
  }
}

async function client(): Promise<FelixClient> {
  const c = await connect(broker!.url('tls'), { ...broker!.credentials, reconnect: FAST_RECONNECT });
  clients.push(c);
  return c;
}

describe('consumer group failures', () => {
  it('hands a SIGKILLed consumer’s records in flight to the others; none is lost', async () => {
    broker = await startBroker({ streams: { held: {} } });
    const publisher = await client();
    await publisher.publishBatch(
      'held',
      Array.from({ length: 200 }, (_, i) => `${i}`),
    );
    const holder = consumerProcess({ stream: 'held', group: 'g', mode: 'hold', ackWaitMs: 2000, maxInFlight: 50 });
    await eventually(() => holder.received.length === 50, 20_000, `the holder's 50 records (${holder.errors})`);
    const held = holder.received.map((r) => r.offset);

    const survivor = await (await client()).consume('held', { group: 'g', ackWaitMs: 2000, maxInFlight: 256 });
    const got = new Map<number, number>();
    const reading = (async () => {
      for await (const m of survivor) {
        got.set(m.offset, m.deliveryCount);
        await m.ack();
        if (got.size === 200) return;
      }
    })();
    // The holder keeps its 50 while it lives: the survivor gets the other 150 only.
    await eventually(() => got.size === 150, 20_000, 'the 150 records nobody held');
    expect(held.some((o) => got.has(o))).toBe(false);
    await holder.kill();
    await reading;
    await survivor.close();
    for (const o of held) expect(got.get(o)).toBe(2);
    expect([...got.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('acknowledges every published record at least once through a chaos run', { timeout: 120_000 }, async () => {
    const registry = { streams: { chaos: { durable: true, fsync: 'none' as const } } };
    broker = await startBroker(registry);
    const ports = {
      FELIX_TLS_PORT: String(broker.ports.tls),
      FELIX_WEBTRANSPORT_PORT: String(broker.ports.webtransport),
    };
    const cert = broker.cert;
    const options = { stream: 'chaos', group: 'g', mode: 'ack' as const, ackWaitMs: 1500, maxInFlight: 32 };
    const consumers = Array.from({ length: 3 }, () => consumerProcess(options));
    await eventually(() => consumers.every((c) => c.joined), 20_000, 'three consumers joined');

    const publisher = await client();
    const published = new Set<string>();
    let publishing = true;
    const publishLoop = (async () => {
      for (let batch = 0; publishing; batch++) {
        const ids = Array.from({ length: 20 }, (_, i) => `${batch}.${i}`);
        // The SDK keeps a publish across a broker restart; one that fails is not counted.
        await publisher.publishBatch('chaos', ids).then(
          () => {
            for (const id of ids) published.add(id);
          },
          () => {},
        );
        // About 2,000 records a second: a backlog the consumers can keep up with between kills.
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    // Bounded chaos: every 300–1,000 ms SIGKILL a consumer (and start another) or the broker
    // (and start it again on the same ports, with the same data directory).
    const chaosUntil = Date.now() + 15_000;
    const t0 = Date.now();
    const lap = (what: string) => console.log(`${Date.now() - t0} ms: ${what}`);
    let consumerKills = 0;
    let brokerKills = 0;
    while (Date.now() < chaosUntil) {
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
      if (Math.random() < Number(process.env.CHAOS_CONSUMER_SHARE ?? 0.75)) {
        const i = Math.floor(Math.random() * consumers.length);
        await consumers[i].kill();
        consumers[i] = consumerProcess(options);
        consumerKills++;
        lap(`consumer ${i} killed and started again`);
      } else {
        const old = broker!;
        broker = undefined;
        old.proc.kill('SIGKILL');
        await old.stop();
        lap('broker killed');
        broker = await startBroker(registry, ports, cert);
        brokerKills++;
        lap('broker started again');
      }
    }
    publishing = false;
    await publishLoop;
    lap('publishing stopped');

    // Done when the broker's group has acknowledged everything: an ack the broker stored may
    // never reach its consumer (killed first), so the consumers' lines cannot tell this alone.
    let group: GroupListing | undefined;
    await eventually(
      async () => {
        group = await chaosGroup(broker!);
        return group !== undefined && group.lag === 0 && group.in_flight === 0;
      },
      60_000,
      'the group acknowledging every record',
    ).catch((err) => {
      throw new Error(`${err.message}: ${JSON.stringify(group)}`);
    });
    const delivered = new Set(children.flatMap((c) => c.received.map((r) => r.id)));
    const neverDelivered = [...published].filter((id) => !delivered.has(id));
    expect(neverDelivered, 'published records no consumer ever got').toEqual([]);
    expect(group?.dead_letters).toBe(0);
    const acks = children.flatMap((c) => c.acked);
    const deliveries = children.flatMap((c) => c.received);
    const duplicateAcks = acks.length - new Set(acks.map((a) => a.offset)).size;
    const redeliveries = deliveries.length - new Set(deliveries.map((d) => d.offset)).size;
    console.log(
      `chaos run: ${published.size} records published (tail ${group?.tail_offset}), ${consumerKills} consumer and ${brokerKills} broker SIGKILLs; ` +
        `${deliveries.length} deliveries of ${new Set(deliveries.map((d) => d.offset)).size} offsets (${redeliveries} redeliveries); ` +
        `${acks.length} acks confirmed (${duplicateAcks} of an offset already confirmed); group redeliveries ${group?.redeliveries} since the last restart`,
    );
    expect(published.size).toBeGreaterThan(0);
  });
});
