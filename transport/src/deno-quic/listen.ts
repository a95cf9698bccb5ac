// The QUIC carrier on Deno, listening side: Deno.QuicEndpoint (quinn + rustls).
import { AsyncQueue } from '../async-queue.js';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS } from '../guard.js';
import { ClientCertificatesUnsupportedError } from '../peer-identity.js';
import type { ListenOptions, MultiplexedConnection, MultiplexedListener } from '../streams.js';
import { DENO_QUIC_TUNING, DenoQuicConnection } from './connection.js';
import { type DenoQuicConn, type DenoQuicEndpoint, type DenoQuicListener, denoQuic } from './deno-api.js';

/**
 * No ALPN: upstream's clients configure none, and rustls completes a QUIC handshake without
 * one when neither side asks for it. rustls refuses (no_application_protocol, 0x178) any
 * mismatch, though, both ways: a listener with no ALPN turns away clients that offer one (the
 * Node carrier's, which offer `felix`), and one with `felix` turns away clients that offer none.
 */
export const DENO_DEFAULT_ALPN: string[] = [];

export interface DenoQuicListenOptions extends ListenOptions {
  /** ALPN protocols the listener selects from; defaults to none (DENO_DEFAULT_ALPN). */
  alpn?: string[];
  /** Accepted connections held for a consumer that is not iterating `connections`. */
  maxPendingConnections?: number;
  /** How long a client may take to finish its handshake; it is dropped after that. */
  handshakeTimeoutMs?: number;
  /** Called for each connection dropped for missing the handshake deadline. */
  onHandshakeTimeout?: () => void;
}

/** Close code (CloseInfo.code) for a connection refused because nobody is accepting connections. */
export const DENO_QUIC_CLOSE_BACKLOG_FULL = 0x2e;

class HandshakeTimeout extends Error {}

/** How long close() waits for connections already closing before it closes them itself. */
const CLOSE_GRACE_MS = 1_500;

class DenoQuicMultiplexedListener implements MultiplexedListener {
  readonly carrier = 'quic';
  readonly port: number;
  readonly connections = new AsyncQueue<MultiplexedConnection>();
  readonly #open = new Set<DenoQuicConnection>();
  #closing: Promise<void> | undefined;

  constructor(
    private readonly endpoint: DenoQuicEndpoint,
    private readonly listener: DenoQuicListener,
    private readonly options: DenoQuicListenOptions,
  ) {
    this.port = endpoint.addr.port;
    void this.#acceptLoop();
  }

  async #acceptLoop(): Promise<void> {
    try {
      for await (const incoming of this.listener) {
        // The listener's own settings (ALPN, stream limits, timeouts) apply to what it accepts.
        void this.#handshake(incoming.accept());
      }
    } catch {
      // The endpoint closed under the loop.
    }
    this.connections.end();
  }

  async #handshake(accepting: Promise<DenoQuicConn>): Promise<void> {
    const timeoutMs = this.options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let conn: DenoQuicConn;
    try {
      conn = await Promise.race([
        accepting,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new HandshakeTimeout()), timeoutMs);
        }),
      ]);
    } catch (err) {
      if (err instanceof HandshakeTimeout) {
        this.options.onHandshakeTimeout?.();
        // Deno offers no way to abort a handshake in progress: one that finishes late is closed.
        accepting.then(
          (late) => late.close({ closeCode: 0, reason: 'handshake timeout' }),
          () => {},
        );
      }
      return;
    } finally {
      clearTimeout(timer);
    }
    if (this.#closing !== undefined) {
      conn.close({ closeCode: 0, reason: 'listener closed' });
      return;
    }
    const wrapped = new DenoQuicConnection(conn);
    if (this.connections.length >= (this.options.maxPendingConnections ?? 128)) {
      wrapped.close({ code: DENO_QUIC_CLOSE_BACKLOG_FULL, reason: 'too many connections waiting to be accepted' });
      return;
    }
    this.#open.add(wrapped);
    void wrapped.closed.then(() => wrapped.closeSent).then(() => this.#open.delete(wrapped));
    this.connections.push(wrapped);
  }

  /**
   * Stops accepting and closes every connection: they all share the endpoint's UDP socket, so
   * the listener cannot outlive them. Connections their owners are already closing (a draining
   * broker flushes each session before it closes it with its own code) get CLOSE_GRACE_MS to
   * do so; closing the endpoint first would replace their close with this one.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.connections.end();
      try {
        this.listener.stop();
      } catch {
        // Already stopped.
      }
      const settled = Promise.all([...this.#open].map((conn) => conn.closed.then(() => conn.closeSent)));
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
      clearTimeout(timer);
      for (const conn of this.#open) conn.close({ code: 0, reason: 'listener closed' });
      this.endpoint.close({ closeCode: 0, reason: 'listener closed' });
    })();
    return this.#closing;
  }
}

export async function listenDenoQuic(options: DenoQuicListenOptions): Promise<MultiplexedListener> {
  if (options.clientCa !== undefined)
    throw new ClientCertificatesUnsupportedError('quic', 'Deno.QuicEndpoint cannot ask for a client certificate');
  const deno = denoQuic();
  const endpoint = new deno.QuicEndpoint({ hostname: options.host, port: options.port });
  const listener = endpoint.listen({
    ...DENO_QUIC_TUNING,
    cert: options.cert,
    key: options.key,
    alpnProtocols: options.alpn ?? DENO_DEFAULT_ALPN,
  });
  return new DenoQuicMultiplexedListener(endpoint, listener, options);
}
