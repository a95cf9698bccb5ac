import type { ConnectOptions } from '../streams.js';
import { DEFAULT_PATH, sessionUrl } from './client-init.js';
import { WebTransportConnection } from './connection.js';
import { HTTP3_ADDON, loadWebTransportLibrary, type WtClientInit } from './library.js';
import { resolvePins } from './pins.js';

export { DEFAULT_PATH };

export interface WebTransportConnectOptions extends ConnectOptions {
  /** The server's session path; defaults to /felix. */
  path?: string;
  /**
   * HTTP/3 (needs the quiche addon; no fall-back to HTTP/2 when it fails) instead of HTTP/2.
   * Defaults to false: a Node peer that wants the lowest latency uses the TLS carrier anyway.
   */
  http3?: boolean;
}

export async function connectWebTransport(options: WebTransportConnectOptions): Promise<WebTransportConnection> {
  // The library's Node client builds its own TLS connection and takes no certificate for it.
  if (options.clientCert !== undefined)
    throw new TypeError(
      'webtransport: this client cannot present a client certificate; use felix+tls:// or felix+quic://',
    );
  const lib = await loadWebTransportLibrary();
  const http3 = options.http3 ?? false;
  if (http3 && !lib.http3) throw new Error(`webtransport: HTTP/3 needs ${HTTP3_ADDON}, which is not installed`);
  const pins = await resolvePins(options);
  const url = sessionUrl(options.host, options.port, options.path);
  const init: WtClientInit = http3 ? { requireUnreliable: true } : { forceReliable: true };
  if (pins) init.serverCertificateHashes = pins.map((value) => ({ algorithm: 'sha-256', value }));
  const session = new lib.WebTransport(url, init);
  try {
    await session.ready;
  } catch (error) {
    // `closed` rejects together with `ready`; nobody else will look at it.
    session.closed.catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`webtransport: could not open a session at ${url}: ${reason}`, { cause: error });
  }
  return new WebTransportConnection(session, `${options.host}:${options.port}`, http3 ? 'h3' : 'h2');
}
