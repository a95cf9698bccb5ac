// The raw QUIC carrier on Deno (Deno.QuicEndpoint / Deno.connectQuic: quinn and rustls), mapped
// onto Felix's MultiplexedConnection. Needs Deno with --unstable-net; importing it elsewhere is
// harmless, and calling it there throws DenoQuicUnavailableError.
export { connectDenoQuic, type DenoQuicConnectOptions, DenoQuicPinUnsupportedError } from './connect.js';
export { DENO_QUIC_TUNING, DenoQuicConnection } from './connection.js';
export { DenoQuicUnavailableError, denoQuic, isDeno } from './deno-api.js';
export {
  DENO_DEFAULT_ALPN,
  DENO_QUIC_CLOSE_BACKLOG_FULL,
  type DenoQuicListenOptions,
  listenDenoQuic,
} from './listen.js';
export { listenDenoWebTransport } from './webtransport-h3.js';
