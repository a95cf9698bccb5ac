// Row 9: auto-create on, one client creating stream after stream by publishing to new names.
// At the cap (maxStreams) its publish is refused with limit_exceeded and the session goes on.
import type { WireMessage } from '@felix/generated';
import { testClient } from '@felix/testkit';
import { type Attack, at, check } from '../attack.js';
import { TARGET_STREAM } from '../soak-broker.js';
import { holdUntil, within } from './common.js';

const MAX_STREAMS = { short: 300, long: 10_000 };
/** Publishes in flight at once. */
const WINDOW = 32;
const ANSWER_MS = 10_000;

export const autoCreateCap: Attack = {
  name: 'auto-create-cap',
  row: 'auto-create on: one client creating streams',
  awaits: 'caps-drain (registry caps answer limit_exceeded)',
  env: (scale) => ({
    FELIX_AUTO_CREATE: 'true',
    FELIX_MAX_STREAMS: String(at(scale, MAX_STREAMS.short, MAX_STREAMS.long)),
  }),
  async run({ endpoint, scale, refusals, until }) {
    const cap = at(scale, MAX_STREAMS.short, MAX_STREAMS.long);
    const attempts = cap + 50;
    const client = await testClient('tls', endpoint);
    const publish = (stream: string, id: number) =>
      client.send({
        type: 'binary_publish_batch',
        request_id: BigInt(id),
        ack_mode: 'per_batch',
        tenant_id: 't1',
        namespace: 'default',
        stream,
        payloads: [new Uint8Array(8)],
      });
    let sent = 0;
    let created = 0;
    let refusedAt: number | undefined;
    let dropped = false;
    while (sent < attempts && refusedAt === undefined && !dropped) {
      const batch = Math.min(WINDOW, attempts - sent);
      for (let i = 0; i < batch; i++) publish(`auto-${sent + i}`, sent + i);
      for (let i = 0; i < batch; i++) {
        let m: WireMessage;
        try {
          m = await within(client.control.next(ANSWER_MS), ANSWER_MS, 'a publish to a new stream');
        } catch {
          dropped = true;
          refusals.silent('publish to a new stream unanswered');
          break;
        }
        if (m.type === 'binary_publish_ack' && m.status === 'ok') created++;
        else if (refusals.message(m) !== undefined) refusedAt ??= created;
        else refusals.silent(`publish answered ${m.type}`);
      }
      sent += batch;
    }
    // The session goes on: a publish to a stream that exists is still taken.
    let after = 'not tried';
    if (!dropped) {
      publish(TARGET_STREAM, attempts + 1);
      try {
        for (;;) {
          const m = await within(client.control.next(ANSWER_MS), ANSWER_MS, 'a publish after the cap');
          if (m.type === 'binary_publish_ack' && m.request_id === BigInt(attempts + 1)) {
            after = m.status === 'ok' ? 'acknowledged' : m.message;
            break;
          }
        }
      } catch {
        after = 'no answer';
        refusals.silent('publish after the cap unanswered');
      }
    }
    await holdUntil(until);
    client.close();
    const limitExceeded = refusals.count('limit_exceeded');
    return {
      figures: { cap, 'streams created': created, 'refused at': refusedAt ?? 'never', 'publish after': after },
      checks: [
        check(
          'the cap answered limit_exceeded',
          limitExceeded > 0,
          `${limitExceeded} limit_exceeded after ${created} created`,
        ),
        check('the session went on after the cap', after === 'acknowledged', after),
      ],
    };
  },
};
