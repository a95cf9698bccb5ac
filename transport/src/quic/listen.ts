// The QUIC carrier, listening side.
import { events, type QUICConnection, QUICServer } from '@matrixai/quic';
import type { ListenOptions, MultiplexedConnection, MultiplexedListener } from '../streams.js';
import {
  enlargeSocketBuffers,
  libraryLogger,
  QUIC_TUNING,
  type StreamLimits,
  serverAlpn,
  serverCrypto,
  streamLimits,
  udpPayloadFor,
} from './config.js';
import { CLOSE_ERROR_CODE, encodeClose, QuicMultiplexedConnection } from './connection.js';
import { PushQueue } from './queue.js';
import { codeToReason, reasonToCode } from './stream.js';

export interface QuicListenOptions extends ListenOptions {
  /** ALPN protocols offered, in preference order; defaults to ['felix']; [] is refused (see serverAlpn). */
  alpn?: readonly string[];
  /** Accepted connections held for a consumer that is not iterating `connections`. */
  maxPendingConnections?: number;
  /** Largest UDP payload sent; defaults by host (see udpPayloadFor). */
  maxUdpPayloadSize?: number;
  /** Streams each client may have open towards us at once; defaults in QUIC_TUNING. */
  maxIncomingStreams?: StreamLimits;
  /**
   * How long a connection may take from its first (address-validated) Initial packet to a
   * finished handshake; without it only the idle timeout (QUIC_TUNING) ends a stalled one.
   */
  handshakeTimeoutMs?: number;
}

/** Close code (CloseInfo.code) for a connection refused because nobody is accepting connections. */
export const QUIC_CLOSE_BACKLOG_FULL = 0x2e;

interface StreamInternals {
  connection: QUICConnection;
}

class QuicListener implements MultiplexedListener {
  readonly carrier = 'quic';
  readonly connections: PushQueue<MultiplexedConnection>;
  private readonly byConnection = new Map<QUICConnection, QuicMultiplexedConnection>();
  private closing: Promise<void> | undefined;

  /** Kept: the library's getter throws once the server has stopped. */
  readonly port: number;

  constructor(
    private readonly server: QUICServer,
    maxPending: number,
    private readonly limits: { bidi: number; uni: number },
    private readonly verifiesPeers: boolean,
  ) {
    this.port = server.port;
    this.connections = new PushQueue<MultiplexedConnection>(maxPending, (conn) =>
      conn.close({ code: 0, reason: 'listener closed' }),
    );
    server.addEventListener(events.EventQUICServerConnection.name, (evt) => {
      const conn = (evt as events.EventQUICServerConnection).detail;
      const wrapped = this.wrap(conn);
      if (!this.connections.push(wrapped)) {
        wrapped.close({ code: QUIC_CLOSE_BACKLOG_FULL, reason: 'too many connections waiting to be accepted' });
      }
    });
    // The server re-dispatches every connection's events. Listening here rather than on each
    // connection catches streams the library creates while the handshake completes, which is
    // before the connection itself is announced.
    server.addEventListener(events.EventQUICConnectionStream.name, (evt) => {
      const stream = (evt as events.EventQUICConnectionStream).detail;
      this.wrap((stream as unknown as StreamInternals).connection).accept(stream);
    });
  }

  private wrap(conn: QUICConnection): QuicMultiplexedConnection {
    let wrapped = this.byConnection.get(conn);
    if (wrapped === undefined) {
      wrapped = new QuicMultiplexedConnection(
        conn,
        (reason) => conn.stop({ isApp: false, errorCode: CLOSE_ERROR_CODE, reason, force: true }),
        this.limits,
        this.verifiesPeers,
      );
      this.byConnection.set(conn, wrapped);
      void wrapped.closed.then(() => this.byConnection.delete(conn));
    }
    return wrapped;
  }

  /**
   * Stops accepting and closes every connection: all of them share the listener's UDP socket,
   * so unlike a TCP listener this one cannot outlive its connections.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.connections.end();
      await this.server.stop({
        isApp: false,
        errorCode: CLOSE_ERROR_CODE,
        reason: encodeClose({ code: 0, reason: 'listener closed' }),
        force: true,
      });
    })();
    return this.closing;
  }
}

export async function listenQuic(options: QuicListenOptions): Promise<MultiplexedListener> {
  const limits = streamLimits(options.maxIncomingStreams);
  const server = new QUICServer({
    crypto: serverCrypto(),
    config: {
      ...QUIC_TUNING,
      initialMaxStreamsBidi: limits.bidi,
      initialMaxStreamsUni: limits.uni,
      key: options.key,
      cert: options.cert,
      // BoringSSL then requires a client certificate chained to clientCa before any stream flows.
      ...(options.clientCa === undefined ? { verifyPeer: false } : { verifyPeer: true, ca: options.clientCa }),
      maxSendUdpPayloadSize: udpPayloadFor(options.host, options.maxUdpPayloadSize),
      applicationProtos: serverAlpn(options.alpn),
    },
    reasonToCode,
    codeToReason,
    // The library's name for the deadline on starting a connection, that is, its handshake.
    minIdleTimeout: options.handshakeTimeoutMs,
    logger: libraryLogger,
  });
  await server.start({ host: options.host, port: options.port });
  enlargeSocketBuffers((server as unknown as { socket: unknown }).socket);
  return new QuicListener(server, options.maxPendingConnections ?? 128, limits, options.clientCa !== undefined);
}
