// The stream interface every carrier provides. Felix needs reliable, ordered byte streams and
// nothing else; these types are the whole contract between the protocol and its carriers.
import type { PeerIdentity } from './peer-identity.js';

/** The sending half of a stream. */
export interface ByteSink {
  /**
   * Queues `chunk` for sending. The carrier may keep a reference until it is sent, so a
   * caller must not change a chunk after writing it. Returns false once the carrier holds
   * more than its high-water mark: the caller should wait for drained() before writing more.
   */
  write(chunk: Uint8Array): boolean;
  /** Resolves when the queued bytes have fallen below the low-water mark (at once if they have). */
  drained(): Promise<void>;
  /** Bytes written but not yet handed to the network. */
  readonly bufferedBytes: number;
  /** Sends everything queued, then finishes the stream. */
  end(): Promise<void>;
  /** Abandons the stream at once with an application error code. */
  reset(code: number): void;
  /**
   * Where the carrier can tell: settles once nothing more can be written (the stream ended or
   * was reset, or the peer stopped reading or went away), so an idle writer learns the peer left.
   */
  readonly closed?: Promise<void>;
}

/** The receiving half of a stream: chunks in order; ends at the peer's finish, throws on a reset. */
export type ByteSource = AsyncIterable<Uint8Array>;

export interface BidiStream {
  readonly readable: ByteSource;
  readonly writable: ByteSink;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

/**
 * A connection on a multiplexed carrier (QUIC, WebTransport): many independent streams in
 * either direction over one connection.
 */
export interface MultiplexedConnection {
  readonly carrier: string;
  readonly remoteAddress: string;
  /** The client certificate the listener verified; undefined when it asked for none. */
  readonly peerIdentity?: PeerIdentity;
  openBidi(): Promise<BidiStream>;
  openUni(): Promise<ByteSink>;
  /** Bidirectional streams the peer opens, in the order it opened them. */
  readonly incomingBidi: AsyncIterable<BidiStream>;
  /** Unidirectional streams the peer opens. */
  readonly incomingUni: AsyncIterable<ByteSource>;
  close(info: CloseInfo): void;
  /** Resolves once the connection is closed, by either side. */
  readonly closed: Promise<CloseInfo>;
}

export interface ListenOptions {
  host: string;
  /** 0 picks an ephemeral port. */
  port: number;
  /** PEM certificate chain and private key. */
  cert: string;
  key: string;
  /**
   * CA certificates (PEM) a client certificate must chain to. When given, every connection must
   * present one or fail its handshake; carriers that cannot require it throw rather than listen.
   */
  clientCa?: string;
}

export interface MultiplexedListener {
  readonly carrier: string;
  readonly port: number;
  readonly connections: AsyncIterable<MultiplexedConnection>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  host: string;
  port: number;
  /** SHA-256 fingerprint of the server certificate to pin (hex, colons allowed), or a CA in PEM. */
  certSha256?: string;
  ca?: string;
  /** Server name for TLS; defaults to host. */
  serverName?: string;
  /** A client certificate chain (PEM) for brokers that require one; needs clientKey. */
  clientCert?: string;
  /** The client certificate's private key (PEM). */
  clientKey?: string;
}
