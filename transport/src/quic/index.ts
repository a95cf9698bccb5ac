// The raw QUIC carrier (@matrixai/quic, on Cloudflare's quiche): one QUIC connection, many
// streams, mapped onto Felix's MultiplexedConnection.
export {
  AlpnRequiredError,
  certificateFingerprint,
  DEFAULT_ALPN,
  QUIC_TUNING,
  type StreamLimits,
  serverAlpn,
} from './config.js';
export { connectQuic, type QuicConnectOptions } from './connect.js';
export { QuicMultiplexedConnection } from './connection.js';
export { listenQuic, QUIC_CLOSE_BACKLOG_FULL, type QuicListenOptions } from './listen.js';
export {
  QuicConnectionClosedError,
  QuicStreamCode,
  QuicStreamError,
  WRITE_HIGH_WATER,
  WRITE_LOW_WATER,
} from './stream.js';
