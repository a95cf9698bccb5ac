// The Deno QUIC carrier's adapter over a stand-in for Deno's QuicConn (plain WHATWG streams),
// so it runs under Node; the broker's Deno-host integration test runs it on Deno for real.
import { describe, expect, it } from 'vitest';
import { closeReason, DenoQuicConnection } from '../src/deno-quic/connection.js';
import type { DenoQuicBidirectionalStream, DenoQuicConn, DenoQuicSendStream } from '../src/deno-quic/deno-api.js';
import { connectDenoQuic, DenoQuicUnavailableError, isDeno, listenDenoQuic } from '../src/deno-quic/index.js';

/** A readable the test feeds by hand. */
function feed<T>() {
  let controller!: ReadableStreamDefaultController<T>;
  const readable = new ReadableStream<T>({ start: (c) => (controller = c) });
  return { readable, controller };
}

/** A writable that collects what is written. */
function sink() {
  const written: Uint8Array[] = [];
  let finished = false;
  const writable = new WritableStream<Uint8Array>({
    write: (chunk) => {
      written.push(chunk);
    },
    close: () => {
      finished = true;
    },
  }) as DenoQuicSendStream;
  return { writable, written, finished: () => finished };
}

function fakeConn() {
  const bidi = feed<DenoQuicBidirectionalStream>();
  const uni = feed<ReadableStream<Uint8Array>>();
  let settleClosed!: { resolve: (info: { closeCode: number; reason: string }) => void; reject: (e: Error) => void };
  const closed = new Promise<{ closeCode: number; reason: string }>((resolve, reject) => {
    settleClosed = { resolve, reject };
  });
  const closes: { closeCode: number; reason: string }[] = [];
  const opened = sink();
  const conn: DenoQuicConn = {
    remoteAddr: { hostname: '::1', port: 4433 },
    protocol: null,
    closed,
    incomingBidirectionalStreams: bidi.readable,
    incomingUnidirectionalStreams: uni.readable,
    close: (info) => {
      closes.push(info!);
      // Deno reports a connection closed from this side as code 0.
      settleClosed.resolve({ closeCode: 0, reason: '' });
    },
    createBidirectionalStream: async () => ({ readable: feed<Uint8Array>().readable, writable: opened.writable }),
    createUnidirectionalStream: async () => opened.writable,
  };
  return { conn, bidi, uni, settleClosed, closes, opened };
}

describe('Deno QUIC carrier', () => {
  it('refuses to start outside Deno with a typed error', async () => {
    expect(isDeno()).toBe(false);
    await expect(listenDenoQuic({ host: '127.0.0.1', port: 0, cert: '', key: '' })).rejects.toBeInstanceOf(
      DenoQuicUnavailableError,
    );
    await expect(connectDenoQuic({ host: '127.0.0.1', port: 1, ca: '' })).rejects.toBeInstanceOf(
      DenoQuicUnavailableError,
    );
  });

  it('hands over peer streams in order, with their bytes and FIN', async () => {
    const { conn, bidi, uni } = fakeConn();
    const c = new DenoQuicConnection(conn);
    expect(c.remoteAddress).toBe('[::1]:4433');
    expect(c.protocol).toBeUndefined();
    const data = feed<Uint8Array>();
    const reply = sink();
    bidi.controller.enqueue({ readable: data.readable, writable: reply.writable });
    const event = feed<Uint8Array>();
    uni.controller.enqueue(event.readable);

    const stream = (await c.incomingBidi[Symbol.asyncIterator]().next()).value!;
    data.controller.enqueue(Uint8Array.of(1, 2));
    data.controller.close();
    const got: number[] = [];
    for await (const chunk of stream.readable) got.push(...chunk);
    expect(got).toEqual([1, 2]);
    stream.writable.write(Uint8Array.of(3));
    await stream.writable.end();
    expect(reply.written.flatMap((chunk) => [...chunk])).toEqual([3]);
    expect(reply.finished()).toBe(true);

    const events = (await c.incomingUni[Symbol.asyncIterator]().next()).value!;
    event.controller.enqueue(Uint8Array.of(9));
    expect((await events[Symbol.asyncIterator]().next()).value).toEqual(Uint8Array.of(9));
  });

  it('reports its own close as it asked, not as the code 0 Deno gives back, and sends it after a linger', async () => {
    const { conn, closes } = fakeConn();
    const c = new DenoQuicConnection(conn);
    c.close({ code: 7, reason: 'é'.repeat(400) });
    expect(await c.closed).toEqual({ code: 7, reason: 'é'.repeat(400) });
    // Not yet at the transport: what was written before the close gets the linger to arrive.
    expect(closes).toEqual([]);
    await c.closeSent;
    // 800 bytes of two-byte characters, cut to the 512 a CONNECTION_CLOSE keeps, whole characters only.
    expect(closes).toEqual([{ closeCode: 7, reason: 'é'.repeat(256) }]);
    await expect(c.openBidi()).rejects.toThrow(/closed \(7/);
  });

  it('sends no close of its own when the peer closes during the linger', async () => {
    const { conn, closes, settleClosed } = fakeConn();
    const c = new DenoQuicConnection(conn);
    c.close({ code: 3, reason: 'draining' });
    settleClosed.resolve({ closeCode: 0, reason: 'read it, bye' });
    await c.closeSent;
    expect(closes).toEqual([]);
    expect(await c.closed).toEqual({ code: 3, reason: 'draining' });
  });

  it("reports the peer's close code and reason, and a failure as code 0 with its message", async () => {
    const peer = fakeConn();
    const byPeer = new DenoQuicConnection(peer.conn);
    peer.settleClosed.resolve({ closeCode: 12, reason: 'bye' });
    expect(await byPeer.closed).toEqual({ code: 12, reason: 'bye' });

    const failed = fakeConn();
    const byFailure = new DenoQuicConnection(failed.conn);
    failed.settleClosed.reject(new Error('timed out'));
    expect(await byFailure.closed).toEqual({ code: 0, reason: 'timed out' });
  });

  it('cuts close reasons at a character boundary', () => {
    expect(closeReason('short')).toBe('short');
    const cut = closeReason(`${'a'.repeat(511)}€`);
    expect(cut).toBe('a'.repeat(511));
  });
});
