// Row 3: sessions that each announce a 16 MiB frame and trickle it, then stall. Bytes received
// for unfinished frames count against the memory budget from the header on, and a frame that
// stalls past the receive deadline closes its stream with a code.
import { frameBytes } from '@felix/generated';
import { type TestClient, testClient } from '@felix/testkit';
import { type Attack, at, check } from '../attack.js';
import { holdUntil, MiB, nextError } from './common.js';

const ANNOUNCED_BYTES = 16 * MiB - 64;
/** How much of each frame is sent before the session stalls. */
const SENT_BYTES = 12 * MiB;
const CHUNK_BYTES = 256 * 1024;
const CHUNK_EVERY_MS = 40;
/** The receive deadline asked for (the answers work's frameReceiveTimeoutMs; ignored by brokers without it). */
const RECEIVE_TIMEOUT_MS = { short: 1000, long: 10_000 };

export const trickledFrames: Attack = {
  name: 'trickled-frames',
  row: '40 sessions each declaring a 16 MiB frame and trickling it',
  awaits: 'answers (receiving pool, stalled-frame deadline)',
  env: (scale) => ({
    FELIX_FRAME_RECEIVE_TIMEOUT_MS: String(at(scale, RECEIVE_TIMEOUT_MS.short, RECEIVE_TIMEOUT_MS.long)),
  }),
  async run({ endpoint, scale, refusals, until }) {
    const count = at(scale, 10, 40);
    const clients: TestClient[] = await Promise.all(Array.from({ length: count }, () => testClient('tls', endpoint)));
    const header = frameBytes(0, new Uint8Array(0), ANNOUNCED_BYTES);
    const chunk = new Uint8Array(CHUNK_BYTES).fill(0x20);
    let sentTotal = 0;
    const ended: (string | undefined)[] = new Array(count);
    const endings = clients.map(async (client, i) => {
      const error = await nextError(client.control, Math.max(1, until - Date.now()) + 2000);
      ended[i] = error
        ? (refusals.message(error) ?? 'error without a code')
        : client.control.ended
          ? 'closed'
          : undefined;
    });
    // Trickle each frame in chunks until SENT_BYTES, unless the broker stops taking them (pushback).
    for (const c of clients) c.sendRaw(header);
    for (let sent = 0; sent < SENT_BYTES && Date.now() < until; sent += CHUNK_BYTES) {
      for (const c of clients) {
        // Closed, or pushed back (the broker stopped reading): nothing more for this one now.
        if (c.control.ended || c.session.control.writable.bufferedBytes > 2 * CHUNK_BYTES) continue;
        c.session.control.writable.write(chunk.slice());
        sentTotal += CHUNK_BYTES;
      }
      await new Promise((resolve) => setTimeout(resolve, CHUNK_EVERY_MS));
    }
    await holdUntil(until);
    await Promise.race([Promise.all(endings), holdUntil(until + 2000)]);
    const closedWithCode = ended.filter((e) => e !== undefined && e !== 'closed').length;
    const closedSilently = ended.filter((e) => e === 'closed').length;
    if (closedSilently) refusals.silent('stalled session closed without an error', closedSilently);
    for (const c of clients) c.close();
    return {
      figures: { sessions: count, 'MiB sent': (sentTotal / MiB).toFixed(0), 'closed with a code': closedWithCode },
      checks: [
        check(
          'every stalled frame was ended with a code',
          closedWithCode === count,
          `${closedWithCode} of ${count} ended with a code${closedSilently ? `, ${closedSilently} without one` : ''}`,
        ),
      ],
    };
  },
};
