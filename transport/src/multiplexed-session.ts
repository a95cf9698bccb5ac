// The Felix session on a multiplexed carrier (QUIC, WebTransport): the client's first
// bidirectional stream is the control stream, later ones are cache streams, and the broker
// opens a unidirectional stream per subscription that starts with event_stream_hello.
import { CLOSE_CODES, decodePayload, FrameReader, type JsonU64 } from '@felix/generated';
import { AsyncQueue } from './async-queue.js';
import { type ConnectionGuard, DEFAULT_FIRST_FRAME_TIMEOUT_MS, hostOf, openGuard } from './guard.js';
import type { ClientSession, ServerSession, SessionListener } from './session.js';
import type {
  BidiStream,
  ByteSink,
  ByteSource,
  CloseInfo,
  MultiplexedConnection,
  MultiplexedListener,
} from './streams.js';

/** The peer opened no control stream in time. */
export class ControlStreamTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no control stream within ${timeoutMs} ms`);
    this.name = 'ControlStreamTimeoutError';
  }
}

/**
 * Waits for the client's first bidirectional stream; the session exists from then on.
 * `refusal` marks a connection over a limit (see ServerSession.refusal).
 */
export async function serverSessionOver(
  conn: MultiplexedConnection,
  timeoutMs = DEFAULT_FIRST_FRAME_TIMEOUT_MS,
  refusal?: string,
): Promise<ServerSession> {
  const incoming = conn.incomingBidi[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const first = await Promise.race([
    incoming.next(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ControlStreamTimeoutError(timeoutMs)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  if (first.done) throw new Error('connection closed before its control stream');
  const cacheStreams: AsyncIterable<BidiStream> = { [Symbol.asyncIterator]: () => incoming };
  return {
    carrier: conn.carrier,
    remoteAddress: conn.remoteAddress,
    peerIdentity: conn.peerIdentity,
    control: first.value,
    cacheStreams,
    attachToken: undefined,
    refusal,
    openEventStream: (_subscriptionId: number): Promise<ByteSink> => conn.openUni(),
    close: (info: CloseInfo) => conn.close(info),
    closed: conn.closed,
  };
}

/**
 * Yields `prefix` and then the rest of `source`. A reader that leaves early ends `source` at once,
 * even while a read waits, which on these carriers cancels the stream: that is how a subscriber
 * tells the broker it left.
 */
function prepend(prefix: Uint8Array[], source: AsyncIterator<Uint8Array>): AsyncIterableIterator<Uint8Array> {
  let at = 0;
  const iterator: AsyncIterableIterator<Uint8Array> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => (at < prefix.length ? Promise.resolve({ value: prefix[at++]!, done: false }) : source.next()),
    return: async () => {
      at = prefix.length;
      await source.return?.();
      return { value: undefined, done: true };
    },
  };
  return iterator;
}

class MultiplexedClientSession implements ClientSession {
  readonly needsAttachToken = false;
  private readonly arrived = new Map<JsonU64, ByteSource>();
  private readonly waiting = new Map<JsonU64, (s: ByteSource) => void>();

  constructor(
    private readonly conn: MultiplexedConnection,
    readonly control: BidiStream,
  ) {
    void this.routeEventStreams();
  }

  get carrier(): string {
    return this.conn.carrier;
  }

  get closed(): Promise<CloseInfo> {
    return this.conn.closed;
  }

  private async routeEventStreams(): Promise<void> {
    try {
      for await (const stream of this.conn.incomingUni) void this.route(stream);
    } catch {
      // The connection closed; waiting event streams fail by their own timeouts.
    }
  }

  private async route(stream: ByteSource): Promise<void> {
    try {
      await this.routeOne(stream);
    } catch {
      // Reset, or closed with the session, before a valid hello: there is nothing to route, and
      // the rejection must not escape (this runs detached, so it would be unhandled).
    }
  }

  private async routeOne(stream: ByteSource): Promise<void> {
    const it = stream[Symbol.asyncIterator]();
    const reader = new FrameReader();
    const seen: Uint8Array[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) {
      seen.push(r.value);
      reader.push(r.value);
      const frame = reader.next();
      if (!frame) continue;
      const hello = decodePayload(frame.flags, frame.payload);
      if (hello.type !== 'event_stream_hello') return;
      // Hand over the stream from its first byte, hello included, as the TLS carrier does.
      const source: ByteSource = { [Symbol.asyncIterator]: () => prepend(seen, it) };
      const id = hello.subscription_id;
      const waiter = this.waiting.get(id);
      if (waiter) {
        this.waiting.delete(id);
        waiter(source);
      } else this.arrived.set(id, source);
      return;
    }
  }

  setAttachToken(_token: string): void {
    // Streams on this carrier belong to the connection; no token is needed.
  }

  openCacheStream(): Promise<BidiStream> {
    return this.conn.openBidi();
  }

  eventStream(subscriptionId: JsonU64, timeoutMs = 10_000): Promise<ByteSource> {
    const ready = this.arrived.get(subscriptionId);
    if (ready) {
      this.arrived.delete(subscriptionId);
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(subscriptionId);
        reject(new Error(`subscription ${subscriptionId}: no event stream within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(subscriptionId, (s) => {
        clearTimeout(timer);
        resolve(s);
      });
    });
  }

  close(info: CloseInfo): void {
    this.conn.close(info);
  }
}

/** Opens the control stream; the caller sends auth on it first. */
export async function clientSessionOver(conn: MultiplexedConnection): Promise<ClientSession> {
  return new MultiplexedClientSession(conn, await conn.openBidi());
}

/** Close code for connections that arrive after the listener stopped accepting. */
export const NOT_ACCEPTING_CLOSE_CODE = CLOSE_CODES.draining;

/**
 * Serves Felix sessions from a multiplexed listener's connections: each is admitted by `guard`
 * (counted until it closes) and must open its control stream within its first-frame deadline.
 * The carrier's listener applies the handshake deadline.
 */
export function sessionListenerOver(
  listener: MultiplexedListener,
  guard: ConnectionGuard = openGuard(),
): SessionListener {
  const out = new AsyncQueue<ServerSession>();
  let accepting = true;
  void (async () => {
    for await (const conn of listener.connections) {
      if (!accepting) {
        conn.close({ code: NOT_ACCEPTING_CLOSE_CODE, reason: 'broker is draining' });
        continue;
      }
      const admission = guard.admit(conn.carrier, hostOf(conn.remoteAddress));
      void conn.closed.then(() => admission.release());
      if (admission.cut) {
        conn.close({ code: CLOSE_CODES.limitExceeded, reason: admission.refusal ?? 'over a connection limit' });
        continue;
      }
      serverSessionOver(conn, guard.firstFrameTimeoutMs, admission.refusal).then(
        (s) => out.push(s),
        (err) => {
          if (!(err instanceof ControlStreamTimeoutError))
            return conn.close({ code: CLOSE_CODES.protocolError, reason: 'no control stream' });
          guard.timedOut(conn.carrier, 'first_frame');
          // No stream to write an error on: the close says it.
          conn.close({ code: CLOSE_CODES.unauthenticated, reason: `no auth within ${err.timeoutMs} ms` });
        },
      );
    }
    out.end();
  })();
  return {
    carrier: listener.carrier,
    port: listener.port,
    sessions: out,
    stopAccepting: async () => {
      accepting = false;
      out.end();
    },
    close: async () => {
      accepting = false;
      out.end();
      await listener.close();
    },
  };
}
