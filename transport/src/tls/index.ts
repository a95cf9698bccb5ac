export { CertificatePinError, connectTls } from './client.js';
export type { FirstFrameAccounting, ReceiveAccounting } from './first-frame.js';
export { listenTls, type TlsListenOptions } from './server.js';
