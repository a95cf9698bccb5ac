// The browser-safe part of @felix/transport: the WHATWG-stream WebTransport connection the Node
// carrier also uses, the client side of the multiplexed session, and a browser dialer. Nothing
// reachable from here imports a Node module, so a browser bundle of it stays clean.

export { clientSessionOver } from './multiplexed-session.js';
export type { ClientSession } from './session.js';
export type * from './streams.js';
export { type BrowserWebTransportOptions, connectBrowserWebTransport } from './webtransport/browser-connect.js';
export { WebTransportStreamError } from './webtransport/byte-streams.js';
export { DEFAULT_PATH, MAX_PINNED_VALIDITY_MS, parseSha256, sessionUrl } from './webtransport/client-init.js';
export { WebTransportConnection, type WebTransportProtocol } from './webtransport/connection.js';
