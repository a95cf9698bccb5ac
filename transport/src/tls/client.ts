// The TLS-over-TCP carrier, client side: the first connection is the control stream; cache and
// event streams are further connections that present the session's attach token. Later
// connections resume the first one's TLS session, so they skip the full handshake.
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { encodeFrame, type JsonU64 } from '@felix/generated';
import type { ClientSession } from '../session.js';
import type { BidiStream, ByteSource, CloseInfo, ConnectOptions } from '../streams.js';
import { flushAndDestroy, socketStream } from './socket-stream.js';

export class CertificatePinError extends Error {
  constructor(expected: string, actual: string) {
    super(`server certificate SHA-256 ${actual} does not match the pinned ${expected}`);
    this.name = 'CertificatePinError';
  }
}

/** A client certificate comes with its key, or neither is given. */
export function checkClientCertificate(options: Pick<ConnectOptions, 'clientCert' | 'clientKey'>): void {
  if ((options.clientCert === undefined) !== (options.clientKey === undefined))
    throw new TypeError('clientCert and clientKey must be given together');
}

const normalizeFingerprint = (fp: string) => fp.replace(/:/g, '').toLowerCase();

function open(options: ConnectOptions, session?: Buffer): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const pinned = options.certSha256 ? normalizeFingerprint(options.certSha256) : undefined;
    const socket = tlsConnect({
      host: options.host,
      port: options.port,
      servername: options.serverName ?? (/^[\d.:]+$/.test(options.host) ? undefined : options.host),
      ca: options.ca,
      cert: options.clientCert,
      key: options.clientKey,
      // A pinned fingerprint replaces chain validation: self-signed brokers are the default.
      rejectUnauthorized: !pinned,
      minVersion: 'TLSv1.3',
      ALPNProtocols: ['felix'],
      session,
    });
    socket.setNoDelay(true);
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      // A resumed session shows no certificate; its ticket came from a connection that was pinned.
      if (pinned && !socket.isSessionReused()) {
        const actual = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
        if (actual !== pinned) {
          socket.destroy();
          reject(new CertificatePinError(pinned, actual));
          return;
        }
      }
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

class TlsClientSession implements ClientSession {
  readonly carrier = 'tls';
  readonly needsAttachToken = true;
  readonly control: BidiStream;
  readonly closed: Promise<CloseInfo>;
  private token: string | undefined;
  private tlsSession: Buffer | undefined;
  private readonly sockets = new Set<TLSSocket>();
  private closeInfo: CloseInfo = { code: 0, reason: 'connection closed' };

  constructor(
    private readonly options: ConnectOptions,
    controlSocket: TLSSocket,
  ) {
    this.control = socketStream(controlSocket);
    this.track(controlSocket);
    this.closed = new Promise((resolve) =>
      controlSocket.once('close', () => {
        this.shutdown();
        resolve(this.closeInfo);
      }),
    );
  }

  private track(socket: TLSSocket): void {
    this.sockets.add(socket);
    socket.on('session', (s: Buffer) => {
      this.tlsSession = s;
    });
    socket.once('close', () => this.sockets.delete(socket));
  }

  setAttachToken(token: string): void {
    this.token = token;
  }

  private async attach(kind: 'cache' | 'event', subscriptionId?: JsonU64): Promise<TLSSocket> {
    if (!this.token)
      throw new Error('this carrier needs the session_token from auth_ok before it can open more streams');
    const socket = await open(this.options, this.tlsSession);
    this.track(socket);
    socket.write(
      encodeFrame({ type: 'stream_attach', session_token: this.token, kind, subscription_id: subscriptionId }),
    );
    return socket;
  }

  async openCacheStream(): Promise<BidiStream> {
    return socketStream(await this.attach('cache'));
  }

  async eventStream(subscriptionId: JsonU64): Promise<ByteSource> {
    return socketStream(await this.attach('event', subscriptionId)).readable;
  }

  close(info: CloseInfo): void {
    this.closeInfo = info;
    this.shutdown();
  }

  private shutdown(): void {
    for (const socket of this.sockets) flushAndDestroy(socket);
    this.sockets.clear();
  }
}

export async function connectTls(options: ConnectOptions): Promise<ClientSession> {
  checkClientCertificate(options);
  return new TlsClientSession(options, await open(options));
}
