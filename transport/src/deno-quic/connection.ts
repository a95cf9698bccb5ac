// One Deno QUIC connection (quinn underneath) as a MultiplexedConnection, either side.

import { incomingStreams } from '../incoming-streams.js';
import type { BidiStream, ByteSink, ByteSource, CloseInfo, MultiplexedConnection } from '../streams.js';
// Deno's QUIC streams are plain WHATWG streams, like a WebTransport session's, so they take the
// same adapters: small writes are coalesced and a few kept in flight, and a reader that leaves
// early cancels its stream (STOP_SENDING).
import { byteSource, WebTransportSink } from '../webtransport/byte-streams.js';
import type { DenoQuicBidirectionalStream, DenoQuicConn, DenoQuicTransportOptions } from './deno-api.js';

/**
 * The same budgets as the Node QUIC carrier (see QUIC_TUNING there): streams the peer may have
 * open at once, one bidirectional per control or cache stream and one unidirectional per
 * subscription, and the idle timeout with keep-alives that hold a quiet connection open.
 */
export const DENO_QUIC_TUNING = {
  maxConcurrentBidirectionalStreams: 256,
  maxConcurrentUnidirectionalStreams: 1024,
  maxIdleTimeout: 30_000,
  keepAliveInterval: 10_000,
} satisfies DenoQuicTransportOptions;

/**
 * How long a close from this side waits for what was written before it to reach the peer. On a
 * LAN that is a few round trips and any retransmission they need; a peer that closes sooner
 * (because it read the error that explains the close) ends the wait.
 */
export const CLOSE_LINGER_MS = 250;

/** Reason bytes kept: a CONNECTION_CLOSE must fit in one packet with room to spare. */
const MAX_CLOSE_REASON_BYTES = 512;

export function closeReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.byteLength <= MAX_CLOSE_REASON_BYTES) return reason;
  let end = MAX_CLOSE_REASON_BYTES;
  // Cut at a character boundary so the far side decodes what is left cleanly.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}

export function formatAddress(addr: { hostname: string; port: number }): string {
  return addr.hostname.includes(':') ? `[${addr.hostname}]:${addr.port}` : `${addr.hostname}:${addr.port}`;
}

/**
 * What Deno 2.9 cannot say on a stream, and so neither can this carrier: a reset's application
 * code. Aborting a send stream there finishes it (quinn finishes a dropped stream), so
 * ByteSink.reset reaches the peer as a FIN after the bytes already handed over, and a reader's
 * STOP_SENDING always carries code 0. A peer still sees where the stream ended, not why.
 */
export class DenoQuicConnection implements MultiplexedConnection {
  readonly carrier = 'quic';
  readonly remoteAddress: string;
  readonly incomingBidi: AsyncIterable<BidiStream>;
  readonly incomingUni: AsyncIterable<ByteSource>;
  readonly closed: Promise<CloseInfo>;
  readonly #conn: DenoQuicConn;
  #settle!: (info: CloseInfo) => void;
  #closeInfo: CloseInfo | undefined;
  #closeSent: Promise<void> | undefined;

  constructor(conn: DenoQuicConn) {
    this.#conn = conn;
    this.remoteAddress = formatAddress(conn.remoteAddr);
    this.incomingBidi = incomingStreams(conn.incomingBidirectionalStreams, (s) => this.#wrapBidi(s));
    this.incomingUni = incomingStreams(conn.incomingUnidirectionalStreams, (r) => byteSource(r));
    this.closed = new Promise<CloseInfo>((resolve) => {
      this.#settle = (info) => {
        if (this.#closeInfo !== undefined) return;
        this.#closeInfo = info;
        resolve(info);
      };
    });
    conn.closed.then(
      (info) => this.#settle({ code: info?.closeCode ?? 0, reason: info?.reason ?? '' }),
      (error: unknown) =>
        this.#settle({ code: 0, reason: error instanceof Error ? error.message : 'connection closed' }),
    );
  }

  /** The negotiated ALPN protocol, or undefined when the handshake negotiated none. */
  get protocol(): string | undefined {
    return this.#conn.protocol ?? undefined;
  }

  async openBidi(): Promise<BidiStream> {
    this.#assertOpen();
    // Waiting for stream credit rather than failing keeps a burst of opens (many cache streams
    // at once) from failing when the peer is merely slow to grant more.
    return this.#wrapBidi(await this.#conn.createBidirectionalStream({ waitUntilAvailable: true }));
  }

  async openUni(): Promise<ByteSink> {
    this.#assertOpen();
    return new WebTransportSink(await this.#conn.createUnidirectionalStream({ waitUntilAvailable: true }));
  }

  close(info: CloseInfo): void {
    if (this.#closeInfo !== undefined) return;
    // Deno reports a locally closed connection as code 0, so this side records what it asked for.
    this.#settle(info);
    const transportClosed = this.#conn.closed.then(
      () => {},
      () => {},
    );
    // quinn drops whatever it has not yet sent or had acknowledged the moment a connection
    // closes, and Deno's stream close() resolves before the FIN is even sent, so an error frame
    // written just before the close (the usual way a refusal ends) would never arrive. The close
    // therefore waits CLOSE_LINGER_MS, or less if the peer closes first, having read it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.#closeSent = Promise.race([
      transportClosed,
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          try {
            this.#conn.close({ closeCode: info.code, reason: closeReason(info.reason) });
          } catch {
            // Already closed underneath.
          }
          resolve();
        }, CLOSE_LINGER_MS);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /**
   * Resolves once the connection's close has reached quinn: at once if it was not closed from
   * this side, otherwise after the linger (see close).
   */
  get closeSent(): Promise<void> {
    return this.#closeSent ?? this.closed.then(() => {});
  }

  #wrapBidi(stream: DenoQuicBidirectionalStream): BidiStream {
    return { readable: byteSource(stream.readable), writable: new WebTransportSink(stream.writable) };
  }

  #assertOpen(): void {
    if (this.#closeInfo !== undefined)
      throw new Error(`quic connection closed (${this.#closeInfo.code}: ${this.#closeInfo.reason})`);
  }
}
