// The QUIC carrier with hundreds of streams on one connection, as a session with many
// subscriptions has (one unidirectional stream each): past FULL_VISIT_STREAMS the carrier wakes
// only blocked writers and sweeps the rest (quic/stream-scheduling.ts). Every byte still
// arrives, in order; a writer blocked on a stalled reader's window resumes once the reader
// reads; a stream whose reader stopped fails while the others go on.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSigned } from '../src/certs.js';
import { certificateFingerprint, connectQuic, listenQuic } from '../src/quic/index.js';
import type { BidiStream, ByteSink, ByteSource, MultiplexedConnection } from '../src/streams.js';

const TEST_TIMEOUT = 30_000;
/** Well past the count below which every packet visits every stream. */
const STREAMS = 200;

let cert = '';
let key = '';
let fingerprint = '';

beforeAll(async () => {
  ({ cert, key } = await createSelfSigned({ commonName: 'localhost', hosts: ['localhost', '127.0.0.1'], ca: true }));
  fingerprint = certificateFingerprint(cert);
});

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function pair(): Promise<{ client: MultiplexedConnection; server: MultiplexedConnection }> {
  const listener = await listenQuic({ host: '127.0.0.1', port: 0, cert, key });
  cleanups.push(() => listener.close());
  const accepted = listener.connections[Symbol.asyncIterator]().next();
  const client = await connectQuic({ host: '127.0.0.1', port: listener.port, certSha256: fingerprint });
  cleanups.push(async () => {
    client.close({ code: 0, reason: 'test over' });
    await client.closed;
  });
  const next = await accepted;
  if (next.done) throw new Error('listener ended before accepting');
  return { client, server: next.value };
}

/** `count` server-opened streams, each with the client's end, matched by a first byte naming it. */
async function streams(
  client: MultiplexedConnection,
  server: MultiplexedConnection,
  count: number,
): Promise<{ sink: ByteSink; source: AsyncIterator<Uint8Array>; first: Uint8Array }[]> {
  const sinks = await Promise.all(Array.from({ length: count }, () => server.openUni()));
  sinks.forEach((sink, i) => {
    sink.write(Uint8Array.of(i & 0xff, i >> 8));
  });
  const incoming = client.incomingUni[Symbol.asyncIterator]();
  const byIndex = new Array<{ source: AsyncIterator<Uint8Array>; first: Uint8Array }>(count);
  for (let n = 0; n < count; n++) {
    const { value } = await incoming.next();
    const source = (value as ByteSource)[Symbol.asyncIterator]();
    const first = (await source.next()).value as Uint8Array;
    byIndex[first[0] | (first[1] << 8)] = { source, first: first.subarray(2) };
  }
  return sinks.map((sink, i) => ({ sink, ...byIndex[i] }));
}

/** Reads from `source` until `bytes` have come (counting `already`), returning them all. */
async function readBytes(source: AsyncIterator<Uint8Array>, bytes: number, already: Uint8Array): Promise<Buffer> {
  const parts = [Buffer.from(already)];
  let have = already.length;
  while (have < bytes) {
    const r = await source.next();
    if (r.done) break;
    parts.push(Buffer.from(r.value));
    have += r.value.length;
  }
  return Buffer.concat(parts);
}

describe('QUIC carrier with many streams on one connection', () => {
  it(
    `delivers rounds of writes to each of ${STREAMS} streams, in order`,
    async () => {
      const { client, server } = await pair();
      const all = await streams(client, server, STREAMS);
      const rounds = 20;
      // Each round writes every stream in one turn, as a fanout does.
      for (let r = 0; r < rounds; r++) for (const [i, { sink }] of all.entries()) sink.write(Buffer.from(`${i}:${r};`));
      const expected = (i: number) => Array.from({ length: rounds }, (_, r) => `${i}:${r};`).join('');
      const got = await Promise.all(
        all.map(({ source, first }, i) => readBytes(source, Buffer.byteLength(expected(i)), first)),
      );
      got.forEach((bytes, i) => {
        expect(bytes.toString()).toBe(expected(i));
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'wakes a writer blocked on a reader that stalled, once the reader reads',
    async () => {
      const { client, server } = await pair();
      const all = await streams(client, server, STREAMS);
      // More than the stream's flow-control window (2 MiB): the writer blocks until it is read.
      const large = Buffer.alloc(3 << 20, 0x61);
      const blocked = all[STREAMS - 1];
      blocked.sink.write(large);
      // Meanwhile the other streams are written and read.
      for (const { sink } of all.slice(0, -1)) sink.write(Buffer.from('after'));
      await Promise.all(all.slice(0, -1).map(({ source, first }) => readBytes(source, 5, first)));
      expect(blocked.sink.bufferedBytes).toBeGreaterThan(0);
      const read = await readBytes(blocked.source, large.length, blocked.first);
      expect(read.equals(large)).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'wakes a blocked writer of a bidirectional stream that went on reading meanwhile',
    async () => {
      // A session's control stream: the broker's answers block on the client's window while it
      // still reads the client's requests on the same stream. Each read also counts as a try to
      // send (flow-control credit), which must not hide that the writer is blocked.
      const { client, server } = await pair();
      await streams(client, server, STREAMS);
      const opened = await client.openBidi();
      opened.writable.write(Buffer.from('first'));
      const accepted = (await server.incomingBidi[Symbol.asyncIterator]().next()).value as BidiStream;
      const requests = accepted.readable[Symbol.asyncIterator]();
      await readBytes(requests, 5, new Uint8Array());
      const large = Buffer.alloc(3 << 20, 0x62);
      // In chunks, so what the sink holds shows what quiche has taken: as much as the client's
      // 2 MiB window allows, the rest waiting on a blocked writer.
      const chunk = 64 << 10;
      for (let at = 0; at < large.length; at += chunk) accepted.writable.write(large.subarray(at, at + chunk));
      const deadline = Date.now() + 10_000;
      while (accepted.writable.bufferedBytes > large.length - (2 << 20) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(accepted.writable.bufferedBytes).toBeGreaterThan(0);
      opened.writable.write(Buffer.from('second'));
      expect((await readBytes(requests, 6, new Uint8Array())).toString()).toBe('second');
      const answers = opened.readable[Symbol.asyncIterator]();
      const read = await readBytes(answers, large.length, new Uint8Array());
      expect(read.equals(large)).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'fails the stream whose reader stopped, and only that one',
    async () => {
      const { client, server } = await pair();
      const all = await streams(client, server, STREAMS);
      const stopped = all[7];
      await stopped.source.return?.();
      // The stop reaches the writer by a packet's visit or the sweep; writes then fail.
      const deadline = Date.now() + 5_000;
      while (stopped.sink.write(Buffer.from('x')) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(stopped.sink.write(Buffer.from('x'))).toBe(false);
      await expect(stopped.sink.end()).rejects.toThrow();
      const others = all.filter((s) => s !== stopped);
      for (const { sink } of others) sink.write(Buffer.from('still'));
      const got = await Promise.all(others.map(({ source, first }) => readBytes(source, 5, first)));
      for (const bytes of got) expect(bytes.toString()).toBe('still');
    },
    TEST_TIMEOUT,
  );
});
