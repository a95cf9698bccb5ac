// The part of Deno's unstable QUIC API (Deno 2.9, `--unstable-net`) this carrier uses, typed
// here rather than by pulling Deno's whole lib into the Node build. Names follow Deno's own.
import type { WtSession } from '../webtransport/library.js';

export interface DenoNetAddr {
  hostname: string;
  port: number;
}

export interface DenoQuicCloseInfo {
  closeCode: number;
  reason: string;
}

/** Per-connection settings, the same on both ends; the stream counts limit what the peer opens. */
export interface DenoQuicTransportOptions {
  keepAliveInterval?: number;
  maxIdleTimeout?: number;
  maxConcurrentBidirectionalStreams?: number;
  maxConcurrentUnidirectionalStreams?: number;
  congestionControl?: 'throughput' | 'low-latency' | 'default';
}

export interface DenoQuicSendStream extends WritableStream<Uint8Array> {
  sendOrder: number;
}

export type DenoQuicReceiveStream = ReadableStream<Uint8Array>;

export interface DenoQuicBidirectionalStream {
  readonly readable: DenoQuicReceiveStream;
  readonly writable: DenoQuicSendStream;
}

export interface DenoQuicConn {
  close(info?: DenoQuicCloseInfo): void;
  createBidirectionalStream(options?: { waitUntilAvailable?: boolean }): Promise<DenoQuicBidirectionalStream>;
  createUnidirectionalStream(options?: { waitUntilAvailable?: boolean }): Promise<DenoQuicSendStream>;
  readonly remoteAddr: DenoNetAddr;
  /** The negotiated ALPN protocol; null or undefined when none was. */
  readonly protocol: string | null | undefined;
  readonly closed: Promise<DenoQuicCloseInfo>;
  readonly incomingBidirectionalStreams: ReadableStream<DenoQuicBidirectionalStream>;
  readonly incomingUnidirectionalStreams: ReadableStream<DenoQuicReceiveStream>;
}

/** Read none of its properties before accept(): in Deno 2.9 that invalidates it (BadResource). */
export interface DenoQuicIncoming {
  readonly remoteAddr: DenoNetAddr;
  accept(options?: DenoQuicTransportOptions & { alpnProtocols?: string[] }): Promise<DenoQuicConn>;
  refuse(): void;
  ignore(): void;
}

export interface DenoQuicListener extends AsyncIterable<DenoQuicIncoming> {
  incoming(): Promise<DenoQuicIncoming>;
  stop(): void;
}

export interface DenoQuicEndpoint {
  readonly addr: DenoNetAddr;
  listen(options: DenoQuicTransportOptions & { alpnProtocols: string[]; cert: string; key: string }): DenoQuicListener;
  close(info?: DenoQuicCloseInfo): void;
}

export interface DenoConnectQuicOptions extends DenoQuicTransportOptions {
  hostname: string;
  port: number;
  serverName?: string;
  alpnProtocols: string[];
  caCerts?: string[];
  endpoint?: DenoQuicEndpoint;
}

/** The Deno namespace, as far as this carrier reaches into it. */
export interface DenoQuicNamespace {
  QuicEndpoint: new (options?: { hostname?: string; port?: number }) => DenoQuicEndpoint;
  connectQuic(options: DenoConnectQuicOptions): Promise<DenoQuicConn>;
  /** Serves HTTP/3 on an accepted connection (ALPN h3) until a WebTransport session is opened. */
  upgradeWebTransport(conn: DenoQuicConn): Promise<WtSession & { readonly url: string }>;
}

/** Not running on Deno, or on a Deno started without `--unstable-net`. */
export class DenoQuicUnavailableError extends Error {
  constructor(why: string) {
    super(`the Deno QUIC carrier needs Deno with --unstable-net: ${why}`);
    this.name = 'DenoQuicUnavailableError';
  }
}

/** Whether this process runs on Deno at all (QUIC itself may still be switched off). */
export function isDeno(): boolean {
  return typeof (globalThis as { Deno?: unknown }).Deno === 'object';
}

export function denoQuic(): DenoQuicNamespace {
  const deno = (globalThis as { Deno?: Partial<DenoQuicNamespace> }).Deno;
  if (deno === undefined) throw new DenoQuicUnavailableError('this is not Deno');
  if (
    typeof deno.QuicEndpoint !== 'function' ||
    typeof deno.connectQuic !== 'function' ||
    typeof deno.upgradeWebTransport !== 'function'
  )
    throw new DenoQuicUnavailableError('Deno.QuicEndpoint is missing');
  return deno as DenoQuicNamespace;
}
