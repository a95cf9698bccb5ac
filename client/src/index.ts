// The Felix client SDK for Node, and for Deno through its Node compatibility. Everything but the
// dialer below is carrier-agnostic and free of Node APIs (./exports.ts); the browser entry
// (./browser.ts) brings its own WebTransport dialer.
import { type ClientSession, clientSessionOver, connectTls, connectWebTransport } from '@felix/transport';
import { FelixClient } from './client.js';
import type { Dialer } from './connection/handshake.js';
import { dialQuic } from './connection/quic-dialer.js';
import { FelixError } from './errors.js';
import type { ConnectOptions } from './options.js';

export * from './exports.js';

/**
 * Opens TLS-over-TCP, WebTransport or raw QUIC sessions with @felix/transport; raw QUIC with the
 * runtime's own library (Deno.connectQuic on Deno, which verifies against `ca` only).
 */
export const nodeDialer: Dialer = async (endpoint, options): Promise<ClientSession> => {
  const common = {
    host: endpoint.host,
    port: endpoint.port,
    certSha256: options.certSha256,
    ca: options.ca,
    serverName: options.serverName,
    clientCert: options.clientCert,
    clientKey: options.clientKey,
  };
  switch (endpoint.carrier) {
    case 'tls':
      return connectTls(common);
    case 'quic':
      return dialQuic(common, options);
    case 'webtransport':
      // The WebTransport library makes its TLS connection itself and takes no certificate for it.
      if (options.clientCert !== undefined)
        throw new FelixError('a client certificate is presented over felix+tls:// or felix+quic://, not felix+wt://', {
          code: 'not_supported',
          retry: 'fatal',
        });
      return clientSessionOver(await connectWebTransport({ ...common, path: endpoint.path, http3: options.http3 }));
  }
};

/**
 * Connects to a broker at `felix+tls://host:port` (TLS over TCP, default port 5400),
 * `felix+wt://host:port` (WebTransport, 5401) or `felix+quic://host:port` (raw QUIC, 5402),
 * authenticates and negotiates. Rejects with a FelixError when the first connection cannot be
 * made; after that the client reconnects by itself.
 */
export async function connect(
  url: string,
  options: ConnectOptions = {},
  dial: Dialer = nodeDialer,
): Promise<FelixClient> {
  const client = new FelixClient(url, options, dial);
  await client.start();
  return client;
}
