// One WebTransport session (a server-side session or the Node client) as a MultiplexedConnection.

import type { BidiStream, ByteSink, ByteSource, CloseInfo, MultiplexedConnection } from '../streams.js';
import { byteSource, type ReceiveSwitch, WebTransportSink } from './byte-streams.js';
import type { WtBidiStream, WtSession } from './library.js';

export type WebTransportProtocol = 'h2' | 'h3';

/** The library's internals reached for the receive switch (see byteSource). */
interface StreamObjects {
  streamObjs?: Set<{ readable?: unknown; objint?: Partial<ReceiveSwitch> }>;
  sessionint?: StreamObjects;
}

/**
 * Finds the library's native object behind `readable`. The library exports no way to pause a
 * stream's reception, so this reaches into its session: server sessions hold their stream
 * objects directly, the Node client one level down. If a library update moves them, streams
 * still work, only without receive backpressure (the backpressure test notices).
 */
function receiveSwitch(session: WtSession, readable: ReadableStream<Uint8Array>): ReceiveSwitch | undefined {
  const holder = session as unknown as StreamObjects;
  const objects = holder.streamObjs ?? holder.sessionint?.streamObjs;
  if (!objects) return undefined;
  for (const object of objects) {
    const native = object.objint;
    if (object.readable === readable && native?.startReading && native.stopReading) {
      return { startReading: () => native.startReading!(), stopReading: () => native.stopReading!() };
    }
  }
  return undefined;
}

async function* drain<T, U>(readable: ReadableStream<T>, map: (value: T) => U): AsyncGenerator<U> {
  const reader = readable.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield map(value);
    }
  } catch {
    // The library errors these streams only when the session fails; `closed` reports why.
  } finally {
    reader.releaseLock();
  }
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
    this.incomingBidi = drain(session.incomingBidirectionalStreams, (s) => this.#wrapBidi(s));
    this.incomingUni = drain(session.incomingUnidirectionalStreams, (r) => this.#source(r));
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
    return new WebTransportSink(await this.#session.createUnidirectionalStream({ waitUntilAvailable: true }));
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
    return { readable: this.#source(stream.readable), writable: new WebTransportSink(stream.writable) };
  }

  #source(readable: ReadableStream<Uint8Array>): ByteSource {
    return byteSource(readable, receiveSwitch(this.#session, readable));
  }

  #assertOpen(): void {
    if (this.#isClosed) throw new Error('WebTransport session is closed');
  }
}
