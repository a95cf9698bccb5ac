// Client certificates on the WebTransport HTTP/2 server. The library builds its Node http2
// server with a fixed set of options (no requestCert, no ca), so they are put on that server
// after it is made and before it listens, the way its own constructor would have set them.
import type { Server as TlsServer } from 'node:tls';
import { ClientCertificatesUnsupportedError } from '../peer-identity.js';
import type { WtServer } from './library.js';

interface ServerInternals {
  createTransportInt(): Promise<void>;
  transportInt?: { serverInt?: unknown };
}

type ClientCertificateSettings = Pick<TlsServer, 'setSecureContext'> & {
  requestCert: boolean;
  rejectUnauthorized: boolean;
};

function isTlsServer(value: unknown): value is ClientCertificateSettings {
  const server = value as Partial<ClientCertificateSettings> | undefined;
  return typeof server?.setSecureContext === 'function' && typeof server.requestCert === 'boolean';
}

/**
 * Makes the not yet started HTTP/2 `server` require a client certificate chained to `ca` in
 * every handshake. Throws when the library's server is not the Node TLS server this expects:
 * serving without the check is never the fall-back.
 */
export async function requireClientCertificates(
  server: WtServer,
  identity: { cert: string; key: string; ca: string },
): Promise<void> {
  const internals = server as unknown as ServerInternals;
  // Made here rather than by startServer(), so the settings are in place before it listens.
  await internals.createTransportInt();
  const tls = internals.transportInt?.serverInt;
  if (!isTlsServer(tls))
    throw new ClientCertificatesUnsupportedError(
      'webtransport',
      'this version of the WebTransport library offers no way to set them on its server',
    );
  // tls.Server reads both for every connection it accepts (its constructor sets them the same way).
  tls.requestCert = true;
  tls.rejectUnauthorized = true;
  tls.setSecureContext({ cert: identity.cert, key: identity.key, ca: identity.ca });
}
