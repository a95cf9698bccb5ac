// One QUIC connection (either side) as a Felix MultiplexedConnection.
import { isIPv6 } from 'node:net';
import { errors, events, native, type QUICConnection, type QUICStream } from '@matrixai/quic';
import { type PeerIdentity, peerIdentityOf } from '../peer-identity.js';
import type { BidiStream, ByteSink, ByteSource, CloseInfo, MultiplexedConnection } from '../streams.js';
import { PushQueue } from './queue.js';
import {
  discardStream,
  QuicConnectionClosedError,
  QuicSink,
  QuicSource,
  QuicStreamCode,
  type StreamOwner,
} from './stream.js';
import { installStreamScheduling } from './stream-scheduling.js';

/** The quiche calls this carrier needs that the library's typings leave out. */
interface NativeError {
  isApp: boolean;
  errorCode: number;
  reason: Uint8Array;
}
interface NativeConnection {
  streamCapacity(streamId: number): number;
  streamPriority(streamId: number, urgency: number, incremental: boolean): void;
  peerStreamsLeftBidi(): number;
  peerStreamsLeftUni(): number;
  isDraining(): boolean;
  isClosed(): boolean;
  peerError(): NativeError | null;
  localError(): NativeError | null;
}
interface LibraryLock {
  isLocked(): boolean;
  waitForUnlock(): PromiseLike<unknown>;
  withF<T>(f: (lock: unknown) => Promise<T>): Promise<T>;
}
interface ConnectionInternals {
  conn: NativeConnection;
  streamMap: Map<number, QUICStream>;
  recvLock?: LibraryLock;
}

/**
 * Serialises the library's per-datagram recv like its own lock does, at a fraction of the cost.
 * The library's lock (@matrixai/async-locks) builds a timeout Error — with a stack trace — plus
 * a timer, abort controllers and cancellable promises for every datagram received; measured,
 * that was half the CPU of a bulk transfer. recv only ever calls withF(), which this keeps:
 * one holder at a time, in arrival order, the result or error passed through.
 */
class RecvLock {
  private tail: Promise<unknown>;
  private holders = 0;

  constructor(previous: LibraryLock) {
    // A recv may be running under the old lock right now; the first new one waits for it.
    this.tail = previous.isLocked() ? Promise.resolve(previous.waitForUnlock()).catch(() => {}) : Promise.resolve();
  }

  isLocked(): boolean {
    return this.holders > 0;
  }

  waitForUnlock(): Promise<void> {
    return this.tail.then(
      () => {},
      () => {},
    );
  }

  withF<T>(f: (lock: unknown) => Promise<T>): Promise<T> {
    this.holders++;
    const run = this.tail.then(() => f(this));
    const release = () => {
      this.holders--;
    };
    this.tail = run.then(release, release);
    return run;
  }
}

function installRecvLock(conn: QUICConnection): void {
  const internals = conn as unknown as ConnectionInternals;
  const lock = internals.recvLock;
  // Only where the library is the shape this was written against; otherwise keep its lock.
  if (lock === undefined || lock instanceof RecvLock || typeof lock.withF !== 'function') return;
  if (typeof lock.isLocked !== 'function' || typeof lock.waitForUnlock !== 'function') return;
  internals.recvLock = new RecvLock(lock);
}

/** How long waits for stream credit or send room re-check if no packet arrives meanwhile. */
const RECHECK_MS = 20;

/**
 * Send room (bytes) that guarantees quiche emits a FIN frame on the next send: more than one
 * full packet at the usual payload size, so neither the congestion window nor packet
 * assembly holds it back.
 */
const FIN_ROOM = 1500;

export interface IncomingLimits {
  bidi: number;
  uni: number;
}

/**
 * How a Felix close travels. quiche (0.18) puts an application CONNECTION_CLOSE only in 1-RTT
 * packets; if the handshake still has data to resend when the close comes (a client closing
 * just after connecting, under load), every packet it builds is a handshake packet without the
 * close, and its send loop never ends — the process hangs. A transport CONNECTION_CLOSE goes
 * in any packet, and RFC 9000 (10.2.3) already turns an application close into one with
 * APPLICATION_ERROR before the handshake is confirmed. So every close is sent that way, with
 * the Felix code and reason in the reason text, and read back from it on the other side.
 */
export const CLOSE_ERROR_CODE = native.ConnectionErrorCode.ApplicationError;
const CLOSE_REASON_PREFIX = 'felix:';
/** Reason bytes kept: a CONNECTION_CLOSE must fit in one packet with room to spare. */
const MAX_CLOSE_REASON_BYTES = 512;

export function encodeClose(info: CloseInfo): Uint8Array {
  const bytes = Buffer.from(`${CLOSE_REASON_PREFIX}${info.code}:${info.reason}`, 'utf8');
  if (bytes.byteLength <= MAX_CLOSE_REASON_BYTES) return bytes;
  // Cut at a character boundary so the far side decodes what is left cleanly.
  let end = MAX_CLOSE_REASON_BYTES;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function describeClose(error: unknown): CloseInfo {
  if (error instanceof errors.ErrorQUICConnectionIdleTimeout) return { code: 0, reason: 'idle timeout' };
  const data = (error as { data?: { isApp?: boolean; errorCode?: number; reason?: Uint8Array } } | undefined)?.data;
  if (data !== undefined && typeof data.errorCode === 'number') {
    const text = data.reason !== undefined ? Buffer.from(data.reason).toString('utf8') : '';
    if (data.isApp) return { code: data.errorCode, reason: text };
    if (data.errorCode === CLOSE_ERROR_CODE) {
      const felix = /^felix:(\d+):([\s\S]*)$/.exec(text);
      if (felix) return { code: Number(felix[1]), reason: felix[2] ?? '' };
    }
    // A transport-level close (TLS failure, protocol violation): the code is QUIC's, not Felix's.
    const hex = data.errorCode.toString(16);
    return { code: data.errorCode, reason: `quic transport error 0x${hex}${text ? `: ${text}` : ''}` };
  }
  return { code: 0, reason: 'connection closed' };
}

export class QuicMultiplexedConnection implements MultiplexedConnection, StreamOwner {
  readonly carrier = 'quic';
  /**
   * Streams the peer opened that nobody has taken yet. QUIC's own stream limits bound these:
   * the peer cannot open more than initialMaxStreams* streams that are still open, and an
   * untaken bidirectional stream stays open (we never finish our side of it). A peer's
   * unidirectional stream can finish while it waits, freeing its slot, so the queue is also
   * capped at the same count and streams beyond it are refused (QuicStreamCode.refused).
   */
  readonly incomingBidi: PushQueue<BidiStream>;
  readonly incomingUni: PushQueue<ByteSource>;
  readonly closed: Promise<CloseInfo>;
  private info: CloseInfo | undefined;
  private resolveClosed!: (info: CloseInfo) => void;
  private readonly raw = new WeakMap<object, QUICStream>();
  private readonly seen = new WeakSet<QUICStream>();
  private activity: Promise<void> | undefined;
  private identity: PeerIdentity | undefined;

  constructor(
    private readonly conn: QUICConnection,
    /** Closes the connection (and, on a client, its socket) with CONNECTION_CLOSE carrying `reason`. */
    private readonly shutdown: (reason: Uint8Array) => Promise<void>,
    limits: IncomingLimits,
    /** Whether the listener verified a client certificate, which peerIdentity then describes. */
    private readonly peerVerified = false,
  ) {
    installRecvLock(conn);
    installStreamScheduling(conn);
    const drop = (item: object) => {
      const stream = this.raw.get(item);
      if (stream !== undefined) discardStream(stream, QuicStreamCode.cancelled, 'stream dropped unread');
    };
    this.incomingBidi = new PushQueue<BidiStream>(limits.bidi, drop);
    this.incomingUni = new PushQueue<ByteSource>(limits.uni, drop);
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    conn.addEventListener(events.EventQUICConnectionError.name, (evt) => {
      this.markClosed(describeClose((evt as events.EventQUICConnectionError).detail));
    });
    // Stopped follows the error event; it only matters if that event was somehow missed.
    conn.addEventListener(
      events.EventQUICConnectionStopped.name,
      () => this.markClosed(describeClose({ data: conn.getConnectionError() })),
      { once: true },
    );
    if (conn.closed) this.markClosed(describeClose({ data: conn.getConnectionError() }));
  }

  /** Read once streams flow: the library holds them back until the handshake has verified the peer. */
  get peerIdentity(): PeerIdentity | undefined {
    if (!this.peerVerified) return undefined;
    const leaf = this.conn.getRemoteCertsChain()[0];
    this.identity ??= leaf && peerIdentityOf(leaf);
    return this.identity;
  }

  get closeInfo(): CloseInfo | undefined {
    if (this.info !== undefined) return this.info;
    // quiche knows of a close as soon as it has parsed the packet carrying it, a moment before
    // the library announces it; streams failing in that moment ask here.
    const native = (this.conn as unknown as ConnectionInternals).conn;
    if (!native.isDraining() && !native.isClosed()) return undefined;
    const error = native.peerError() ?? native.localError();
    return describeClose(error === null ? undefined : { data: error });
  }

  get remoteAddress(): string {
    const host = this.conn.remoteHost;
    return isIPv6(host) ? `[${host}]:${this.conn.remotePort}` : `${host}:${this.conn.remotePort}`;
  }

  /** Takes a stream the peer opened (from a library EventQUICConnectionStream). */
  accept(stream: QUICStream): void {
    if (stream.initiated !== 'peer' || this.seen.has(stream)) return;
    this.seen.add(stream);
    let taken: boolean;
    if (stream.type === 'bidi') {
      const bidi: BidiStream = { readable: new QuicSource(stream, this), writable: new QuicSink(stream, this) };
      this.raw.set(bidi, stream);
      taken = this.incomingBidi.push(bidi);
    } else {
      const source = new QuicSource(stream, this);
      this.raw.set(source, stream);
      taken = this.incomingUni.push(source);
    }
    if (!taken) discardStream(stream, QuicStreamCode.refused, 'too many unaccepted streams');
  }

  /**
   * Picks up peer streams the library created before anyone listened for its stream events
   * (the client's connection exists only once the handshake is over, and so may its first
   * incoming stream).
   */
  adoptExistingStreams(): void {
    for (const stream of (this.conn as unknown as ConnectionInternals).streamMap.values()) this.accept(stream);
  }

  async openBidi(): Promise<BidiStream> {
    const stream = await this.newStream('bidi');
    return { readable: new QuicSource(stream, this), writable: new QuicSink(stream, this) };
  }

  async openUni(): Promise<ByteSink> {
    return new QuicSink(await this.newStream('uni'), this);
  }

  close(info: CloseInfo): void {
    if (this.info !== undefined) return;
    this.markClosed(info);
    this.shutdown(encodeClose(info)).catch(() => {
      // Stopping an already-failing connection can reject; it is closed either way.
    });
  }

  /**
   * Opens a stream once the peer's stream limit allows it. The library would throw at the
   * limit, and after that throw it can never open a stream of that kind again (it has already
   * marked the stream ID used), so the credit is checked first and the wait happens here.
   * A peer returns credit (MAX_STREAMS) as its streams finish; any packet from it may carry
   * that, so each one sent in reply (or the re-check timer) prompts another look.
   */
  private async newStream(type: 'bidi' | 'uni'): Promise<QUICStream> {
    const native = (this.conn as unknown as ConnectionInternals).conn;
    for (;;) {
      const closed = this.closeInfo;
      if (closed !== undefined) throw new QuicConnectionClosedError(closed);
      const left = type === 'bidi' ? native.peerStreamsLeftBidi() : native.peerStreamsLeftUni();
      if (left > 0) return this.conn.newStream(type);
      await this.nextActivity();
    }
  }

  /**
   * Waits until quiche could send a FIN on `streamId` immediately: the stream's send capacity
   * (the smaller of the free congestion window and flow-control credit) has room for a packet.
   * The stream then gets top priority, so that FIN leads the very next packet. Returns at once
   * if the stream or connection is already gone; the close that follows reports that.
   */
  async finWindow(streamId: number): Promise<void> {
    const native = (this.conn as unknown as ConnectionInternals).conn;
    for (;;) {
      if (this.closeInfo !== undefined) return;
      let room: number;
      try {
        room = native.streamCapacity(streamId);
      } catch {
        return;
      }
      if (room >= FIN_ROOM) {
        try {
          native.streamPriority(streamId, 0, false);
        } catch {
          // Priority is only an optimisation here.
        }
        return;
      }
      await this.nextActivity();
    }
  }

  private nextActivity(): Promise<void> {
    this.activity ??= new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.conn.removeEventListener(events.EventQUICConnectionSend.name, done);
        this.activity = undefined;
        resolve();
      };
      const timer = setTimeout(done, RECHECK_MS);
      this.conn.addEventListener(events.EventQUICConnectionSend.name, done);
      void this.closed.then(done);
    });
    return this.activity;
  }

  private markClosed(info: CloseInfo): void {
    if (this.info !== undefined) return;
    this.info = info;
    this.resolveClosed(info);
    // Iteration ends normally; `closed` says why. Streams already queued are still handed
    // out, and their reads throw QuicConnectionClosedError.
    this.incomingBidi.end();
    this.incomingUni.end();
  }
}
