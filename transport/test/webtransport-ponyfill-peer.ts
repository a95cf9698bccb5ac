// A browser-side client in a child process: the library's WebTransportPonyfill, which maps a
// WebTransport session onto one WebSocket. Run by webtransport.test.ts with
// `node --experimental-websocket --import tsx` (Node 20 has WebSocket only behind that flag) and
// NODE_EXTRA_CA_CERTS naming the test certificate, because a WebSocket cannot pin hashes.
// Usage: webtransport-ponyfill-peer.ts <port> <bytes>; prints one JSON line.

const [port, size] = process.argv.slice(2).map(Number);

if (typeof WebSocket !== 'function') {
  console.log(JSON.stringify({ skipped: 'no WebSocket global in this Node' }));
  process.exit(0);
}
// The ponyfill reads navigator.connection for its RTT estimate; Node 20 has no navigator.
(globalThis as { navigator?: object }).navigator ??= {};

// The package only exposes its browser build under the "browser" condition; this is that file.
const entry = new URL('./index.browser.js', import.meta.resolve('@fails-components/webtransport'));
const { WebTransportPonyfill } = (await import(entry.href)) as {
  WebTransportPonyfill: new (
    url: string,
    init: object,
  ) => {
    ready: Promise<void>;
    createBidirectionalStream(): Promise<{
      readable: ReadableStream<Uint8Array>;
      writable: WritableStream<Uint8Array>;
    }>;
    close(info: { closeCode: number; reason: string }): void;
    closed: Promise<unknown>;
  };
};

const transport = new WebTransportPonyfill(`https://127.0.0.1:${port}/felix`, {});
await transport.ready;
const stream = await transport.createBidirectionalStream();
const sent = new Uint8Array(size!).map((_, i) => (i * 31) & 0xff);
const writer = stream.writable.getWriter();
void writer.write(sent.slice()).then(() => writer.close());
const parts: Uint8Array[] = [];
for await (const chunk of stream.readable as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
const got = Buffer.concat(parts);
transport.close({ closeCode: 9, reason: 'ponyfill done' });
await transport.closed.catch(() => {});
console.log(JSON.stringify({ bytes: got.length, equal: Buffer.from(sent).equals(got) }));
process.exit(0);
