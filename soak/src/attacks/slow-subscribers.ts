// Row 7: sessions full of subscribers on one stream that never read a byte, then traffic on
// that stream. Their queues fill to their bound and their overflow policy applies to them
// alone; the clean pair beside them is delivered promptly, and memory stays in the budget (which
// also holds the subscriptions' carrier streams: those past it are refused overloaded).
import { type TestClient, testClient } from '@felix/testkit';
import { type Attack, at } from '../attack.js';
import { TARGET_STREAM } from '../soak-broker.js';
import { countBrokerClose, holdUntil, KiB, subscribeMany, subscribesAnsweredCheck } from './common.js';

/** The clean pair's publish-to-delivery p99 this row allows. */
export const CLEAN_P99_LIMIT_MS = 250;
const RECORD_BYTES = KiB;
const RECORDS_PER_BATCH = 16;
const BATCH_EVERY_MS = 10;

export const slowSubscribers: Attack = {
  name: 'slow-subscribers',
  row: '4 sessions × 1,024 subscribers on one stream that never read, then traffic',
  awaits: 'pools (subscriber queues charged to the budget)',
  cleanP99LimitMs: CLEAN_P99_LIMIT_MS,
  async run({ endpoint, scale, refusals }) {
    const sessions = at(scale, 2, 4);
    const perSession = at(scale, 512, 1024);
    const clients: TestClient[] = [];
    const closingOurselves: (() => void)[] = [];
    let subscribed = 0;
    let overloaded = 0;
    for (let s = 0; s < sessions; s++) {
      const client = await testClient('quic', endpoint);
      clients.push(client);
      closingOurselves.push(countBrokerClose(client, refusals));
      const answers = await subscribeMany(client, TARGET_STREAM, perSession, refusals, 60_000);
      subscribed += answers.ids.length;
      overloaded += answers.overloaded;
      // Their event streams are never asked for, so never read: the carrier's flow control
      // stops each after its window, and the broker holds the rest.
    }
    // The load runs its full time once everything is set up.
    const loadEnds = Date.now() + scale.seconds * 1000;
    const publisher = await testClient('tls', endpoint);
    let batches = 0;
    const payloads = Array.from({ length: RECORDS_PER_BATCH }, () => new Uint8Array(RECORD_BYTES).fill(0x61));
    const traffic = setInterval(() => {
      publisher.send({
        type: 'binary_publish_batch',
        tenant_id: 't1',
        namespace: 'default',
        stream: TARGET_STREAM,
        payloads,
      });
      batches++;
    }, BATCH_EVERY_MS);
    await holdUntil(loadEnds);
    clearInterval(traffic);
    publisher.close();
    for (const ours of closingOurselves) ours();
    for (const c of clients) c.close();
    return {
      figures: {
        'never-reading subscribers': subscribed,
        'refused overloaded': overloaded,
        'records published': batches * RECORDS_PER_BATCH,
        'MiB fanned out': ((batches * RECORDS_PER_BATCH * RECORD_BYTES * subscribed) / (1024 * KiB)).toFixed(0),
      },
      checks: [subscribesAnsweredCheck(sessions * perSession, subscribed, overloaded)],
    };
  },
};
