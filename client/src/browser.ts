// The Felix client SDK for browsers: the same client as in Node, dialling the broker's
// WebTransport listener from the page. Over the WebSocket mapping (the default) the browser
// checks the broker's certificate itself, so it must trust it; native WebTransport (http3: true,
// falling back to the WebSocket mapping where HTTP/3 cannot open) pins certSha256 instead.
import { type ClientSession, clientSessionOver, connectBrowserWebTransport } from '@felix/transport/browser';
import { FelixClient } from './client.js';
import type { Dialer } from './connection/handshake.js';
import { FelixError } from './errors.js';
import type { ConnectOptions } from './options.js';

export * from './exports.js';

/** Opens a WebTransport session from the page (native over HTTP/3, or the WebSocket mapping). */
export const browserDialer: Dialer = async (endpoint, options): Promise<ClientSession> => {
  if (endpoint.carrier !== 'webtransport') {
    throw new FelixError(`a browser reaches the broker only over WebTransport (felix+wt://), not ${endpoint.carrier}`, {
      code: 'not_supported',
      retry: 'fatal',
    });
  }
  if (options.clientCert !== undefined) {
    throw new FelixError('a browser presents the client certificates installed in it; clientCert is for Node', {
      code: 'not_supported',
      retry: 'fatal',
    });
  }
  const connection = await connectBrowserWebTransport({
    host: endpoint.host,
    port: endpoint.port,
    path: endpoint.path,
    certSha256: options.certSha256,
    http3: options.http3,
    // Half the connect deadline, so a native attempt that hangs leaves the fallback time to connect.
    nativeTimeoutMs: options.connectTimeoutMs / 2,
  });
  return clientSessionOver(connection);
};

/**
 * Connects to a broker at `felix+wt://host:port[/path]` (WebTransport, default port 5401),
 * authenticates and negotiates. Rejects with a FelixError when the first connection cannot be
 * made; after that the client reconnects by itself.
 */
export async function connect(
  url: string,
  options: ConnectOptions = {},
  dial: Dialer = browserDialer,
): Promise<FelixClient> {
  const client = new FelixClient(url, options, dial);
  await client.start();
  return client;
}
