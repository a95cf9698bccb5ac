export { AsyncQueue } from './async-queue.js';
export * from './cert-authority.js';
export * from './certs.js';
export * from './guard.js';
export {
  ControlStreamTimeoutError,
  clientSessionOver,
  serverSessionOver,
  sessionListenerOver,
} from './multiplexed-session.js';
export { ClientCertificatesUnsupportedError, type PeerIdentity, peerIdentityOf } from './peer-identity.js';
export {
  AlpnRequiredError,
  connectQuic,
  listenQuic,
  type QuicConnectOptions,
  type QuicListenOptions,
} from './quic/index.js';
export type { ClientSession, ServerSession, SessionListener } from './session.js';
export type * from './streams.js';
export * from './tls/index.js';
export * from './webtransport/index.js';
