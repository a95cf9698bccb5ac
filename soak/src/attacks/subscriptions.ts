// Row 4: many sessions each asking for the most subscriptions a session may (1,024 by default),
// on QUIC, with traffic on the stream they share. Each subscription's carrier stream is charged
// to the memory budget, so the broker holds as many as its subscribers pool has room for and
// refuses the rest overloaded; those it holds still get the traffic. Setting them up and
// fanning records out must leave the event loop free: /live stays under its p99 bound.
import { FrameInbox, type FrameInbox as Inbox, type TestClient, testClient } from '@felix/testkit';
import { type Attack, at, check } from '../attack.js';
import { residentFromProc } from '../process-memory.js';
import { TARGET_STREAM } from '../soak-broker.js';
import { countBrokerClose, holdUntil, KiB, subscribeMany, subscribesAnsweredCheck } from './common.js';

const EVENT_STREAM_MS = 60_000;
const PUBLISH_EVERY_MS = 100;
/** How long the last records have to reach the subscriber sampled. */
const SAMPLE_WAIT_MS = 3000;

export const subscriptions: Attack = {
  name: 'subscriptions',
  row: '15 sessions × 1,024 subscriptions (15,360)',
  async run({ endpoint, scale, refusals }) {
    const sessions = at(scale, 2, 15);
    const perSession = 1024;
    const before = residentFromProc(endpoint.pid) ?? 0;
    const started = performance.now();
    const clients: TestClient[] = [];
    const closingOurselves: (() => void)[] = [];
    const inboxes: Inbox[] = [];
    let made = 0;
    let overloaded = 0;
    for (let s = 0; s < sessions; s++) {
      const client = await testClient('quic', endpoint);
      clients.push(client);
      closingOurselves.push(countBrokerClose(client, refusals));
      const answers = await subscribeMany(client, TARGET_STREAM, perSession, refusals, EVENT_STREAM_MS);
      const { ids } = answers;
      made += ids.length;
      overloaded += answers.overloaded;
      const streams = await Promise.all(ids.map((id) => client.session.eventStream(id, EVENT_STREAM_MS)));
      inboxes.push(...streams.map((source) => new FrameInbox(source)));
    }
    const hellos = await Promise.allSettled(
      inboxes.map((inbox) => inbox.expect('event_stream_hello', EVENT_STREAM_MS)),
    );
    const established = hellos.filter((h) => h.status === 'fulfilled').length;
    const setupSeconds = (performance.now() - started) / 1000;
    const after = residentFromProc(endpoint.pid) ?? 0;
    const subscriptionsAsked = sessions * perSession;

    // Traffic: the shared stream gets a record every PUBLISH_EVERY_MS until the time is up.
    // The load runs its full time once everything is set up.
    const loadEnds = Date.now() + scale.seconds * 1000;
    const publisher = await testClient('tls', endpoint);
    let published = 0;
    const traffic = setInterval(() => {
      publisher.send({
        type: 'binary_publish_batch',
        tenant_id: 't1',
        namespace: 'default',
        stream: TARGET_STREAM,
        payloads: [new Uint8Array(100)],
      });
      published++;
    }, PUBLISH_EVERY_MS);
    await holdUntil(loadEnds);
    clearInterval(traffic);
    // One subscriber's count shows the traffic reached them (they all share the stream).
    let sampleReceived = 0;
    const lookUntil = Date.now() + SAMPLE_WAIT_MS;
    while (sampleReceived < published && Date.now() < lookUntil) {
      const m = await inboxes[0]?.next(Math.max(1, lookUntil - Date.now())).catch(() => undefined);
      if (!m) break;
      if (m.type === 'binary_shared_event_batch') sampleReceived += m.payloads.length;
    }
    publisher.close();
    for (const ours of closingOurselves) ours();
    for (const c of clients) c.close();
    return {
      figures: {
        subscriptions: established,
        'refused overloaded': overloaded,
        'setup s': setupSeconds.toFixed(1),
        'KiB per subscription': established ? ((after - before) / established / KiB).toFixed(1) : 'n/a',
        published,
        'one subscriber received': sampleReceived,
      },
      checks: [
        subscribesAnsweredCheck(subscriptionsAsked, made, overloaded),
        check(
          'every subscription made got its event stream',
          established === made,
          `${established} of ${made} in ${setupSeconds.toFixed(1)} s`,
        ),
        check(
          'the traffic reached the subscribers',
          sampleReceived > 0,
          `${sampleReceived} of ${published} at one of them`,
        ),
      ],
    };
  },
};
