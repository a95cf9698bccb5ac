// Row 10: hundreds of thousands of tiny cache entries. The cache is charged what each entry
// really costs (key, value, the index's and the expiry's share), so the budget holds: entries
// are evicted or refused with a code, never held past it.
import { encodeFrame } from '@felix/generated';
import { FrameInbox, testClient } from '@felix/testkit';
import { type Attack, at, check } from '../attack.js';
import { TARGET_CACHE } from '../soak-broker.js';
import { holdUntil } from './common.js';

/** Puts in flight at once. */
const WINDOW = 512;
const ANSWER_MS = 20_000;

export const tinyCacheEntries: Attack = {
  name: 'tiny-cache-entries',
  row: '600,000 tiny cache entries',
  awaits: 'pools (cache entries charged at their real size)',
  async run({ endpoint, scale, refusals, until }) {
    const entries = at(scale, 250_000, 600_000);
    const client = await testClient('tls', endpoint);
    const stream = await client.session.openCacheStream();
    const answers = new FrameInbox(stream.readable);
    const value = new Uint8Array(16).fill(0x63);
    const started = performance.now();
    let stored = 0;
    let unanswered = 0;
    for (let sent = 0; sent < entries; ) {
      const batch = Math.min(WINDOW, entries - sent);
      const frames: Uint8Array[] = [];
      for (let i = 0; i < batch; i++)
        frames.push(
          encodeFrame({
            type: 'cache_put',
            tenant_id: 't1',
            namespace: 'default',
            cache: TARGET_CACHE,
            key: `k${sent + i}`,
            value,
            request_id: sent + i + 1,
            ttl_ms: null,
          }),
        );
      stream.writable.write(Buffer.concat(frames));
      sent += batch;
      for (let i = 0; i < batch; i++) {
        const m = await answers.next(ANSWER_MS).catch(() => undefined);
        if (!m) {
          unanswered = entries - stored;
          break;
        }
        if (m.type === 'cache_ok') stored++;
        else if (refusals.message(m) === undefined) refusals.silent(`put answered ${m.type}`);
      }
      if (unanswered) break;
    }
    if (unanswered) refusals.silent('puts unanswered', unanswered);
    const seconds = (performance.now() - started) / 1000;
    await holdUntil(until);
    client.close();
    return {
      figures: { entries, stored, 'puts/s': (entries / seconds).toFixed(0) },
      checks: [check('every put was answered', unanswered === 0, `${stored} stored, ${unanswered} unanswered`)],
    };
  },
};
