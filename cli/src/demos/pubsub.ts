// `npm run demo:pubsub`: publish and subscribe with the SDK against a broker of the demo's own:
// live delivery with offsets, a batch that is accepted as one, replay from the start and from an
// offset, and the typed errors for an offset past the tail and an unknown stream.
import { connect, type Delivery, FelixError, type Subscription } from '@felix/client';
import { detail, runDemo, say, text } from './narrate.js';

/** The next `count` records of a subscription, failing after `timeoutMs` rather than hanging. */
async function read(subscription: Subscription, count: number, timeoutMs = 5000): Promise<Delivery[]> {
  const got: Delivery[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`only ${got.length} of ${count} records in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    while (got.length < count) {
      const next = await Promise.race([subscription.next(), timeout]);
      if (next.done) throw new Error(`the subscription ended after ${got.length} records`);
      got.push({ offset: next.value.offset, payload: new Uint8Array(next.value.payload) });
    }
  } finally {
    clearTimeout(timer);
  }
  return got;
}

const show = (deliveries: Delivery[]) => deliveries.map((d) => `#${d.offset} ${text(d.payload)}`).join(', ');

await runDemo('Felix demo: publish and subscribe', async ({ url, fingerprint, token }) => {
  const options = { certSha256: fingerprint, token };

  say('two clients connect: a publisher and a subscriber');
  const publisher = await connect(url, options);
  const subscriber = await connect(url, options);
  const caps = publisher.capabilities!;
  detail(
    `negotiated over ${caps.carrier}: flags 0x${caps.flags.toString(16)}, features 0x${caps.features.toString(16)}`,
  );

  say('the subscriber follows stream `demo` from its tail (start: latest)');
  const live = await subscriber.subscribe('demo', { start: 'latest' });
  detail(`subscribed; the next record will have offset ${live.position}`);

  say('the publisher sends three messages, each acknowledged by the broker');
  const started = performance.now();
  await Promise.all(['hello', 'from', 'felix'].map((m) => publisher.publish('demo', m)));
  detail(`all three acknowledged after ${(performance.now() - started).toFixed(1)} ms`);
  detail(`subscriber got: ${show(await read(live, 3))}`);

  say('a batch of five goes out as one frame: accepted or refused together, delivered in order');
  await publisher.publishBatch('demo', ['one', 'two', 'three', 'four', 'five']);
  detail(`subscriber got: ${show(await read(live, 5))}`);

  say('a late subscriber replays the stream from the beginning (start: earliest)');
  const replay = await subscriber.subscribe('demo', { start: 'earliest' });
  detail(`replayed: ${show(await read(replay, 8))}`);
  await replay.close();

  say('another one starts at offset 6');
  const fromSix = await subscriber.subscribe('demo', { start: { offset: 6 } });
  detail(`got: ${show(await read(fromSix, 2))}`);
  await fromSix.close();

  say('asking for an offset past the tail is refused with a typed error');
  try {
    await subscriber.subscribe('demo', { start: { offset: 1000 } });
    throw new Error('the broker accepted an offset past the tail');
  } catch (err) {
    if (!(err instanceof FelixError) || err.code !== 'cursor_out_of_range') throw err;
    detail(`${err.name} (${err.code}): ${err.message}`);
  }

  say('publishing to a stream the broker does not know is refused too');
  try {
    await publisher.publish('no-such-stream', 'lost?');
    throw new Error('the broker accepted a publish to an unknown stream');
  } catch (err) {
    if (!(err instanceof FelixError) || err.code !== 'not_found') throw err;
    detail(`FelixError (${err.code}, retry: ${err.retry}): ${err.message}`);
  }

  say('nothing was lost on the way');
  detail(`the live subscription saw ${live.gaps} missing records`);
  await live.close();
  await Promise.all([publisher.close(), subscriber.close()]);
});
