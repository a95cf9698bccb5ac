// The WebTransport carrier: sessions over HTTP/2 everywhere, HTTP/3 where the quiche addon is
// installed, and the library's WebSocket mapping for browsers without native WebTransport.

export { WebTransportStreamError } from './byte-streams.js';
export { MAX_PINNED_VALIDITY_MS } from './client-init.js';
export { connectWebTransport, DEFAULT_PATH, type WebTransportConnectOptions } from './connect.js';
export { WebTransportConnection, type WebTransportProtocol } from './connection.js';
export { HTTP3_ADDON, loadWebTransportLibrary } from './library.js';
export { listenWebTransport, type WebTransportListener, type WebTransportListenOptions } from './listener.js';
