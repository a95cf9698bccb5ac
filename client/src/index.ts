// The Felix client SDK for Node. Everything but the dialer below is carrier-agnostic and free of
// Node APIs, so a browser entry point only has to bring its own WebTransport dialer.
import { type ClientSession, clientSessionOver, connectTls, connectWebTransport } from '@felix/transport';
import { FelixClient } from './client.js';
import type { Dialer } from './connection.js';
import type { ConnectOptions } from './options.js';

export type { CacheOptions, Capabilities, ClientEvents, ClientState, PublishOptions, PutOptions } from './client.js';
export { FelixClient } from './client.js';
export type { Dialer } from './connection.js';
export { SDK_FEATURES, SDK_FLAGS } from './connection.js';
export {
  type ClientErrorCode,
  FelixError,
  type FelixErrorCode,
  type FelixErrorInit,
  SubscribeCursorError,
} from './errors.js';
export type { BatchOptions, CarrierKind, ConnectOptions, Endpoint, ReconnectOptions } from './options.js';
export { parseUrl } from './options.js';
export type { Delivery, Gap, StartPosition, SubscribeOptions } from './subscription.js';
export { Subscription } from './subscription.js';
export type { BytesLike } from './util.js';

/** Opens TLS-over-TCP or WebTransport sessions with @felix/transport. */
export const nodeDialer: Dialer = async (endpoint, options): Promise<ClientSession> => {
  const common = {
    host: endpoint.host,
    port: endpoint.port,
    certSha256: options.certSha256,
    ca: options.ca,
    serverName: options.serverName,
  };
  if (endpoint.carrier === 'tls') return connectTls(common);
  return clientSessionOver(await connectWebTransport({ ...common, path: endpoint.path, http3: options.http3 }));
};

/**
 * Connects to a broker at `felix+tls://host:port` (TLS over TCP, default port 5400) or
 * `felix+wt://host:port` (WebTransport, 5401), authenticates and negotiates. Rejects with a
 * FelixError when the first connection cannot be made; after that the client reconnects by itself.
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
