// One WebTransport session (a server-side session or the Node client) as a MultiplexedConnection.

import { incomingStreams } from '../incoming-streams.js';
import type { BidiStream, ByteSink, ByteSource, CloseInfo, MultiplexedConnection } from '../streams.js';
import { byteSource, type ReceiveSwitch, WebTransportSink } from './byte-streams.js';
import type { WtBidiStream, WtSession } from './library.js';

export type WebTransportProtocol = 'h2' | 'h3';

/** The library's native stream object, as far as this carrier touches it. */
interface NativeStream extends Partial<ReceiveSwitch> {
  // HTTP/2 only, below: the stream-count bookkeeping and the parser's table of streams.
  closeOutgoing?(): void;
  outgoingClosed_?: boolean;
  incomingClosed_?: boolean;
  hasPendingData?(): boolean;
  streamid?: bigint;
  capsuleParser?: {
    wtstreams?: Map<bigint, unknown>;
    scheduler?: { Unregister(id: bigint): void };
  };
}

/** The library's internals reached for the native stream objects. */
interface StreamObjects {
  streamObjs?: Set<{ readable?: unknown; writable?: unknown; objint?: NativeStream }>;
  sessionint?: StreamObjects;
}

/**
 * Finds the library's native object behind one half of a stream. The library exports no handle on it, so
 * this reaches into its session: server sessions hold their stream objects directly, the Node
 * client one level down. If a library update moves them, streams still work, but without receive
 * backpressure (see byteSource) and, over HTTP/2, with the 100-stream limit below; the
 * backpressure and stream-count tests notice.
 */
function nativeStream(session: WtSession, half: object): NativeStream | undefined {
  const holder = session as unknown as StreamObjects;
  for (const object of holder.streamObjs ?? holder.sessionint?.streamObjs ?? []) {
    if (object.readable === half || object.writable === half) {
      if (object.objint?.capsuleParser) guardSessionClose(object.objint.capsuleParser);
      return object.objint;
    }
  }
  return undefined;
}

/** HTTP/2's CANCEL error code. */
const NGHTTP2_CANCEL = 0x8;
const guardedParsers = new WeakSet<object>();

/**
 * Over HTTP/2 the library ends a WebTransport session with `stream.close(code)` and then, at
 * once, `stream.destroy()`. With code 0 (NO_ERROR) and bytes still queued on the CONNECT stream
 * (a peer that stopped reading), Node defers the RST_STREAM until the queue drains, and the
 * destroy then drops Node's half of the stream while nghttp2 still holds its pending data: the
 * next frame from the peer sends Node's HTTP/2 session into an endless loop of empty DATA
 * frames that blocks the event loop and takes memory without bound (found by the broker
 * fuzzer; seen in gdb as CopyDataIntoOutgoing with 9 bytes, over and over). A session closed
 * without an error code is therefore reset with CANCEL, which Node sends at once.
 * Patched on the parser class the first time a session's parser is seen, before any session
 * can have queued data on a stream.
 */
function guardSessionClose(parser: object): void {
  const proto = Object.getPrototypeOf(parser) as { closeHttp2Stream?: (code?: number) => void } | null;
  if (!proto || guardedParsers.has(proto) || typeof proto.closeHttp2Stream !== 'function') return;
  guardedParsers.add(proto);
  const original = proto.closeHttp2Stream;
  proto.closeHttp2Stream = function closeHttp2Stream(this: unknown, code?: number) {
    return original.call(this, code ? code : NGHTTP2_CANCEL);
  };
}

function receiveSwitch(native: NativeStream | undefined): ReceiveSwitch | undefined {
  if (!native?.startReading || !native.stopReading) return undefined;
  return { startReading: () => native.startReading!(), stopReading: () => native.stopReading!() };
}

/**
 * Over HTTP/2 the library counts a bidirectional stream as closed, and grants the peer a new
 * one, only when both halves are finished, but it never marks its own FIN as finishing the
 * sending half (only a reset or STOP_SENDING do). Peer-opened bidirectional streams thus never
 * return their credit, and after the initial 100 the peer's next open waits forever. Marking
 * the half once our FIN is out restores the accounting. Unidirectional streams are not affected.
 */
function finishOutgoing(native: NativeStream | undefined): (() => void) | undefined {
  if (!native?.closeOutgoing) return undefined;
  return () => {
    if (!native.outgoingClosed_) native.closeOutgoing!();
    release(native);
  };
}

/**
 * Over HTTP/2 the library keeps every stream a session ever had in its parser's table (about
 * 7 KiB each, measured, until the session ends). Once both halves ended cleanly (FIN each way,
 * nothing left to send) the entry is swapped for a shared tombstone, which lets a long session
 * with a stream per subscription or cache request stay flat.
 * It happens only on these clean paths: a stream still queued in the library's write scheduler
 * must stay in the table, which the scheduler looks streams up in.
 */
function release(native: NativeStream): void {
  const table = native.capsuleParser?.wtstreams;
  if (!table || native.streamid === undefined) return;
  if (!native.incomingClosed_ || !native.outgoingClosed_ || native.hasPendingData?.() !== false) return;
  if (table.get(native.streamid) !== native) return;
  // A capsule can still arrive for the id (a late STREAM or reset from the peer). Without an
  // entry the parser would take it for a new stream: the client throws "got a stream without
  // asking" and the server registers the id twice, both out of a socket callback, ending the
  // process (found by the broker fuzzer). A shared tombstone swallows it for a few bytes.
  table.set(native.streamid, RELEASED);
  // The write scheduler forgets a stream only when a FIN goes out through its own write path;
  // a half closed as above would stay registered for the session's life.
  try {
    native.capsuleParser!.scheduler?.Unregister(native.streamid);
  } catch {
    // already unregistered by the library
  }
}

/** What a released stream leaves in the parser's table: every capsule handler is a no-op. */
const RELEASED = {
  onFin() {},
  recvData() {},
  onStreamSignal() {},
  drainWrites() {},
  hasPendingData: () => false,
  jsobj: { onStreamRecvSignal() {} },
  flowController: { updateSendWindowOffset: () => false },
};

function releaseWhenRead(native: NativeStream | undefined): (() => void) | undefined {
  return native?.capsuleParser ? () => release(native) : undefined;
}

export class WebTransportConnection implements MultiplexedConnection {
  readonly carrier = 'webtransport';
  readonly remoteAddress: string;
  /** The HTTP version under the session. */
  readonly protocol: WebTransportProtocol;
  readonly incomingBidi: AsyncIterable<BidiStream>;
  readonly incomingUni: AsyncIterable<ByteSource>;
  readonly closed: Promise<CloseInfo>;
  readonly #session: WtSession;
  #settle!: (info: CloseInfo) => void;
  #isClosed = false;

  constructor(session: WtSession, remoteAddress: string, protocol: WebTransportProtocol) {
    this.#session = session;
    this.remoteAddress = remoteAddress;
    this.protocol = protocol;
    this.incomingBidi = incomingStreams(session.incomingBidirectionalStreams, (s) => this.#wrapBidi(s));
    this.incomingUni = incomingStreams(session.incomingUnidirectionalStreams, (r) => this.#source(r));
    this.closed = new Promise<CloseInfo>((resolve) => {
      this.#settle = (info) => {
        this.#isClosed = true;
        resolve(info);
      };
    });
    session.closed.then(
      (info) => this.#settle({ code: info?.closeCode ?? 0, reason: info?.reason ?? '' }),
      (error: unknown) => this.#settle({ code: 0, reason: error instanceof Error ? error.message : String(error) }),
    );
  }

  async openBidi(): Promise<BidiStream> {
    this.#assertOpen();
    // Waiting for stream credit instead of failing with QuotaExceededError keeps a burst of
    // opens (many cache streams at once) from failing when the peer is merely slow to grant more.
    return this.#wrapBidi(await this.#session.createBidirectionalStream({ waitUntilAvailable: true }));
  }

  async openUni(): Promise<ByteSink> {
    this.#assertOpen();
    const writable = await this.#session.createUnidirectionalStream({ waitUntilAvailable: true });
    return new WebTransportSink(writable, finishOutgoing(nativeStream(this.#session, writable)));
  }

  close(info: CloseInfo): void {
    if (this.#isClosed) return;
    // The library closes its side by resetting the HTTP/2 stream with the code, and reports that
    // reset (not our reason) as its own close, so this side records what it asked for first.
    this.#settle({ code: info.code, reason: info.reason });
    try {
      this.#session.close({ closeCode: info.code, reason: info.reason });
    } catch {
      // Already failed underneath; `closed` has settled either way.
    }
  }

  #wrapBidi(stream: WtBidiStream): BidiStream {
    const native = nativeStream(this.#session, stream.readable);
    return {
      readable: byteSource(stream.readable, receiveSwitch(native), releaseWhenRead(native)),
      writable: new WebTransportSink(stream.writable, finishOutgoing(native)),
    };
  }

  #source(readable: ReadableStream<Uint8Array>): ByteSource {
    const native = nativeStream(this.#session, readable);
    return byteSource(readable, receiveSwitch(native), releaseWhenRead(native));
  }

  #assertOpen(): void {
    if (this.#isClosed) throw new Error('WebTransport session is closed');
  }
}
