// Stream epochs across a broker restart: an in-memory stream starts again at offset 0 with a new
// epoch, and a subscriber holding an offset of the old log is refused or explicitly restarted,
// never silently moved past the new records. Peers that did not negotiate STREAM_EPOCHS get
// exactly the frames they got before.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame, FEATURES, type Subscribe, type WireMessage } from '@felix/generated';
import {
  ALL_FEATURES,
  type BrokerProcess,
  collect,
  FrameInbox,
  startBrokerProcess,
  type TestClient,
  testClient,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const STREAM = 'orders';
const RECORDS = 300;
const text = (s: string) => new TextEncoder().encode(s);
/** A message's JSON payload as the broker's encoder writes it: what went over the wire. */
const wireJson = (m: WireMessage) => new TextDecoder().decode(encodeFrame(m).subarray(12));

let env: Record<string, string>;
let broker: BrokerProcess | undefined;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'felix-epochs-'));
  const config = join(dir, 'felix.json');
  writeFileSync(config, JSON.stringify({ registry: { t1: { default: { streams: { [STREAM]: {} } } } } }));
  env = { FELIX_CARRIERS: 'tls', FELIX_CONFIG: config, FELIX_DATA_DIR: join(dir, 'data') };
  broker = await startBrokerProcess(env);
});
afterAll(async () => {
  const code = await broker?.stop();
  if (code !== 0) console.error(broker?.output());
  expect(code).toBe(0);
});

async function publish(c: TestClient, prefix: string, requestId: number): Promise<void> {
  c.send({
    type: 'publish_batch',
    tenant_id: 't1',
    namespace: 'default',
    stream: STREAM,
    payloads: Array.from({ length: RECORDS }, (_, i) => text(`${prefix}${i}`)),
    request_id: requestId,
  });
  expect(await c.control.expect('publish_ok')).toEqual({ type: 'publish_ok', request_id: requestId });
}

/** Sends subscribe; on subscribed also opens the event stream and reads its hello. */
async function subscribe(c: TestClient, extra: Partial<Subscribe>) {
  c.send({ type: 'subscribe', tenant_id: 't1', namespace: 'default', stream: STREAM, ...extra });
  const reply = await c.control.next();
  if (reply.type !== 'subscribed') return { reply, hello: undefined, events: undefined };
  const events = new FrameInbox(await c.session.eventStream(reply.subscription_id));
  const hello = await events.expect('event_stream_hello');
  return { reply, hello, events };
}

describe('stream epochs', () => {
  let oldEpoch: number;

  it('names one epoch per stream in subscribed and event_stream_hello', async () => {
    const [a, b] = await Promise.all([testClient('tls', broker!), testClient('tls', broker!)]);
    await publish(a, 'old', 1);
    const first = await subscribe(a, { start: 'earliest' });
    expect(first.reply).toMatchObject({ type: 'subscribed', start_offset: 0, live_offset: RECORDS });
    oldEpoch = (first.reply as { epoch: number }).epoch;
    expect(Number.isSafeInteger(oldEpoch) && oldEpoch >= 1).toBe(true);
    expect(first.hello).toEqual({ type: 'event_stream_hello', subscription_id: 1, epoch: oldEpoch });
    expect((await collect(first.events!, RECORDS)).at(-1)).toEqual({ offset: RECORDS - 1, text: `old${RECORDS - 1}` });
    // Another session, the same log: the same epoch, and an offset in it is served as asked.
    const second = await subscribe(b, { start: { offset: 10 }, epoch: oldEpoch });
    expect(second.reply).toMatchObject({ start_offset: 10, epoch: oldEpoch });
    expect((second.reply as { epoch_reset?: boolean }).epoch_reset).toBeUndefined();
    a.close();
    b.close();
  });

  it('after a restart refuses an offset of the old epoch, or restarts from earliest when asked', async () => {
    expect(await broker!.stop()).toBe(0);
    broker = await startBrokerProcess(env);
    const c = await testClient('tls', broker);
    // The measured case: the new log holds 300 records at offsets 0..299, and the subscriber's
    // old position, 300, is inside its range: served on trust it would skip all of them.
    await publish(c, 'new', 2);

    const refused = await subscribe(c, { start: { offset: RECORDS }, epoch: oldEpoch });
    expect(refused.reply).toEqual({
      type: 'subscribe_cursor_error',
      reason: 'epoch_mismatch',
      requested: RECORDS,
      available: 0,
      epoch: expect.any(Number),
      earliest_offset: 0,
      tail_offset: RECORDS,
    });
    const newEpoch = (refused.reply as { epoch: number }).epoch;
    expect(newEpoch).not.toBe(oldEpoch);

    const reset = await subscribe(c, { start: { offset: RECORDS }, epoch: oldEpoch, on_epoch_mismatch: 'earliest' });
    expect(reset.reply).toEqual({
      type: 'subscribed',
      subscription_id: 1,
      start_offset: 0,
      live_offset: RECORDS,
      epoch: newEpoch,
      epoch_reset: true,
    });
    expect(reset.hello).toEqual({ type: 'event_stream_hello', subscription_id: 1, epoch: newEpoch });
    const got = await collect(reset.events!, RECORDS);
    expect(got.map((g) => g.text)).toEqual(Array.from({ length: RECORDS }, (_, i) => `new${i}`));
    expect(got.map((g) => g.offset)).toEqual(Array.from({ length: RECORDS }, (_, i) => i));

    // A position read in the new epoch is served exactly.
    const resumed = await subscribe(c, { start: { offset: RECORDS }, epoch: newEpoch });
    expect(resumed.reply).toMatchObject({ start_offset: RECORDS, epoch: newEpoch });
    expect((resumed.reply as { epoch_reset?: boolean }).epoch_reset).toBeUndefined();
    c.close();
  });

  it('sends a peer without STREAM_EPOCHS the bytes it got before, and takes its offsets on trust', async () => {
    const noEpochs = await testClient('tls', broker!, { clientFeatures: ALL_FEATURES & ~FEATURES.STREAM_EPOCHS });
    // An epoch it was never offered is not its to send: ignored, as before the feature existed.
    const trusted = await subscribe(noEpochs, { start: { offset: RECORDS }, epoch: oldEpoch });
    expect(wireJson(trusted.reply)).toBe(
      `{"type":"subscribed","subscription_id":1,"start_offset":${RECORDS},"live_offset":${RECORDS}}`,
    );
    expect(wireJson(trusted.hello!)).toBe('{"type":"event_stream_hello","subscription_id":1}');
    const ahead = await subscribe(noEpochs, { start: { offset: RECORDS + 1 } });
    expect(wireJson(ahead.reply)).toBe(
      `{"type":"subscribe_cursor_error","reason":"in_future","requested":${RECORDS + 1},"available":${RECORDS}}`,
    );
    noEpochs.close();

    // Upstream's auth, without client_flags: plain ok, and upstream's subscribed.
    const upstream = await testClient('tls', broker!, { clientFlags: undefined, clientFeatures: undefined });
    expect(upstream.authReply).toEqual({ type: 'ok' });
    upstream.send({ type: 'subscribe', tenant_id: 't1', namespace: 'default', stream: STREAM, start: 'earliest' });
    expect(wireJson(await upstream.control.next())).toBe('{"type":"subscribed","subscription_id":1}');
    upstream.close();
  });
});
