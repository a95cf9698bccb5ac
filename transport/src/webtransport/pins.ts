// Turns ConnectOptions' trust settings into what the library's client can check. It checks a
// server in only two ways: against SHA-256 certificate hashes (the WebTransport
// serverCertificateHashes rule, which also demands a validity of at most 14 days) or against
// Node's built-in roots for the URL's host. It takes no CA and no separate TLS server name.

import { isIP } from 'node:net';
import { checkServerIdentity, connect as tlsConnect } from 'node:tls';
import type { ConnectOptions } from '../streams.js';
import { MAX_PINNED_VALIDITY_MS, parseSha256 } from './client-init.js';

/**
 * The hashes to pin, or undefined to rely on Node's roots. With `ca`, a TLS handshake first
 * checks the server's chain against that CA and its name, and the certificate found is then
 * pinned, so the WebTransport session can only reach the very certificate that passed.
 */
export async function resolvePins(options: ConnectOptions): Promise<Uint8Array[] | undefined> {
  if (options.certSha256) return [parseSha256(options.certSha256)];
  if (options.ca) return [await verifyWithCa(options.host, options.port, options.ca, options.serverName)];
  if (options.serverName && options.serverName !== options.host) {
    throw new Error(
      'webtransport: serverName differing from host needs certSha256 or ca (the library checks the host)',
    );
  }
  return undefined;
}

function verifyWithCa(host: string, port: number, ca: string, serverName = host): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host,
      port,
      ca,
      ALPNProtocols: ['h2'],
      ...(isIP(serverName) ? {} : { servername: serverName }),
      checkServerIdentity: (_host, cert) => checkServerIdentity(serverName, cert),
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('TLS handshake timed out')));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      const validity = new Date(cert.valid_to).getTime() - new Date(cert.valid_from).getTime();
      if (validity > MAX_PINNED_VALIDITY_MS) {
        reject(
          new Error(
            'webtransport: the server certificate verifies against ca, but the library can pin only ' +
              'certificates valid for at most 14 days; omit ca to use the system roots instead',
          ),
        );
        return;
      }
      resolve(parseSha256(cert.fingerprint256));
    });
  });
}
