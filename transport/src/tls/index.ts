export { CertificatePinError, connectTls } from './client.js';
export { listenTls, type TlsListenOptions } from './server.js';
