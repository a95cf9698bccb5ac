// The Felix session seam: what the broker and the client see of a connection, whatever the
// carrier. Multiplexed carriers (QUIC, WebTransport) map it onto streams of one connection;
// TLS over TCP maps it onto one connection per stream, joined by stream_attach.
import type { JsonU64 } from '@felix/generated';
import type { PeerIdentity } from './peer-identity.js';
import type { BidiStream, ByteSink, ByteSource, CloseInfo } from './streams.js';

export interface ServerSession {
  readonly carrier: string;
  readonly remoteAddress: string;
  /**
   * The client certificate verified against the listener's clientCa; undefined when the
   * listener asked for none or the carrier cannot tell.
   */
  readonly peerIdentity?: PeerIdentity;
  /** The control stream: the first stream the client opened. */
  readonly control: BidiStream;
  /** Cache streams the client opens after the control stream. */
  readonly cacheStreams: AsyncIterable<BidiStream>;
  /**
   * A stream for one subscription's events. The broker writes event_stream_hello first. On
   * multiplexed carriers this opens a stream; on TLS it waits (up to `timeoutMs`) for the
   * client to attach the connection for this subscription.
   */
  openEventStream(subscriptionId: number, timeoutMs?: number): Promise<ByteSink>;
  /** On carriers with one connection per stream: the token clients attach with (sent in auth_ok). */
  readonly attachToken: string | undefined;
  /**
   * Set when the connection is over a limit (ConnectionGuard.admit refused it): its first frame
   * is to be answered with limit_exceeded and this reason, and the session closed.
   */
  readonly refusal?: string;
  close(info: CloseInfo): void;
  readonly closed: Promise<CloseInfo>;
}

export interface ClientSession {
  readonly carrier: string;
  readonly control: BidiStream;
  openCacheStream(): Promise<BidiStream>;
  /**
   * The event stream of a subscription, from its first byte (event_stream_hello). On TLS the
   * client opens it (attach token needed first); on multiplexed carriers it is the broker's.
   */
  eventStream(subscriptionId: JsonU64, timeoutMs?: number): Promise<ByteSource>;
  /** Gives a one-connection-per-stream carrier the token from auth_ok. */
  setAttachToken(token: string): void;
  /** Whether this carrier needs an attach token (STREAM_ATTACH) to open more streams. */
  readonly needsAttachToken: boolean;
  close(info: CloseInfo): void;
  readonly closed: Promise<CloseInfo>;
}

export interface SessionListener {
  readonly carrier: string;
  readonly port: number;
  readonly sessions: AsyncIterable<ServerSession>;
  /** Stops taking new connections; open sessions go on until closed. */
  stopAccepting(): Promise<void>;
  /** Stops taking connections and ends every open one. */
  close(): Promise<void>;
}
