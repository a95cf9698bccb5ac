// Accepts WebTransport sessions over HTTP/2 (TCP) and, where the quiche addon is installed,
// HTTP/3 (UDP) on the same port number. The HTTP/2 server also answers the library's WebSocket
// mapping (HTTP/1.1 upgrade or RFC 8441 extended CONNECT), which is what browsers without native
// WebTransport reach through the library's ponyfill.

import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS } from '../guard.js';
import type { ListenOptions, MultiplexedConnection, MultiplexedListener } from '../streams.js';
import { requireClientCertificates } from './client-certificates.js';
import { DEFAULT_PATH } from './connect.js';
import { WebTransportConnection, type WebTransportProtocol } from './connection.js';
import {
  loadWebTransportLibrary,
  type WtLibrary,
  type WtServer,
  type WtServerInit,
  type WtSession,
} from './library.js';

export interface WebTransportListenOptions extends ListenOptions {
  /** Session path; defaults to /felix. */
  path?: string;
  /**
   * 'auto' (the default) adds HTTP/3 when the addon loads and the UDP port binds; 'off' never.
   * With clientCa it is always off: the HTTP/3 server cannot be made to require client certificates.
   */
  http3?: 'auto' | 'off';
  /**
   * How long a TCP connection may take from accept to its first WebTransport session (TLS,
   * HTTP/2 and the session's CONNECT); one that takes longer is cut.
   */
  handshakeTimeoutMs?: number;
  /** Told of each connection cut by that deadline. */
  onHandshakeTimeout?: () => void;
}

interface HandshakeDeadline {
  ms: number;
  expired: () => void;
}

export interface WebTransportListener extends MultiplexedListener {
  /** Whether HTTP/3 is being served next to HTTP/2. */
  readonly http3: boolean;
}

/**
 * The HTTP/2 server's session-level receive window. The library's HTTP/2 server advertises
 * initialSessionFlowControlWindow (16 KiB by default) in its SETTINGS but treats its window as
 * sessionFlowControlWindowSizeLimit (15 MiB), so it never sends a MAX_DATA capsule and every
 * session stalls for good after 16 KiB from client to server. Advertising the window it really
 * assumes removes the mismatch.
 */
const H2_SESSION_WINDOW = 15 << 20;
/** How long a server may take to bind before the attempt counts as failed. */
const BIND_TIMEOUT_MS = 5_000;
/** How long close() lets clients end their HTTP/2 connections before cutting them. */
const CLOSE_GRACE_MS = 1_000;

/** A small unbounded queue read by one async iterator. */
class Inbox<T> implements AsyncIterable<T> {
  #items: T[] = [];
  #waiters: ((r: IteratorResult<T>) => void)[] = [];
  #ended = false;

  push(item: T): void {
    if (this.#ended) return;
    const waiter = this.#waiters.shift();
    if (waiter) waiter({ value: item, done: false });
    else this.#items.push(item);
  }

  end(): void {
    this.#ended = true;
    for (const w of this.#waiters.splice(0)) w({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift()!, done: false });
        if (this.#ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.#waiters.push(resolve));
      },
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Served {
  server: WtServer;
  sessions: ReadableStream<WtSession>;
}

/** Starts `server` and waits until it listens; on failure stops it again. */
async function start(server: WtServer, path: string, what: string): Promise<Served> {
  // The path goes in before the server listens, so no early session meets a 404.
  const sessions = server.sessionStream(path);
  server.startServer();
  try {
    await withTimeout(server.ready, BIND_TIMEOUT_MS, what);
    return { server, sessions };
  } catch (error) {
    try {
      server.stopServer();
    } catch {
      // Never got as far as a socket.
    }
    throw error;
  }
}

class Listener implements WebTransportListener {
  readonly carrier = 'webtransport';
  readonly port: number;
  readonly http3: boolean;
  readonly connections: Inbox<MultiplexedConnection> = new Inbox();
  readonly #servers: WtServer[];
  readonly #live = new Set<WebTransportConnection>();
  readonly #h2Sessions = new Set<{ close(): void; destroy(): void; closed: boolean }>();
  /** Every TCP connection, including those that never became an HTTP/2 session. */
  readonly #sockets = new Set<{ destroy(): void }>();
  /** TCP connections with no session yet, by the peer's "address:port" (as sessions give it). */
  readonly #handshaking = new Map<string, NodeJS.Timeout>();
  readonly #deadline: HandshakeDeadline;
  #closing: Promise<void> | undefined;

  constructor(port: number, h2: Served, h3: Served | undefined, deadline: HandshakeDeadline) {
    this.port = port;
    this.http3 = h3 !== undefined;
    this.#servers = h3 ? [h2.server, h3.server] : [h2.server];
    this.#deadline = deadline;
    this.#trackHttp2Sessions(h2.server);
    void this.#accept(h2.sessions, 'h2');
    if (h3) void this.#accept(h3.sessions, 'h3');
  }

  async #accept(sessions: ReadableStream<WtSession>, protocol: WebTransportProtocol): Promise<void> {
    const reader = sessions.getReader();
    for (;;) {
      let next: ReadableStreamReadResult<WtSession>;
      try {
        next = await reader.read();
      } catch {
        return;
      }
      if (next.done) return;
      const session = next.value;
      session.ready.then(
        () => {
          this.#established(session.peerAddress);
          const connection = new WebTransportConnection(session, session.peerAddress ?? '', protocol);
          if (this.#closing) {
            connection.close({ code: 0, reason: 'server closing' });
            return;
          }
          this.#live.add(connection);
          void connection.closed.then(() => this.#live.delete(connection));
          this.connections.push(connection);
        },
        () => session.closed.catch(() => {}),
      );
    }
  }

  /**
   * The library's stopServer() only stops accepting; Node's HTTP/2 server then waits for every
   * client connection to end. Knowing the connections lets close() finish when a client lingers.
   */
  #trackHttp2Sessions(h2: WtServer): void {
    const inner = (h2 as unknown as { transportInt?: { serverInt?: EventEmitter } }).transportInt?.serverInt;
    inner?.on('session', (session: { close(): void; destroy(): void; closed: boolean; once: EventEmitter['once'] }) => {
      this.#h2Sessions.add(session);
      session.once('close', () => this.#h2Sessions.delete(session));
    });
    // A client that connects and then stalls before its HTTP/2 preface is no session, yet the
    // server's close waits for its socket all the same.
    inner?.on(
      'connection',
      (socket: { destroy(): void; once: EventEmitter['once']; remoteAddress?: string; remotePort?: number }) => {
        this.#sockets.add(socket);
        const key = `${socket.remoteAddress}:${socket.remotePort}`;
        const timer = setTimeout(() => {
          this.#deadline.expired();
          socket.destroy();
        }, this.#deadline.ms);
        this.#handshaking.set(key, timer);
        socket.once('close', () => {
          this.#sockets.delete(socket);
          clearTimeout(timer);
          if (this.#handshaking.get(key) === timer) this.#handshaking.delete(key);
        });
      },
    );
  }

  /** A session is up on the connection from `peerAddress`: its handshake deadline is met. */
  #established(peerAddress: string | undefined): void {
    if (peerAddress === undefined) return;
    const timer = this.#handshaking.get(peerAddress);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#handshaking.delete(peerAddress);
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    for (const connection of this.#live) connection.close({ code: 0, reason: 'server closing' });
    const closed = this.#servers.map((server) => server.closed);
    for (const server of this.#servers) server.stopServer();
    for (const session of this.#h2Sessions) if (!session.closed) session.close();
    try {
      await withTimeout(Promise.all(closed), CLOSE_GRACE_MS, 'webtransport server close');
    } catch {
      for (const session of this.#h2Sessions) session.destroy();
      for (const socket of this.#sockets) socket.destroy();
      // Whatever the library still waits for, the listener is closed: do not hang a shutdown on it.
      await withTimeout(Promise.all(closed), CLOSE_GRACE_MS, 'webtransport server close').catch(() => {});
    }
    this.connections.end();
  }
}

export async function listenWebTransport(options: WebTransportListenOptions): Promise<WebTransportListener> {
  const lib = await loadWebTransportLibrary();
  const path = options.path ?? DEFAULT_PATH;
  const wantHttp3 = (options.http3 ?? 'auto') === 'auto' && lib.http3 && options.clientCa === undefined;
  // With port 0 the UDP port chosen to match the TCP one may be taken; a few fresh tries make
  // that a non-issue. A fixed port gets one try: serving HTTP/2 alone beats failing to listen.
  const attempts = wantHttp3 && options.port === 0 ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const init: WtServerInit = {
      host: options.host,
      port: options.port,
      // Only HTTP/3 uses it (for QUIC's stateless tokens), but the HTTP/2 server insists on one.
      secret: randomBytes(32).toString('hex'),
      cert: options.cert,
      privKey: options.key,
    };
    const h2Init = {
      ...init,
      initialSessionFlowControlWindow: H2_SESSION_WINDOW,
      sessionFlowControlWindowSizeLimit: H2_SESSION_WINDOW,
    };
    const h2Server = new lib.Http2Server(h2Init);
    if (options.clientCa !== undefined)
      await requireClientCertificates(h2Server, { cert: options.cert, key: options.key, ca: options.clientCa });
    const h2 = await start(h2Server, path, 'webtransport HTTP/2 listen');
    const port = h2.server.address()?.port;
    if (port === undefined) throw new Error('webtransport: HTTP/2 server reports no port');
    const h3 = wantHttp3 ? await startHttp3(lib, { ...init, port }, path) : undefined;
    const deadline = {
      ms: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
      expired: options.onHandshakeTimeout ?? (() => {}),
    };
    if (h3 || !wantHttp3 || attempt >= attempts) return new Listener(port, h2, h3, deadline);
    h2.server.stopServer();
    await h2.server.closed;
  }
}

async function startHttp3(lib: WtLibrary, init: WtServerInit, path: string): Promise<Served | undefined> {
  try {
    return await start(new lib.Http3Server(init), path, 'webtransport HTTP/3 listen');
  } catch {
    return undefined;
  }
}
