// Row 11: streams each allowed 64 MiB of retention, filled, and thousands of one-record streams.
// Bounds per stream add up past any machine; the streams pool holds them all to the budget
// (retention gives way, and subscribers that fall behind it see the gap in the offsets).
import { testClient } from '@felix/testkit';
import { type Attack, at, check } from '../attack.js';
import { holdUntil, KiB, MiB } from './common.js';

const RETENTION_BYTES = 64 * MiB;
const RECORD_BYTES = 64 * KiB;
const PER_BATCH = 16;
/** Batches in flight at once. */
const WINDOW = 8;
const ANSWER_MS = 20_000;

const large = (scale: Parameters<typeof at>[0]) => at(scale, 4, 16);
const small = (scale: Parameters<typeof at>[0]) => at(scale, 500, 2000);

export const retention: Attack = {
  name: 'retention',
  row: '16 streams × 64 MiB retention, 2,000 one-record streams',
  awaits: 'pools (stream logs charged to one streams pool)',
  streams: (scale) => {
    const streams: Record<string, { maxBytes?: number }> = {};
    for (let i = 0; i < large(scale); i++) streams[`retain-${i}`] = { maxBytes: RETENTION_BYTES };
    for (let i = 0; i < small(scale); i++) streams[`one-${i}`] = {};
    return streams;
  },
  async run({ endpoint, scale, refusals, until }) {
    const fillBytes = at(scale, 32 * MiB, RETENTION_BYTES);
    const client = await testClient('tls', endpoint);
    let id = 0;
    let accepted = 0;
    let unanswered = 0;
    /** Sends `batches` (stream, payloads) WINDOW at a time, counting each answer. */
    const publishAll = async (batches: [string, Uint8Array[]][]) => {
      for (let at = 0; at < batches.length && !unanswered; at += WINDOW) {
        const window = batches.slice(at, at + WINDOW);
        for (const [stream, payloads] of window)
          client.send({
            type: 'binary_publish_batch',
            request_id: BigInt(++id),
            ack_mode: 'per_batch',
            tenant_id: 't1',
            namespace: 'default',
            stream,
            payloads,
          });
        for (let i = 0; i < window.length; i++) {
          const m = await client.control.next(ANSWER_MS).catch(() => undefined);
          if (!m) {
            unanswered = batches.length - at - i;
            refusals.silent('publishes unanswered', unanswered);
            return;
          }
          if (m.type === 'binary_publish_ack' && m.status === 'ok') accepted++;
          else if (refusals.message(m) === undefined) refusals.silent(`publish answered ${m.type}`);
        }
      }
    };
    const record = new Uint8Array(RECORD_BYTES).fill(0x64);
    const batch = Array.from({ length: PER_BATCH }, () => record);
    const perStream = Math.ceil(fillBytes / (RECORD_BYTES * PER_BATCH));
    const filling: [string, Uint8Array[]][] = [];
    for (let i = 0; i < large(scale); i++) for (let b = 0; b < perStream; b++) filling.push([`retain-${i}`, batch]);
    await publishAll(filling);
    const tiny = new Uint8Array(16).fill(0x65);
    await publishAll(Array.from({ length: small(scale) }, (_, i): [string, Uint8Array[]] => [`one-${i}`, [tiny]]));
    await holdUntil(until);
    client.close();
    return {
      figures: {
        'MiB published': ((large(scale) * perStream * PER_BATCH * RECORD_BYTES) / MiB).toFixed(0),
        'one-record streams': small(scale),
        'batches accepted': accepted,
      },
      checks: [check('every publish was answered', unanswered === 0, `${accepted} accepted, ${unanswered} unanswered`)],
    };
  },
};
