export { AsyncQueue } from './async-queue.js';
export * from './certs.js';
export type { ClientSession, ServerSession, SessionListener } from './session.js';
export type * from './streams.js';
export * from './tls/index.js';
export { clientSessionOver, serverSessionOver, sessionsOver } from './multiplexed-session.js';
