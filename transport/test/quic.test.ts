// The raw QUIC carrier over real UDP sockets on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSigned } from '../src/certs.js';
import {
  certificateFingerprint,
  connectQuic,
  listenQuic,
  QuicConnectionClosedError,
  QuicStreamError,
  WRITE_HIGH_WATER,
  WRITE_LOW_WATER,
} from '../src/quic/index.js';
import type { BidiStream, ByteSink, ByteSource, MultiplexedConnection, MultiplexedListener } from '../src/streams.js';

const TEST_TIMEOUT = 20_000;

let cert = '';
let key = '';
let fingerprint = '';

beforeAll(async () => {
  ({ cert, key } = await createSelfSigned({ commonName: 'localhost', hosts: ['localhost', '127.0.0.1'], ca: true }));
  fingerprint = certificateFingerprint(cert);
});

/** Everything a test opened, closed after it whatever happened. */
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Pair {
  listener: MultiplexedListener;
  client: MultiplexedConnection;
  server: MultiplexedConnection;
}

async function pair(): Promise<Pair> {
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
  return { listener, client, server: next.value };
}

/** Writes chunks honouring backpressure, then finishes the stream. */
async function writeAll(sink: ByteSink, chunks: Iterable<Uint8Array>): Promise<void> {
  for (const chunk of chunks) {
    if (!sink.write(chunk)) await sink.drained();
  }
  await sink.end();
}

async function readAll(source: ByteSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of source) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** Echoes every bidirectional stream the peer opens, chunk by chunk. */
function serveEcho(conn: MultiplexedConnection): void {
  void (async () => {
    for await (const stream of conn.incomingBidi) {
      void (async () => {
        // Each chunk the carrier yields is a fresh buffer, so writing it on is safe.
        for await (const chunk of stream.readable) {
          if (!stream.writable.write(chunk)) await stream.writable.drained();
        }
        await stream.writable.end();
      })().catch(() => {});
    }
  })();
}

function chunksOf(data: Buffer, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  // Copies, not views: a written chunk belongs to the carrier and must not share memory.
  for (let at = 0; at < data.length; at += size) out.push(Uint8Array.from(data.subarray(at, at + size)));
  return out;
}

async function nextOf<T>(iterable: AsyncIterable<T>): Promise<T> {
  const result = await iterable[Symbol.asyncIterator]().next();
  if (result.done) throw new Error('iteration ended');
  return result.value;
}

describe('QUIC carrier', () => {
  it(
    'echoes 1 MiB over a bidirectional stream byte for byte',
    async () => {
      const { listener, client, server } = await pair();
      expect(client.carrier).toBe('quic');
      expect(client.remoteAddress).toBe(`127.0.0.1:${listener.port}`);
      serveEcho(server);
      const payload = randomBytes(1 << 20);
      const stream = await client.openBidi();
      const [, echoed] = await Promise.all([
        writeAll(stream.writable, chunksOf(payload, 64 << 10)),
        readAll(stream.readable),
      ]);
      expect(echoed.length).toBe(payload.length);
      expect(echoed.equals(payload)).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'delivers a unidirectional stream the server opens',
    async () => {
      const { client, server } = await pair();
      const sink = await server.openUni();
      const message = Buffer.from('event_stream_hello');
      await writeAll(sink, [Uint8Array.from(message)]);
      const source = await nextOf(client.incomingUni);
      expect((await readAll(source)).equals(message)).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'runs 50 bidirectional streams at once',
    async () => {
      const { client, server } = await pair();
      serveEcho(server);
      const results = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const payload = Buffer.concat([Buffer.from(`stream ${i}:`), randomBytes(8 << 10)]);
          const stream = await client.openBidi();
          const [, echoed] = await Promise.all([
            writeAll(stream.writable, chunksOf(payload, 4096)),
            readAll(stream.readable),
          ]);
          return echoed.equals(payload);
        }),
      );
      expect(results.every(Boolean)).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'waits for stream credit at the peer limit, then opens streams as slots free up',
    async () => {
      const listener = await listenQuic({ host: '127.0.0.1', port: 0, cert, key, maxIncomingStreams: { bidi: 2 } });
      cleanups.push(() => listener.close());
      const accepted = nextOf(listener.connections);
      const client = await connectQuic({ host: '127.0.0.1', port: listener.port, certSha256: fingerprint });
      cleanups.push(async () => {
        client.close({ code: 0, reason: 'test over' });
        await client.closed;
      });
      serveEcho(await accepted);
      const a = await client.openBidi();
      const b = await client.openBidi();
      const fromA = a.readable[Symbol.asyncIterator]();
      const fromB = b.readable[Symbol.asyncIterator]();
      a.writable.write(Uint8Array.of(1));
      b.writable.write(Uint8Array.of(2));
      await fromA.next();
      await fromB.next();
      let third: BidiStream | undefined;
      const opening = client.openBidi().then((stream) => {
        third = stream;
        return stream;
      });
      // Packets flow both ways on b, and still no slot has opened for a third stream.
      b.writable.write(Uint8Array.of(3));
      await fromB.next();
      expect(third).toBeUndefined();
      // Finishing a in both directions returns its slot to the client (MAX_STREAMS).
      await a.writable.end();
      expect((await fromA.next()).done).toBe(true);
      const c = await opening;
      const [, echoed] = await Promise.all([writeAll(c.writable, [Uint8Array.of(4)]), readAll(c.readable)]);
      expect(Array.from(echoed)).toEqual([4]);
      // And the next one after that, too: waiting did not use up a stream ID.
      await b.writable.end();
      expect((await fromB.next()).done).toBe(true);
      const d = await client.openBidi();
      const [, echoedD] = await Promise.all([writeAll(d.writable, [Uint8Array.of(5)]), readAll(d.readable)]);
      expect(Array.from(echoedD)).toEqual([5]);
    },
    TEST_TIMEOUT,
  );

  it(
    'makes a stream reset throw in the peer reader, with the code',
    async () => {
      const { client, server } = await pair();
      const stream = await client.openBidi();
      stream.writable.write(Uint8Array.from([1, 2, 3]));
      const incoming: BidiStream = await nextOf(server.incomingBidi);
      const reader = incoming.readable[Symbol.asyncIterator]();
      const first = await reader.next();
      expect(Array.from(first.value as Uint8Array)).toEqual([1, 2, 3]);
      stream.writable.reset(7);
      const failure = await reader.next().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(QuicStreamError);
      expect((failure as QuicStreamError).code).toBe(7);
      // Writing after a reset is refused rather than silently buffered.
      expect(stream.writable.write(Uint8Array.from([4]))).toBe(false);
    },
    TEST_TIMEOUT,
  );

  it(
    'closes with a code and reason seen on both sides (client closes)',
    async () => {
      const { client, server } = await pair();
      const open = await client.openBidi();
      open.writable.write(Uint8Array.from([9]));
      const serverStream = await nextOf(server.incomingBidi);
      const serverRead = readAll(serverStream.readable).then(
        () => undefined,
        (error: unknown) => error,
      );
      client.close({ code: 4, reason: 'going away' });
      expect(await client.closed).toEqual({ code: 4, reason: 'going away' });
      expect(await server.closed).toEqual({ code: 4, reason: 'going away' });
      // A stream cut off by the close throws rather than ending as if finished.
      const failure = await serverRead;
      expect(failure).toBeInstanceOf(QuicConnectionClosedError);
      expect((failure as QuicConnectionClosedError).info).toEqual({ code: 4, reason: 'going away' });
      await expect(client.openBidi()).rejects.toBeInstanceOf(QuicConnectionClosedError);
    },
    TEST_TIMEOUT,
  );

  it(
    'closes with a code and reason seen on both sides (server closes)',
    async () => {
      const { client, server } = await pair();
      server.close({ code: 0x1234, reason: 'broker shutting down' });
      expect(await client.closed).toEqual({ code: 0x1234, reason: 'broker shutting down' });
      expect(await server.closed).toEqual({ code: 0x1234, reason: 'broker shutting down' });
      // The client's incoming-stream iterators end with the connection.
      expect((await client.incomingUni[Symbol.asyncIterator]().next()).done).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'closes cleanly right after connecting, with writes still queued',
    async () => {
      // A close this early once left quiche resending handshake packets forever (see
      // encodeClose); both sides must still see the close and the code.
      const { client, server } = await pair();
      for (let i = 0; i < 10; i++) {
        const stream = await client.openBidi();
        for (let k = 0; k < 50; k++) stream.writable.write(new Uint8Array(8 << 10));
      }
      client.close({ code: 77, reason: 'x'.repeat(2000) });
      const seen = await server.closed;
      expect(seen.code).toBe(77);
      // Long reasons are cut to fit one packet.
      expect(seen.reason).toMatch(/^x{100,}$/);
      expect(seen.reason.length).toBeLessThan(2000);
    },
    TEST_TIMEOUT,
  );

  it(
    'refuses a server whose certificate does not match the pinned fingerprint',
    async () => {
      const listener = await listenQuic({ host: '127.0.0.1', port: 0, cert, key });
      cleanups.push(() => listener.close());
      const wrongPin = `${'ab:'.repeat(31)}ab`;
      await expect(
        connectQuic({ host: '127.0.0.1', port: listener.port, certSha256: wrongPin, connectTimeoutMs: 5_000 }),
      ).rejects.toThrow();
      // A malformed pin is a caller error, reported before any packet is sent.
      await expect(connectQuic({ host: '127.0.0.1', port: listener.port, certSha256: 'nope' })).rejects.toThrow(
        /certSha256/,
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'verifies the server against a CA when no fingerprint is pinned',
    async () => {
      const listener = await listenQuic({ host: '127.0.0.1', port: 0, cert, key });
      cleanups.push(() => listener.close());
      const accepted = nextOf(listener.connections);
      const conn = await connectQuic({ host: '127.0.0.1', port: listener.port, ca: cert, serverName: 'localhost' });
      cleanups.push(async () => {
        conn.close({ code: 0, reason: 'test over' });
        await conn.closed;
      });
      serveEcho(await accepted);
      const stream = await conn.openBidi();
      const [, echoed] = await Promise.all([
        writeAll(stream.writable, [Uint8Array.from([42])]),
        readAll(stream.readable),
      ]);
      expect(Array.from(echoed)).toEqual([42]);
      // The same CA with a name the certificate does not carry is refused.
      await expect(
        connectQuic({
          host: '127.0.0.1',
          port: listener.port,
          ca: cert,
          serverName: 'elsewhere.example',
          connectTimeoutMs: 5_000,
        }),
      ).rejects.toThrow();
    },
    TEST_TIMEOUT,
  );

  it(
    'pushes back on a writer whose peer does not read, and drains once it does',
    async () => {
      const { client, server } = await pair();
      const incoming = server.incomingBidi[Symbol.asyncIterator]();
      const stream = await client.openBidi();
      let written = 0;
      const write = () => {
        written += 64 << 10;
        return stream.writable.write(new Uint8Array(64 << 10).fill(written & 0xff));
      };
      expect(write()).toBe(true);
      const stalled = await incoming.next(); // Accepted, but not read.
      // Flow control stops quiche taking more once the peer's window is full; the sink then
      // holds bytes until it passes its high-water mark. The cap only guards the test.
      let accepted = true;
      while (accepted && written < 256 << 20) {
        accepted = write();
        // Gives quiche the chance to send, and the peer to ack, before the next write.
        if (accepted) await roundTrip(client, incoming);
      }
      expect(accepted).toBe(false);
      expect(stream.writable.bufferedBytes).toBeGreaterThan(WRITE_HIGH_WATER);
      let drained = false;
      const drainedP = stream.writable.drained().then(() => {
        drained = true;
      });
      // Packets keep flowing on the connection, yet nothing drains while the peer is idle.
      await roundTrip(client, incoming);
      expect(drained).toBe(false);
      expect(stream.writable.bufferedBytes).toBeGreaterThanOrEqual(WRITE_LOW_WATER);
      const reading = readAll((stalled.value as BidiStream).readable);
      await drainedP;
      expect(stream.writable.bufferedBytes).toBeLessThan(WRITE_LOW_WATER);
      await stream.writable.end();
      expect((await reading).length).toBe(written);
    },
    TEST_TIMEOUT,
  );
});

/** One echo exchange on a fresh stream: proof that packets flowed both ways meanwhile. */
async function roundTrip(client: MultiplexedConnection, serverIncoming: AsyncIterator<BidiStream>): Promise<void> {
  const ping = await client.openBidi();
  await writeAll(ping.writable, [Uint8Array.from([1])]);
  const next = await serverIncoming.next();
  if (next.done) throw new Error('server stopped accepting streams');
  const got = await readAll(next.value.readable);
  await writeAll(next.value.writable, [Uint8Array.from(got)]);
  expect((await readAll(ping.readable)).equals(got)).toBe(true);
}
