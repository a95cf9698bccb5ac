import { encodeFrame, FrameReader } from '@felix/generated';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BidiStream,
  CertificatePinError,
  certificateFingerprint,
  connectTls,
  createSelfSigned,
  listenTls,
  type ServerSession,
  type SessionListener,
} from '../src/index.js';

let listener: SessionListener;
let fingerprint: string;
const sessions: ServerSession[] = [];
let nextSession: ((s: ServerSession) => void) | undefined;

beforeAll(async () => {
  const pair = await createSelfSigned();
  fingerprint = certificateFingerprint(pair.cert);
  listener = await listenTls({ host: '127.0.0.1', port: 0, ...pair });
  void (async () => {
    for await (const s of listener.sessions) {
      sessions.push(s);
      nextSession?.(s);
    }
  })();
});
afterAll(() => listener.close());

const acceptSession = () => new Promise<ServerSession>((resolve) => (nextSession = resolve));
const connect = () => connectTls({ host: '127.0.0.1', port: listener.port, certSha256: fingerprint });
const hello = encodeFrame({ type: 'ok' });

/** A session starts with the client's first frame (auth, in the protocol); this sends one and discards it server-side. */
async function session() {
  const accepted = acceptSession();
  const client = await connect();
  client.control.writable.write(hello);
  const server = await accepted;
  const first = await readBytes(server.control.readable, hello.length);
  expect(Buffer.compare(first, hello)).toBe(0);
  return { client, server };
}

/** Reads exactly n bytes without ending the stream (leaving a for-await loop would close it). */
async function readBytes(stream: AsyncIterable<Uint8Array>, n: number): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  const it = stream[Symbol.asyncIterator]();
  let at = 0;
  while (at < n) {
    const { value, done } = await it.next();
    if (done) throw new Error(`stream ended after ${at} of ${n} bytes`);
    out.set(value.subarray(0, n - at), at);
    at += Math.min(value.length, n - at);
  }
  return out;
}

async function echo(stream: BidiStream) {
  for await (const chunk of stream.readable) if (!stream.writable.write(chunk.slice())) await stream.writable.drained();
}

describe('TLS carrier', () => {
  it('carries the control stream both ways, byte-exact, 1 MiB in 64 KiB chunks', async () => {
    const { client, server } = await session();
    void echo(server.control);
    const data = new Uint8Array(1 << 20).map((_, i) => i * 7);
    const reading = readBytes(client.control.readable, data.length);
    for (let i = 0; i < data.length; i += 65536) {
      if (!client.control.writable.write(data.slice(i, i + 65536))) await client.control.writable.drained();
    }
    expect(Buffer.compare(await reading, data)).toBe(0);
    client.close({ code: 0, reason: 'done' });
    await server.closed;
  });

  it('attaches cache streams, and event streams by subscription, with the session token', async () => {
    const { client, server } = await session();
    client.setAttachToken(server.attachToken!);

    const cacheClient = await client.openCacheStream();
    cacheClient.writable.write(new TextEncoder().encode('ping'));
    const cacheIt = server.cacheStreams[Symbol.asyncIterator]();
    const cacheServer = (await cacheIt.next()).value as BidiStream;
    expect(new TextDecoder().decode(await readBytes(cacheServer.readable, 4))).toBe('ping');

    const serverSide = server.openEventStream(42, 5000);
    const events = await client.eventStream(42);
    const sink = await serverSide;
    sink.write(encodeFrame({ type: 'event_stream_hello', subscription_id: 42 }));
    const reader = new FrameReader();
    for await (const chunk of events) {
      reader.push(chunk);
      const frame = reader.next();
      if (frame) {
        expect(new TextDecoder().decode(frame.payload)).toContain('"subscription_id":42');
        break;
      }
    }
    client.close({ code: 0, reason: 'done' });
    await server.closed;
  });

  it('refuses an attach with an unknown token and keeps serving others', async () => {
    const client = await connect();
    client.setAttachToken('not-a-token');
    const stream = await client.openCacheStream();
    const reader = new FrameReader();
    for await (const chunk of stream.readable) reader.push(chunk);
    expect(new TextDecoder().decode(reader.next()!.payload)).toContain('unknown session_token');
    client.close({ code: 0, reason: 'done' });
  });

  it('refuses a server whose certificate does not match the pinned fingerprint', async () => {
    await expect(
      connectTls({ host: '127.0.0.1', port: listener.port, certSha256: 'aa'.repeat(32) }),
    ).rejects.toBeInstanceOf(CertificatePinError);
  });

  it('reports backpressure when the peer does not read, and drains once it does', async () => {
    const { client, server } = await session();
    let full = false;
    let written = 0;
    const chunk = new Uint8Array(64 * 1024);
    while (written < 64 << 20) {
      written += chunk.length;
      if (!client.control.writable.write(chunk)) {
        full = true;
        break;
      }
    }
    expect(full).toBe(true);
    const drained = client.control.writable.drained();
    void (async () => {
      let n = 0;
      for await (const c of server.control.readable) {
        n += c.length;
        if (n >= written) break;
      }
    })();
    await drained;
    expect(client.control.writable.bufferedBytes).toBeLessThan(1 << 20);
    client.close({ code: 0, reason: 'done' });
  });
});
