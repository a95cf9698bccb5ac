// The QUIC carrier on Deno, connecting side: Deno.connectQuic (quinn + rustls).
import { ClientCertificatesUnsupportedError } from '../peer-identity.js';
import type { ConnectOptions, MultiplexedConnection } from '../streams.js';
import { DENO_QUIC_TUNING, DenoQuicConnection } from './connection.js';
import { denoQuic } from './deno-api.js';
import { DENO_DEFAULT_ALPN } from './listen.js';

export interface DenoQuicConnectOptions extends ConnectOptions {
  /** ALPN protocols offered; defaults to none, as upstream's clients offer. */
  alpn?: string[];
  /** Gives up on the handshake after this long (default 10 s). */
  connectTimeoutMs?: number;
}

/** Deno verifies a server only against CA certificates; it has no hook to pin one by its hash. */
export class DenoQuicPinUnsupportedError extends Error {
  constructor() {
    super(
      'Deno.connectQuic cannot pin a certificate by its SHA-256; pass the certificate (PEM) as ca, without certSha256',
    );
    this.name = 'DenoQuicPinUnsupportedError';
  }
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects over QUIC from Deno. The server is verified against `ca`, which may be the broker's
 * self-signed certificate itself (rustls takes it as its own trust anchor).
 */
export async function connectDenoQuic(options: DenoQuicConnectOptions): Promise<MultiplexedConnection> {
  if (options.clientCert !== undefined || options.clientKey !== undefined)
    throw new ClientCertificatesUnsupportedError('quic', 'Deno.connectQuic cannot present a client certificate');
  // Even beside a ca: a pin that is quietly not checked is worse than a refusal.
  if (options.certSha256 !== undefined) throw new DenoQuicPinUnsupportedError();
  const connecting = denoQuic().connectQuic({
    ...DENO_QUIC_TUNING,
    hostname: options.host,
    port: options.port,
    serverName: options.serverName,
    alpnProtocols: options.alpn ?? DENO_DEFAULT_ALPN,
    caCerts: options.ca === undefined ? undefined : [options.ca],
  });
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const conn = await Promise.race([
      connecting,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`quic handshake with ${options.host}:${options.port} took over ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
    return new DenoQuicConnection(conn);
  } catch (err) {
    // A handshake that finishes after we gave up is closed rather than left open.
    connecting.then(
      (late) => late.close({ closeCode: 0, reason: 'connect timeout' }),
      () => {},
    );
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
