// WebTransport on the Deno host: HTTP/3 through Deno (quinn, Deno.upgradeWebTransport) on the
// UDP port, beside the Node carrier's HTTP/2 listener (and its WebSocket mapping for browsers
// without native WebTransport) on the TCP port of the same number. Under Deno the Node
// library's own HTTP/3 addon does not load, so without this the Deno host would serve HTTP/2 only.
//
// Known gap in Deno 2.9.6: closing a WebTransport send stream does not reach the peer as a FIN
// (Chromium's reader of a stream this server ended waits on; the server does see a browser's
// FIN, though not one from Deno's own WebTransport client). Frames arrive whole either way; what
// is lost is only the end-of-stream signal after them, e.g. after subscription_end.
import { AsyncQueue } from '../async-queue.js';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS } from '../guard.js';
import type { MultiplexedConnection } from '../streams.js';
import { DEFAULT_PATH } from '../webtransport/connect.js';
import { WebTransportConnection } from '../webtransport/connection.js';
import {
  listenWebTransport,
  type WebTransportListener,
  type WebTransportListenOptions,
} from '../webtransport/listener.js';
import { DENO_QUIC_TUNING, formatAddress } from './connection.js';
import { type DenoQuicConn, type DenoQuicEndpoint, type DenoQuicListener, denoQuic } from './deno-api.js';

/** HTTP/3's ALPN, which browsers offer for WebTransport. */
const H3_ALPN = ['h3'];
/** WebTransport session close code for a CONNECT to a path nobody serves (HTTP's 404, as sessions have no status). */
const UNKNOWN_PATH_CLOSE = 404;

class DenoHttp3 {
  readonly sessions = new AsyncQueue<WebTransportConnection>();
  readonly #live = new Set<WebTransportConnection>();
  #closed = false;

  constructor(
    private readonly endpoint: DenoQuicEndpoint,
    private readonly listener: DenoQuicListener,
    private readonly path: string,
    private readonly handshakeTimeoutMs: number,
    private readonly onHandshakeTimeout: () => void,
  ) {
    void this.#acceptLoop();
  }

  async #acceptLoop(): Promise<void> {
    try {
      // Only accept() is called on an incoming connection: in Deno 2.9 reading one of its
      // properties first (remoteAddr) invalidates it, and quinn then refuses the client.
      for await (const incoming of this.listener) void this.#session(incoming.accept());
    } catch {
      // The endpoint closed under the loop.
    }
    this.sessions.end();
  }

  /** The QUIC handshake, HTTP/3 settings and the session's CONNECT, all within the deadline. */
  async #session(accepting: Promise<DenoQuicConn>): Promise<void> {
    let conn: DenoQuicConn | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), this.handshakeTimeoutMs);
    });
    try {
      const accepted = await Promise.race([accepting, expired]);
      if (accepted === 'expired') {
        this.onHandshakeTimeout();
        accepting.then(
          (late) => late.close({ closeCode: 0, reason: 'handshake timeout' }),
          () => {},
        );
        return;
      }
      conn = accepted;
      const remote = formatAddress(conn.remoteAddr);
      const session = await Promise.race([denoQuic().upgradeWebTransport(conn), expired]);
      if (session === 'expired') {
        this.onHandshakeTimeout();
        conn.close({ closeCode: 0, reason: 'handshake timeout' });
        return;
      }
      if (new URL(session.url).pathname !== this.path) {
        session.close({
          closeCode: UNKNOWN_PATH_CLOSE,
          reason: `no WebTransport endpoint at ${new URL(session.url).pathname}`,
        });
        return;
      }
      const connection = new WebTransportConnection(session, remote, 'h3');
      if (this.#closed) {
        connection.close({ code: 0, reason: 'server closing' });
        return;
      }
      this.#live.add(connection);
      void connection.closed.then(() => this.#live.delete(connection));
      this.sessions.push(connection);
    } catch {
      // A failed handshake or HTTP/3 exchange: nothing was served, and quinn has closed it.
      conn?.close({ closeCode: 0, reason: 'webtransport handshake failed' });
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const connection of this.#live) connection.close({ code: 0, reason: 'server closing' });
    try {
      this.listener.stop();
    } catch {
      // Already stopped.
    }
    this.endpoint.close({ closeCode: 0, reason: 'server closing' });
    this.sessions.end();
  }
}

/** Yields from every source as items arrive; ends when all have ended. */
function merge<T>(...sources: AsyncIterable<T>[]): AsyncQueue<T> {
  const out = new AsyncQueue<T>();
  let open = sources.length;
  for (const source of sources)
    void (async () => {
      try {
        for await (const item of source) out.push(item);
      } finally {
        if (--open === 0) out.end();
      }
    })();
  return out;
}

/** Binds HTTP/3 on UDP `port`; undefined when the port is taken there. */
function bindHttp3(options: WebTransportListenOptions, port: number) {
  try {
    const endpoint = new (denoQuic().QuicEndpoint)({ hostname: options.host, port });
    const listener = endpoint.listen({
      ...DENO_QUIC_TUNING,
      cert: options.cert,
      key: options.key,
      alpnProtocols: H3_ALPN,
    });
    return { endpoint, listener };
  } catch {
    return undefined;
  }
}

export async function listenDenoWebTransport(options: WebTransportListenOptions): Promise<WebTransportListener> {
  // Deno's endpoint cannot ask for client certificates; with clientCa, HTTP/2 alone serves.
  const wantHttp3 = (options.http3 ?? 'auto') === 'auto' && options.clientCa === undefined;
  // With port 0 the UDP port chosen to match the TCP one may be taken; a few fresh tries make
  // that a non-issue. A fixed port gets one try: serving HTTP/2 alone beats failing to listen.
  const attempts = wantHttp3 && options.port === 0 ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const h2 = await listenWebTransport({ ...options, http3: 'off' });
    const bound = wantHttp3 ? bindHttp3(options, h2.port) : undefined;
    if (bound === undefined && wantHttp3 && attempt < attempts) {
      await h2.close();
      continue;
    }
    if (bound === undefined) return h2;
    const h3 = new DenoHttp3(
      bound.endpoint,
      bound.listener,
      options.path ?? DEFAULT_PATH,
      options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
      options.onHandshakeTimeout ?? (() => {}),
    );
    const connections = merge<MultiplexedConnection>(h2.connections, h3.sessions);
    return {
      carrier: h2.carrier,
      port: h2.port,
      http3: true,
      connections,
      // Closes what is still open with the servers' own close, as the Node listener does; a
      // draining broker lets its sessions close with their own code before it gets here.
      close: async () => {
        h3.close();
        await h2.close();
      },
    };
  }
}
