// The QUIC carrier, connecting side.
import { isIPv4 } from 'node:net';
import { events, QUICClient, type QUICClientConfigInput } from '@matrixai/quic';
import type { ConnectOptions, MultiplexedConnection } from '../streams.js';
import { CertificatePinError, checkClientCertificate } from '../tls/client.js';
import {
  clientCryptoOps,
  DEFAULT_ALPN,
  DEFAULT_CONNECT_TIMEOUT_MS,
  enlargeSocketBuffers,
  libraryLogger,
  parseFingerprint,
  pinnedVerifier,
  QUIC_TUNING,
  type StreamLimits,
  streamLimits,
  udpPayloadFor,
} from './config.js';
import { CLOSE_ERROR_CODE, QuicMultiplexedConnection } from './connection.js';
import { codeToReason, reasonToCode } from './stream.js';

export interface QuicConnectOptions extends ConnectOptions {
  /** ALPN protocols offered; defaults to ['felix']. */
  alpn?: string[];
  /** Gives up on the handshake after this long (default 10 s). */
  connectTimeoutMs?: number;
  /** Largest UDP payload sent; defaults by host (see udpPayloadFor). */
  maxUdpPayloadSize?: number;
  /** Streams the server may have open towards us at once; defaults in QUIC_TUNING. */
  maxIncomingStreams?: StreamLimits;
}

/**
 * How the server is authenticated. A pin wins over a CA when both are given: it names one
 * exact certificate. The library's verify callback runs after BoringSSL's own checks (which it
 * then lets fail, since a pinned self-signed cert fails them) and its answer alone decides.
 */
function verification(options: QuicConnectOptions, onMismatch: (actual: Buffer) => void): QUICClientConfigInput {
  if (options.certSha256 !== undefined) {
    return { verifyPeer: true, verifyCallback: pinnedVerifier(parseFingerprint(options.certSha256), onMismatch) };
  }
  if (options.ca !== undefined) return { verifyPeer: true, ca: options.ca };
  return { verifyPeer: true };
}

const colonHex = (bytes: Buffer) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');

export async function connectQuic(options: QuicConnectOptions): Promise<MultiplexedConnection> {
  checkClientCertificate(options);
  const limits = streamLimits(options.maxIncomingStreams);
  // The library reports a failed verify callback only as "custom TLS verification"; a pin
  // mismatch is named as such, like the TLS carrier does, so callers know retrying is futile.
  let mismatch: Buffer | undefined;
  const creating = QUICClient.createQUICClient(
    {
      host: options.host,
      port: options.port,
      serverName: options.serverName ?? options.host,
      // A dual-stack socket would do, but binding the family of the target avoids depending on
      // IPv4-mapped addresses being enabled.
      localHost: isIPv4(options.host) ? '0.0.0.0' : '::',
      crypto: { ops: clientCryptoOps },
      config: {
        ...QUIC_TUNING,
        initialMaxStreamsBidi: limits.bidi,
        initialMaxStreamsUni: limits.uni,
        ...verification(options, (actual) => {
          mismatch = actual;
        }),
        ...(options.clientCert !== undefined && { cert: options.clientCert, key: options.clientKey }),
        maxSendUdpPayloadSize: udpPayloadFor(options.host, options.maxUdpPayloadSize),
        applicationProtos: options.alpn ?? DEFAULT_ALPN,
      },
      reasonToCode,
      codeToReason,
      logger: libraryLogger,
    },
    { timer: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS },
  );
  const client = await creating.catch((error: unknown) => {
    if (mismatch === undefined) throw error;
    throw new CertificatePinError(options.certSha256!, colonHex(mismatch));
  });
  enlargeSocketBuffers((client as unknown as { socket: unknown }).socket);
  const wrapped = new QuicMultiplexedConnection(
    client.connection,
    (reason) => client.destroy({ isApp: false, errorCode: CLOSE_ERROR_CODE, reason, force: true }),
    limits,
  );
  client.connection.addEventListener(events.EventQUICConnectionStream.name, (evt) => {
    wrapped.accept((evt as events.EventQUICConnectionStream).detail);
  });
  wrapped.adoptExistingStreams();
  return wrapped;
}
