// The TLS-over-TCP carrier, server side. Each TCP connection is one stream. A connection whose
// first frame is stream_attach joins an existing session (as a cache or event stream); any
// other connection starts a new session and is its control stream.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { DEFAULT_MAX_FRAME_PAYLOAD, encodeFrame } from '@felix/generated';
import { AsyncQueue } from '../async-queue.js';
import { type Admission, type ConnectionGuard, normalHost, openGuard } from '../guard.js';
import { type PeerIdentity, peerIdentityOf } from '../peer-identity.js';
import type { ServerSession, SessionListener } from '../session.js';
import type { BidiStream, ByteSink, CloseInfo, ListenOptions } from '../streams.js';
import {
  type FirstFrameAccounting,
  FirstFrameStalledError,
  FirstFrameTimeoutError,
  readFirstFrame,
} from './first-frame.js';
import { flushAndDestroy, socketStream } from './socket-stream.js';

export interface TlsListenOptions extends ListenOptions {
  maxPayload?: number;
  /** Event connections attached before the broker asked for them, kept per session at most. */
  maxEarlyAttaches?: number;
  /**
   * Which connections are served and the deadlines for the TLS handshake and for the first
   * frame; without it every connection is served under the default deadlines.
   */
  guard?: ConnectionGuard;
  /** Accounting for first frames that span reads (they are read here, before any session). */
  receiving?: FirstFrameAccounting;
}

/** How long a refused connection may take to read its answer before it is cut. */
const REFUSAL_GRACE_MS = 1_000;

type EventSink = ByteSink & { readonly closed: Promise<void> };

function socketClosed(socket: Socket): Promise<void> {
  return socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
}

class TlsServerSession implements ServerSession {
  readonly carrier = 'tls';
  readonly attachToken = randomBytes(18).toString('base64url');
  readonly control: BidiStream;
  readonly cacheStreams = new AsyncQueue<BidiStream>();
  readonly closed: Promise<CloseInfo>;
  private readonly sockets = new Set<Socket>();
  private readonly earlyEvents = new Map<number, Socket>();
  private readonly waiting = new Map<number, (socket: Socket) => void>();
  private closeInfo: CloseInfo = { code: 0, reason: 'connection closed' };

  constructor(
    private readonly controlSocket: TLSSocket,
    prefix: Uint8Array[],
    private readonly maxEarlyAttaches: number,
    readonly refusal: string | undefined,
    readonly peerIdentity: PeerIdentity | undefined,
  ) {
    this.control = socketStream(controlSocket, prefix);
    this.track(controlSocket);
    this.closed = socketClosed(controlSocket).then(() => {
      this.shutdown();
      return this.closeInfo;
    });
  }

  get remoteAddress(): string {
    return `${this.controlSocket.remoteAddress}:${this.controlSocket.remotePort}`;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  attachCache(socket: Socket, prefix: Uint8Array[]): void {
    this.track(socket);
    this.cacheStreams.push(socketStream(socket, prefix));
  }

  attachEvent(subscriptionId: number, socket: Socket): void {
    this.track(socket);
    const waiter = this.waiting.get(subscriptionId);
    if (waiter) {
      this.waiting.delete(subscriptionId);
      waiter(socket);
      return;
    }
    if (this.earlyEvents.size >= this.maxEarlyAttaches || this.earlyEvents.has(subscriptionId)) {
      socket.destroy();
      return;
    }
    this.earlyEvents.set(subscriptionId, socket);
    socket.once('close', () => {
      if (this.earlyEvents.get(subscriptionId) === socket) this.earlyEvents.delete(subscriptionId);
    });
  }

  openEventStream(subscriptionId: number, timeoutMs = 10_000): Promise<EventSink> {
    const toSink = (socket: Socket): EventSink => {
      const { writable } = socketStream(socket);
      return Object.assign(writable, { closed: socketClosed(socket) });
    };
    const early = this.earlyEvents.get(subscriptionId);
    if (early) {
      this.earlyEvents.delete(subscriptionId);
      return Promise.resolve(toSink(early));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(subscriptionId);
        reject(new Error(`subscription ${subscriptionId}: no event connection attached within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(subscriptionId, (socket) => {
        clearTimeout(timer);
        resolve(toSink(socket));
      });
    });
  }

  close(info: CloseInfo): void {
    this.closeInfo = info;
    this.shutdown();
  }

  private shutdown(): void {
    this.cacheStreams.end();
    for (const socket of this.sockets) flushAndDestroy(socket);
    this.sockets.clear();
    this.earlyEvents.clear();
  }
}

/** Answers with an error frame and closes; a peer that does not read gets a bounded wait. */
function refuse(socket: Socket, message: string): void {
  socket.end(encodeFrame({ type: 'error', message }));
  setTimeout(() => socket.destroy(), REFUSAL_GRACE_MS).unref();
}

/** The client certificate the handshake verified (a resumed session keeps the one first shown). */
function verifiedPeer(socket: TLSSocket): PeerIdentity | undefined {
  const cert = socket.getPeerX509Certificate();
  return cert && peerIdentityOf(cert.raw);
}

export async function listenTls(options: TlsListenOptions): Promise<SessionListener> {
  const maxPayload = options.maxPayload ?? DEFAULT_MAX_FRAME_PAYLOAD;
  const guard = options.guard ?? openGuard();
  const sessions = new AsyncQueue<TlsServerSession>();
  const byToken = new Map<string, TlsServerSession>();

  const route = async (socket: TLSSocket, refusal: string | undefined) => {
    socket.on('error', () => {
      // Errors surface to whoever owns the stream as a close; nothing to do here.
    });
    let first: Awaited<ReturnType<typeof readFirstFrame>>;
    try {
      first = await readFirstFrame(socket, maxPayload, guard.firstFrameTimeoutMs, options.receiving);
    } catch (err) {
      if (err instanceof FirstFrameStalledError) return refuse(socket, `limit_exceeded: ${err.message}`);
      if (!(err instanceof FirstFrameTimeoutError)) return socket.destroy();
      guard.timedOut('tls', 'first_frame');
      // Most such connections are sessions that never authenticated; attaches say their frame at once.
      return refuse(socket, `no auth within ${guard.firstFrameTimeoutMs} ms`);
    }
    const message = first.message;
    // The session's handler answers a refused control connection in the peer's terms; an
    // attach has no handler yet, so the code leads the message, where clients look for it.
    if (refusal !== undefined && message?.type === 'stream_attach') return refuse(socket, `limit_exceeded: ${refusal}`);
    if (message?.type === 'stream_attach') {
      const session = byToken.get(message.session_token);
      if (!session) return refuse(socket, 'stream_attach: unknown session_token');
      // The token alone would let another certificate's holder into this session.
      const shown = session.peerIdentity && socket.getPeerX509Certificate()?.fingerprint256.toLowerCase();
      if (shown !== session.peerIdentity?.sha256)
        return refuse(socket, "stream_attach: the client certificate differs from the session's");
      if (message.kind === 'cache') return session.attachCache(socket, first.rest);
      if (message.subscription_id === undefined)
        return refuse(socket, 'stream_attach: kind event needs subscription_id');
      // The broker numbers subscriptions from 1; an id only a bigint holds names none of them.
      if (typeof message.subscription_id === 'bigint')
        return refuse(socket, `stream_attach: no subscription ${message.subscription_id}`);
      // The attach frame is consumed; anything after it belongs to no one.
      return session.attachEvent(message.subscription_id, socket);
    }
    let peer: PeerIdentity | undefined;
    try {
      peer = options.clientCa === undefined ? undefined : verifiedPeer(socket);
    } catch {
      // OpenSSL took a certificate the parser cannot read: without its identity, no session.
      socket.destroy();
      return;
    }
    const session = new TlsServerSession(socket, first.chunks, options.maxEarlyAttaches ?? 1024, refusal, peer);
    if (refusal === undefined) {
      byToken.set(session.attachToken, session);
      void session.closed.then(() => byToken.delete(session.attachToken));
    }
    sessions.push(session);
  };

  // Connections between TCP accept and the end of their TLS handshake, by the peer's
  // "address:port": the TLS socket the handshake yields shows the same pair.
  const handshaking = new Map<string, { admission: Admission; deadline: NodeJS.Timeout }>();
  const open = new Set<TLSSocket>();
  const server = createServer(
    {
      cert: options.cert,
      key: options.key,
      minVersion: 'TLSv1.3',
      ALPNProtocols: ['felix'],
      // With a client CA, a peer without a certificate chained to it never completes a handshake.
      ...(options.clientCa !== undefined && { requestCert: true, rejectUnauthorized: true, ca: options.clientCa }),
    },
    (socket) => {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      const key = `${socket.remoteAddress}:${socket.remotePort}`;
      const pending = handshaking.get(key);
      if (!pending) return socket.destroy();
      handshaking.delete(key);
      clearTimeout(pending.deadline);
      void route(socket, pending.admission.refusal);
    },
  );
  server.on('tlsClientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  let accepting = true;
  const stopAccepting = () =>
    new Promise<void>((resolve) => {
      if (!accepting) return resolve();
      accepting = false;
      sessions.end();
      // server.close() calls back only once every connection has ended; do not wait for that.
      server.close();
      resolve();
    });
  // Every TCP connection, also those still in (or stalled in) the TLS handshake: close() must
  // end them, since server.close() waits for each.
  const raw = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    if (!accepting) return socket.destroy();
    raw.add(socket);
    const admission = guard.admit('tls', normalHost(socket.remoteAddress ?? ''));
    const key = `${socket.remoteAddress}:${socket.remotePort}`;
    // Node's own handshakeTimeout restarts with every byte, so a peer trickling its hello
    // would keep the connection; this deadline counts from accept.
    const deadline = setTimeout(() => {
      guard.timedOut('tls', 'handshake');
      socket.destroy();
    }, guard.handshakeTimeoutMs);
    handshaking.set(key, { admission, deadline });
    socket.once('close', () => {
      raw.delete(socket);
      clearTimeout(deadline);
      if (handshaking.get(key)?.deadline === deadline) handshaking.delete(key);
      admission.release();
    });
    if (admission.cut) socket.destroy();
  });
  return {
    carrier: 'tls',
    port,
    sessions,
    stopAccepting,
    close: () =>
      new Promise<void>((resolve) => {
        sessions.end();
        server.close(() => resolve());
        // Closing the listener ends its connections too; sessions still open are torn down.
        // Established ones go through their TLS socket, so their sessions see it close; the
        // raw sockets left are those that never finished a handshake.
        for (const socket of open) flushAndDestroy(socket);
        for (const socket of raw) socket.destroy();
      }),
  };
}
