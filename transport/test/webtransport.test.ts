import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSigned } from '../src/certs.js';
import type { BidiStream, ByteSource, MultiplexedConnection } from '../src/streams.js';
import {
  connectWebTransport,
  listenWebTransport,
  loadWebTransportLibrary,
  type WebTransportListener,
  WebTransportStreamError,
} from '../src/webtransport/index.js';

const TEST_MS = 20_000;
const http3Installed = (await loadWebTransportLibrary()).http3;

let dir: string;
let certFile: string;
let cert: string;
let key: string;
let certSha256: string;

beforeAll(async () => {
  // ECDSA P-256 and under 14 days of validity are what serverCertificateHashes accepts; the SAN
  // lets the WebSocket path verify it by name.
  ({ cert, key } = await createSelfSigned({
    commonName: 'localhost',
    hosts: ['localhost', '127.0.0.1'],
    validityDays: 10,
  }));
  dir = mkdtempSync(join(tmpdir(), 'felix-wt-'));
  certFile = join(dir, 'cert.pem');
  writeFileSync(certFile, cert);
  certSha256 = new X509Certificate(cert).fingerprint256;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Pair {
  listener: WebTransportListener;
  client: MultiplexedConnection;
  server: MultiplexedConnection;
}

/** A listener, one client session and its server side; everything is closed afterwards. */
async function withPair(http3: boolean, body: (pair: Pair) => Promise<void>): Promise<void> {
  const listener = await listenWebTransport({ host: '127.0.0.1', port: 0, cert, key, http3: http3 ? 'auto' : 'off' });
  try {
    expect(listener.http3).toBe(http3);
    const accepted = first(listener.connections);
    const client = await connectWebTransport({ host: '127.0.0.1', port: listener.port, certSha256, http3 });
    const server = await accepted;
    try {
      await body({ listener, client, server });
    } finally {
      client.close({ code: 0, reason: 'test over' });
    }
  } finally {
    await listener.close();
  }
}

async function first<T>(items: AsyncIterable<T>): Promise<T> {
  for await (const item of items) return item;
  throw new Error('ended before the first item');
}

async function readAll(source: ByteSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source) parts.push(chunk);
  return Buffer.concat(parts);
}

async function echo(stream: BidiStream): Promise<void> {
  for await (const chunk of stream.readable) if (!stream.writable.write(chunk)) await stream.writable.drained();
  await stream.writable.end();
}

/** Serves every bidirectional stream the peer opens as an echo. */
function echoAll(connection: MultiplexedConnection): void {
  void (async () => {
    for await (const stream of connection.incomingBidi) void echo(stream).catch(() => {});
  })();
}

function pattern(size: number, seed: number): Uint8Array {
  return new Uint8Array(size).map((_, i) => (i * 131 + seed) & 0xff);
}

const protocols = [
  { name: 'HTTP/2', http3: false, available: true },
  { name: 'HTTP/3', http3: true, available: http3Installed },
];

for (const { name, http3, available } of protocols) {
  describe.skipIf(!available)(`WebTransport carrier over ${name}`, () => {
    it(
      'echoes 1 MiB written in 64 KiB chunks over a bidirectional stream, byte-exact',
      () =>
        withPair(http3, async ({ client, server }) => {
          expect(client.carrier).toBe('webtransport');
          expect(server.remoteAddress).toMatch(/^127\.0\.0\.1:\d+$/);
          echoAll(server);
          const stream = await client.openBidi();
          const data = pattern(1 << 20, 1);
          const received = readAll(stream.readable);
          for (let at = 0; at < data.length; at += 65536) {
            if (!stream.writable.write(data.slice(at, at + 65536))) await stream.writable.drained();
          }
          await stream.writable.end();
          expect(Buffer.from(await received).equals(data)).toBe(true);
        }),
      TEST_MS,
    );

    it(
      'delivers a server-opened unidirectional stream to the client',
      () =>
        withPair(http3, async ({ client, server }) => {
          const incoming = first(client.incomingUni);
          const sink = await server.openUni();
          const hello = new TextEncoder().encode('event_stream_hello');
          sink.write(hello);
          sink.write(pattern(3000, 2));
          await sink.end();
          const got = await readAll(await incoming);
          expect(Buffer.from(got).equals(Buffer.concat([hello, pattern(3000, 2)]))).toBe(true);
        }),
      TEST_MS,
    );

    it(
      'carries 50 concurrent bidirectional streams independently',
      () =>
        withPair(http3, async ({ client, server }) => {
          echoAll(server);
          const streams = await Promise.all(Array.from({ length: 50 }, () => client.openBidi()));
          const results = await Promise.all(
            streams.map(async (stream, i) => {
              const data = pattern(8192 + i * 97, i);
              const received = readAll(stream.readable);
              stream.writable.write(data);
              await stream.writable.end();
              return Buffer.from(await received).equals(data);
            }),
          );
          expect(results.every(Boolean)).toBe(true);
        }),
      TEST_MS,
    );

    it(
      'keeps opening streams one after another well past the initial stream credit of 100',
      () =>
        withPair(http3, async ({ client, server }) => {
          echoAll(server);
          const uni = server.incomingUni[Symbol.asyncIterator]();
          for (let i = 0; i < 250; i++) {
            const stream = await client.openBidi();
            stream.writable.write(pattern(16, i));
            await stream.writable.end();
            expect(Buffer.from(await readAll(stream.readable)).equals(pattern(16, i))).toBe(true);

            const sink = await client.openUni();
            sink.write(pattern(16, i));
            await sink.end();
            const source = (await uni.next()).value as ByteSource;
            expect(Buffer.from(await readAll(source)).equals(pattern(16, i))).toBe(true);
          }
        }),
      TEST_MS,
    );

    it(
      'surfaces a stream reset to the reading peer as an error with the code',
      () =>
        withPair(http3, async ({ client, server }) => {
          const incoming = first(server.incomingBidi);
          const stream = await client.openBidi();
          stream.writable.write(pattern(100, 3));
          const reader = (await incoming).readable[Symbol.asyncIterator]();
          const head = await reader.next();
          expect(head.done).toBe(false);
          stream.writable.reset(42);
          expect(() => stream.writable.write(new Uint8Array(1))).toThrow();
          const error = await reader.next().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(WebTransportStreamError);
          expect((error as WebTransportStreamError).code).toBe(42);
        }),
      TEST_MS,
    );

    it(
      'reports a client close with its code and reason on both sides',
      () =>
        withPair(http3, async ({ client, server }) => {
          client.close({ code: 4242, reason: 'client says bye' });
          expect(await client.closed).toEqual({ code: 4242, reason: 'client says bye' });
          expect(await server.closed).toEqual({ code: 4242, reason: 'client says bye' });
          await expect(client.openBidi()).rejects.toThrow();
        }),
      TEST_MS,
    );

    it(
      'reports a server close with its code and reason on both sides, ending incoming streams',
      () =>
        withPair(http3, async ({ client, server }) => {
          const incomingEnds = first(client.incomingUni).then(
            () => 'stream',
            () => 'ended',
          );
          server.close({ code: 7, reason: 'server going away' });
          expect(await server.closed).toEqual({ code: 7, reason: 'server going away' });
          expect(await client.closed).toEqual({ code: 7, reason: 'server going away' });
          expect(await incomingEnds).toBe('ended');
        }),
      TEST_MS,
    );

    it(
      'pushes back on a writer while the peer does not read, and drains once it does',
      () =>
        withPair(http3, async ({ client, server }) => {
          const peerStreams = server.incomingBidi[Symbol.asyncIterator]();
          const stream = await client.openBidi();
          const chunk = pattern(65536, 4);
          let written = 0;
          let accepted = true;
          // Bounded: the peer's flow-control windows (6 MiB per stream at most) stop it far earlier.
          while (accepted && written < 64 << 20) {
            accepted = stream.writable.write(chunk.slice());
            written += chunk.length;
          }
          expect(accepted).toBe(false);
          expect(stream.writable.bufferedBytes).toBeGreaterThanOrEqual(1 << 20);
          let drained = false;
          const draining = stream.writable.drained().then(() => {
            drained = true;
          });
          const peer = (await peerStreams.next()).value as BidiStream;

          // Round trips on a second stream of the same session instead of a sleep: each reply
          // comes after everything the peer sent before it (flow-control credit included), so
          // twenty of them give a peer that returned credit without reading ample chance to
          // drain the writer; one that holds its credit never does.
          const probe = await client.openBidi();
          void echo((await peerStreams.next()).value as BidiStream).catch(() => {});
          const replies = probe.readable[Symbol.asyncIterator]();
          for (let i = 0; i < 20; i++) {
            probe.writable.write(new Uint8Array([i]));
            expect((await replies.next()).value).toEqual(new Uint8Array([i]));
          }
          expect(drained).toBe(false);
          expect(stream.writable.bufferedBytes).toBeGreaterThan(256 << 10);

          const reading = readAll(peer.readable);
          await draining;
          expect(stream.writable.bufferedBytes).toBeLessThanOrEqual(256 << 10);
          await stream.writable.end();
          expect((await reading).length).toBe(written);
        }),
      TEST_MS,
    );
  });
}

describe('WebTransport carrier setup', () => {
  it(
    'serves HTTP/3 exactly when the quiche addon is installed',
    async () => {
      const listener = await listenWebTransport({ host: '127.0.0.1', port: 0, cert, key });
      try {
        expect(listener.http3).toBe(http3Installed);
      } finally {
        await listener.close();
      }
      if (!http3Installed) {
        await expect(connectWebTransport({ host: '127.0.0.1', port: 1, certSha256, http3: true })).rejects.toThrow(
          /webtransport-transport-http3-quiche/,
        );
      }
    },
    TEST_MS,
  );

  it(
    'refuses a server whose certificate does not match the pinned hash',
    async () => {
      const listener = await listenWebTransport({ host: '127.0.0.1', port: 0, cert, key, http3: 'off' });
      try {
        const wrong = 'ab'.repeat(32);
        await expect(
          connectWebTransport({ host: '127.0.0.1', port: listener.port, certSha256: wrong }),
        ).rejects.toThrow();
      } finally {
        await listener.close();
      }
    },
    TEST_MS,
  );

  it(
    'verifies the server against a CA given as PEM and its name, then pins what it verified',
    async () => {
      const listener = await listenWebTransport({ host: '127.0.0.1', port: 0, cert, key, http3: 'off' });
      try {
        const accepted = first(listener.connections);
        const options = { host: '127.0.0.1', port: listener.port, ca: cert };
        const client = await connectWebTransport({ ...options, serverName: 'localhost' });
        echoAll(await accepted);
        const stream = await client.openBidi();
        stream.writable.write(pattern(1000, 5));
        await stream.writable.end();
        expect(Buffer.from(await readAll(stream.readable)).equals(pattern(1000, 5))).toBe(true);
        client.close({ code: 0, reason: '' });
        await expect(connectWebTransport({ ...options, serverName: 'felix.example' })).rejects.toThrow();
      } finally {
        await listener.close();
      }
    },
    TEST_MS,
  );

  it(
    'serves the library WebSocket ponyfill (the path of browsers without HTTP/3)',
    async (ctx) => {
      const listener = await listenWebTransport({ host: '127.0.0.1', port: 0, cert, key, http3: 'off' });
      try {
        const accepted = first(listener.connections).then((connection) => {
          echoAll(connection);
          return connection.closed;
        });
        const peer = fileURLToPath(new URL('./webtransport-ponyfill-peer.ts', import.meta.url));
        const output = await new Promise<string>((resolve, reject) => {
          execFile(
            process.execPath,
            ['--experimental-websocket', '--no-warnings', '--import', 'tsx', peer, String(listener.port), '200000'],
            {
              // From here `--import tsx` and the peer's package imports resolve in the workspace.
              cwd: fileURLToPath(new URL('.', import.meta.url)),
              env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile },
              timeout: TEST_MS - 5000,
            },
            (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
          );
        });
        const result = JSON.parse(output.trim().split('\n').at(-1)!) as {
          skipped?: string;
          bytes?: number;
          equal?: boolean;
        };
        if (result.skipped) ctx.skip(result.skipped);
        expect(result).toEqual({ bytes: 200000, equal: true });
        expect(await accepted).toEqual({ code: 9, reason: 'ponyfill done' });
      } finally {
        await listener.close();
      }
    },
    TEST_MS,
  );
});
