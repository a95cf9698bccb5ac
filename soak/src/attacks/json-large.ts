// Row 6: a 4 MB value in a JSON frame, well under the 16 MiB frame limit: a cache put, and a
// JSON publish on the control stream. Each gets an answer (or a coded error), and the session
// goes on: a small publish after the large one is acknowledged.
import { encodeFrame, type WireMessage } from '@felix/generated';
import { FrameInbox, testClient } from '@felix/testkit';
import { type Attack, check } from '../attack.js';
import { TARGET_CACHE, TARGET_STREAM } from '../soak-broker.js';
import { filled, holdUntil, within } from './common.js';

const VALUE_BYTES = 4_000_000;
const ANSWER_MS = 8_000;

export const jsonLarge: Attack = {
  name: 'json-large',
  row: 'a 4 MB cache put (under the 16 MiB frame limit), and a 4 MB JSON publish',
  awaits: 'json-large (JSON byte fields decoded without recursion up to the frame limit)',
  async run({ endpoint, refusals, until }) {
    const client = await testClient('tls', endpoint);
    /** What answered `next` (its type, or the code refusing), or 'no answer' within ANSWER_MS. */
    const answer = async (next: Promise<WireMessage>, what: string): Promise<string> => {
      try {
        const m = await within(next, ANSWER_MS, what);
        const code = refusals.message(m);
        return code === undefined ? m.type : `refused ${code}`;
      } catch {
        refusals.silent(`${what} unanswered`);
        return 'no answer';
      }
    };
    const publish = (payload: Uint8Array, request_id: number) =>
      client.send({
        type: 'publish',
        tenant_id: 't1',
        namespace: 'default',
        stream: TARGET_STREAM,
        payload,
        request_id,
        ack: 'per_message',
      });

    // The put on a cache stream and the publish on the control stream, both at once.
    const cache = await client.session.openCacheStream();
    const cacheAnswers = new FrameInbox(cache.readable);
    cache.writable.write(
      encodeFrame({
        type: 'cache_put',
        tenant_id: 't1',
        namespace: 'default',
        cache: TARGET_CACHE,
        key: 'json-large',
        value: filled(VALUE_BYTES),
        request_id: 1,
        ttl_ms: null,
      }),
    );
    publish(filled(VALUE_BYTES), 2);
    const [put, large] = await Promise.all([
      answer(cacheAnswers.next(ANSWER_MS), 'the 4 MB cache put'),
      answer(client.control.next(ANSWER_MS), 'the 4 MB JSON publish'),
    ]);
    let after = 'not tried';
    if (!client.control.ended) {
      publish(filled(16), 3);
      after = await answer(client.control.next(ANSWER_MS), 'a small publish after it');
    }
    await holdUntil(until);
    client.close();
    const answered = (a: string) => a !== 'no answer';
    return {
      figures: { 'cache put': put, 'JSON publish': large, 'publish after': after },
      checks: [
        check('the 4 MB cache put was answered', answered(put), put),
        check('the 4 MB JSON publish was answered', answered(large), large),
        check('the session went on after it', after === 'publish_ok', after),
      ],
    };
  },
};
