// The oracle of the broker target: a well-behaved client that must lose nothing while the
// attackers run.

import { encodeFrame } from '@felix/generated';
import { type BrokerProcess, type CarrierName, FrameInbox, subscribe, testClient } from '@felix/testkit';
import { Rng } from '../../rng.js';
import type { Stats } from './stats.js';
import { sleep } from './waiting.js';
import { text } from './wire-values.js';

/** How long the clean client waits for any one answer while the broker is under attack. */
const ANSWER_MS = 15_000;

/** Publishes, subscribes and uses the cache cleanly; throws on anything lost or wrong. */
export async function cleanClient(
  broker: BrokerProcess,
  carrier: CarrierName,
  seed: number,
  stats: Stats,
  state: { stop: boolean },
): Promise<void> {
  const stream = `fuzz-clean-${carrier}`;
  const where = { tenant_id: 't1', namespace: 'default' } as const;
  const c = await testClient(carrier, broker);
  try {
    const { reply, events } = await subscribe(c, stream, 'latest');
    if (!events) throw new Error(`subscribe answered ${JSON.stringify(reply)}`);
    const cacheStream = await c.session.openCacheStream();
    const cache = new FrameInbox(cacheStream.readable);
    const rng = new Rng(seed);
    const sent: string[] = [];
    const prefix = `${seed.toString(36)}-`;
    for (let id = 1; !state.stop; id++) {
      const payloads = Array.from({ length: 1 + rng.below(20) }, () => {
        sent.push(`${prefix}${sent.length}`);
        return text(sent[sent.length - 1]);
      });
      c.send({
        type: 'binary_publish_batch',
        ...where,
        stream,
        request_id: BigInt(id),
        ack_mode: 'per_batch',
        payloads,
      });
      const ack = await c.control.expect('binary_publish_ack', ANSWER_MS);
      if (ack.status !== 'ok' || ack.request_id !== BigInt(id))
        throw new Error(`publish ${id} answered ${ack.status} ${ack.message}`);
      const key = `${prefix}k${id}`;
      const value = rng.bytes(rng.below(64));
      cacheStream.writable.write(
        encodeFrame({ type: 'cache_put', ...where, cache: 'primary', key, value, request_id: id, ttl_ms: null }),
      );
      const ok = await cache.expect('cache_ok', ANSWER_MS);
      if (ok.request_id !== id) throw new Error(`cache_put ${id} answered for ${ok.request_id}`);
      cacheStream.writable.write(encodeFrame({ type: 'cache_get', ...where, cache: 'primary', key, request_id: id }));
      const got = await cache.expect('cache_value', ANSWER_MS);
      if (got.request_id !== id || !got.value || Buffer.compare(got.value, value) !== 0)
        throw new Error(`cache_get ${key} returned ${got.value ? Buffer.from(got.value).toString('hex') : null}`);
      stats.cleanCacheOps++;
      await sleep(rng.below(5));
    }
    let received = 0;
    while (received < sent.length) {
      const m = await events.next(ANSWER_MS);
      if (m.type !== 'binary_shared_event_batch') throw new Error(`unexpected ${m.type} on the event stream`);
      for (const p of m.payloads) {
        const got = new TextDecoder().decode(p);
        if (got !== sent[received]) throw new Error(`record ${received}: expected ${sent[received]}, got ${got}`);
        received++;
      }
    }
    stats.cleanRecords += received;
  } finally {
    c.close();
  }
}
