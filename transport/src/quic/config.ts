// Transport parameters, crypto callbacks and certificate pinning for the QUIC carrier.
import { createHash, createHmac, randomBytes, randomFillSync, timingSafeEqual, X509Certificate } from 'node:crypto';
import type { ClientCryptoOps, QUICClient, QUICConfig, QUICServerCrypto, TLSVerifyCallback } from '@matrixai/quic';
import { native } from '@matrixai/quic';

/**
 * The ALPN this carrier offers when none is configured. Upstream's QUIC offers none, but
 * quiche (under @matrixai/quic) cannot complete a handshake without one, so on this library
 * a peer must offer `felix`: a known difference of the Node host (docs: compatibility).
 */
export const DEFAULT_ALPN = ['felix'];

/** A configuration asked this library for QUIC without ALPN, which it cannot serve. */
export class AlpnRequiredError extends Error {
  constructor() {
    super(
      'QUIC without ALPN is not possible with @matrixai/quic (quiche/BoringSSL refuses the handshake): configure at least one protocol, e.g. felix',
    );
    this.name = 'AlpnRequiredError';
  }
}

/** The ALPN list to serve: `configured`, or DEFAULT_ALPN when unset; an empty list is refused. */
export function serverAlpn(configured: readonly string[] | undefined): string[] {
  if (configured === undefined) return [...DEFAULT_ALPN];
  if (configured.length === 0) throw new AlpnRequiredError();
  return [...configured];
}

/**
 * Flow control and stream limits, the same on both ends (each value limits what the *peer* may
 * send or open, so both directions get the same budget).
 *
 * Memory is bounded by the connection window, not by the per-stream ones: quiche never lets a
 * peer have more unread bytes in flight across all streams than the connection window. So the
 * stream windows can be large enough for one busy stream (the upstream's event firehose) to use
 * much of the connection, while the connection window stays the per-connection memory ceiling.
 * quiche grows both windows on its own when the reader keeps up (to at most 16 MiB per stream
 * and 24 MiB per connection, its built-in caps: this library version does not pass its
 * maxStreamWindow/maxConnectionWindow options through), so these are the starting points that
 * decide how fast a new connection ramps up, and 24 MiB is the real ceiling.
 */
export const QUIC_TUNING = {
  /**
   * 16 MiB: the bandwidth-delay product of ~1.3 Gbit/s at 100 ms or 10 Gbit/s at 13 ms, and
   * room for eight stalled streams' windows before a stall on one starves the others.
   */
  initialMaxData: 16 << 20,
  /**
   * 2 MiB per stream: one stream reaches ~330 Mbit/s at 50 ms RTT before autotuning, and a
   * consumer that stops reading one stream pins at most 1/8 of the connection window.
   */
  initialMaxStreamDataBidiLocal: 2 << 20,
  initialMaxStreamDataBidiRemote: 2 << 20,
  initialMaxStreamDataUni: 2 << 20,
  /**
   * Concurrent streams the peer may open. Bidirectional streams are control + cache streams
   * (a handful per session, 256 leaves room for bursts of cache traffic). Unidirectional ones
   * are event streams, one per subscription, so an upstream link with many subscriptions needs
   * far more. These limits are also what bounds the queues behind incomingBidi/incomingUni
   * (see QuicMultiplexedConnection), and every open peer stream costs a read buffer of
   * readableChunkSize, so they are not unlimited.
   */
  initialMaxStreamsBidi: 256,
  initialMaxStreamsUni: 1024,
  /**
   * Bytes the library copies out of quiche per read. It allocates this buffer up front for
   * every stream that can receive, so it is memory per stream: 16 KiB x 1280 streams is 20 MiB
   * at most per connection. Measured with the carrier probe, 16 KiB and 64 KiB gave the same
   * throughput within noise and the 4 KiB default somewhat less; 16 KiB also matches the
   * loopback packet size (udpPayloadFor).
   */
  readableChunkSize: 16 << 10,
  /**
   * A peer that vanishes without a CONNECTION_CLOSE is noticed after 30 s; keep-alive PINGs
   * every 10 s keep a quiet but healthy connection (a subscriber waiting for rare events)
   * from hitting that timeout.
   */
  maxIdleTimeout: 30_000,
  keepAliveIntervalTime: 10_000,
  /**
   * Advertises that any UDP datagram is welcome; what is actually sent is the smaller of this
   * and the sender's own maxSendUdpPayloadSize (see udpPayloadFor), so this costs nothing and
   * lets a sender on a big-MTU path use it.
   */
  maxRecvUdpPayloadSize: 65527,
} satisfies Partial<QUICConfig>;

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** How many streams of each kind the peer may have open at once (see QUIC_TUNING). */
export interface StreamLimits {
  bidi?: number;
  uni?: number;
}

export function streamLimits(limits: StreamLimits | undefined): { bidi: number; uni: number } {
  return {
    bidi: limits?.bidi ?? QUIC_TUNING.initialMaxStreamsBidi,
    uni: limits?.uni ?? QUIC_TUNING.initialMaxStreamsUni,
  };
}

/**
 * Largest UDP payload to send. Over a network it is the library's 1350 bytes, which fits a
 * 1500-byte MTU with room for IPv6 and tunnel headers (quiche here does no path-MTU discovery,
 * so too large a value would just be dropped or fragmented). On Linux loopback, whose MTU is
 * 64 KiB, 16 KiB packets carry twelve times as much each, and this carrier's cost is almost
 * all per packet (the library's JavaScript around every datagram, ~100 us a side): measured
 * with bench/src/carrier-probe-quic.ts, 1 KiB messages went from ~3 k/s to ~35-45 k/s.
 * Other systems' loopback limits are smaller (macOS caps datagrams at 9 KiB), so only Linux.
 */
export const UDP_PAYLOAD_NETWORK = 1350;
export const UDP_PAYLOAD_LOOPBACK = 16 << 10;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function udpPayloadFor(host: string, override: number | undefined): number {
  if (override !== undefined) return override;
  return process.platform === 'linux' && isLoopback(host) ? UDP_PAYLOAD_LOOPBACK : UDP_PAYLOAD_NETWORK;
}

/**
 * The library logs every stream's creation at INFO to stderr through its own logger (and never
 * warns or errors in this version). A no-op logger keeps the console quiet and avoids creating
 * a child logger per stream; warnings, should a later version emit them, still reach stderr.
 */
type LibraryLogger = NonNullable<Parameters<typeof QUICClient.createQUICClient>[0]['logger']>;
const silentLogger = {
  getChild(): unknown {
    return silentLogger;
  },
  debug(): void {},
  info(): void {},
  warn(message: string): void {
    console.warn(`[quic] ${message}`);
  },
  error(message: string): void {
    console.error(`[quic] ${message}`);
  },
};
export const libraryLogger = silentLogger as unknown as LibraryLogger;

export const clientCryptoOps: ClientCryptoOps = {
  async randomBytes(data: ArrayBuffer): Promise<void> {
    randomFillSync(new Uint8Array(data));
  },
};

/**
 * The server signs retry tokens and derives connection IDs with an HMAC under a key that lives
 * as long as the listener; nothing outside this process ever needs to verify it.
 */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

export function serverCrypto(): QUICServerCrypto {
  const key = randomBytes(32);
  const hmac = (data: ArrayBuffer): Buffer => createHmac('sha256', key).update(new Uint8Array(data)).digest();
  return {
    key: toArrayBuffer(key),
    ops: {
      async sign(_key: ArrayBuffer, data: ArrayBuffer): Promise<ArrayBuffer> {
        return toArrayBuffer(hmac(data));
      },
      async verify(_key: ArrayBuffer, data: ArrayBuffer, sig: ArrayBuffer): Promise<boolean> {
        const expected = hmac(data);
        const given = new Uint8Array(sig);
        return given.byteLength === expected.byteLength && timingSafeEqual(given, expected);
      },
    },
  };
}

/** Parses a SHA-256 fingerprint written as hex, with or without colons or spaces. */
export function parseFingerprint(text: string): Buffer {
  const hex = text.replace(/[:\s]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`certSha256 must be a SHA-256 fingerprint in hex, got "${text}"`);
  return Buffer.from(hex, 'hex');
}

/** The SHA-256 fingerprint of a PEM certificate's first certificate, as colon-separated hex. */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/**
 * Pins the server's leaf certificate: the handshake goes on only if the SHA-256 of the DER
 * certificate the server presented equals the pin. The chain and name are not checked — the
 * pin already names exactly one certificate, which is what a self-signed broker cert needs.
 */
export function pinnedVerifier(fingerprint: Buffer, onMismatch?: (actual: Buffer) => void): TLSVerifyCallback {
  return async (certs) => {
    const leaf = certs[0];
    if (leaf === undefined) return native.CryptoError.CertificateRequired;
    const digest = createHash('sha256').update(leaf).digest();
    if (timingSafeEqual(digest, fingerprint)) return undefined;
    onMismatch?.(digest);
    return native.CryptoError.BadCertificate;
  };
}

/** The dgram socket inside the library's QUICSocket (not in its typings). */
interface SocketInternals {
  socket?: { setRecvBufferSize(size: number): void; setSendBufferSize(size: number): void };
}

/**
 * Kernel socket buffer asked for on each UDP socket. The library sends every packet quiche
 * produces at once (it ignores quiche's pacing hints), so a sender emits bursts of hundreds of
 * datagrams while the receiver's event loop is busy; with Linux's default ~208 KiB receive
 * buffer those bursts overflow it, and every drop costs a loss-recovery round. 4 MiB holds a
 * full flow-control window's worth. The kernel caps this at net.core.rmem_max / wmem_max.
 */
export const UDP_SOCKET_BUFFER = 4 << 20;

export function enlargeSocketBuffers(quicSocket: unknown): void {
  const udp = (quicSocket as SocketInternals | undefined)?.socket;
  if (udp === undefined) return;
  try {
    udp.setRecvBufferSize(UDP_SOCKET_BUFFER);
    udp.setSendBufferSize(UDP_SOCKET_BUFFER);
  } catch {
    // Not allowed or not supported here: the defaults still work, just with more loss.
  }
}
