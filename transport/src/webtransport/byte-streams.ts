// WHATWG stream halves of a WebTransport stream, adapted to the carrier's ByteSink/ByteSource.

import type { ByteSink, ByteSource } from '../streams.js';

/** write() returns false above this many buffered bytes. */
export const HIGH_WATER_MARK = 1 << 20;
/** drained() resolves once buffered bytes fall to this. */
export const LOW_WATER_MARK = 256 << 10;
/** Chunks below this size are copied together into one write; larger ones go by reference. */
const COALESCE_BELOW = 16 << 10;
/** Upper bound of one coalesced write. */
const BATCH_BYTES = 64 << 10;
/**
 * Writes handed to the WHATWG writer at once. The library's sink resolves each write only when
 * its bytes reach the HTTP/2 stream (or the QUIC stream), so a few in flight keep the pipe full
 * while later small chunks pile up in our queue, where they can still be coalesced.
 */
const MAX_IN_FLIGHT = 4;

/** A stream ended by the peer's reset or stop-sending, or by the session closing under it. */
export class WebTransportStreamError extends Error {
  /** The peer's application error code, when the library reports one. */
  readonly code: number | undefined;
  constructor(message: string, code: number | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebTransportStreamError';
    this.code = code;
  }
}

export function toStreamError(error: unknown): Error {
  if (error instanceof WebTransportStreamError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // The library carries the code only inside its messages ("Resetstream with code:7"); a
  // session closing under the stream has a code of its own, which is the connection's to report.
  const match = /(?:Resetstream|StopSending) with code:(\d+)/.exec(message);
  return new WebTransportStreamError(message, match ? Number(match[1]) : undefined, { cause: error });
}

type SinkState = 'open' | 'ending' | 'reset' | 'failed';

export class WebTransportSink implements ByteSink {
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  #state: SinkState = 'open';
  #error: Error | undefined;
  /** Chunks written by the caller and not yet handed to the writer; #head skips sent ones. */
  #queue: Uint8Array[] = [];
  #head = 0;
  #queuedBytes = 0;
  #inFlight = 0;
  #inFlightBytes = 0;
  #pumpScheduled = false;
  #drainWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  #ended: Promise<void> | undefined;

  readonly #onFinished: (() => void) | undefined;
  /**
   * Settles once nothing more can be written: the stream ended, was reset, or the peer stopped
   * reading (STOP_SENDING) or went away. A broker learns this way, without writing, that a
   * subscriber left, as the TLS carrier's event sink tells it by its socket closing.
   */
  readonly closed: Promise<void>;
  #settleClosed!: () => void;

  /** `onFinished` runs once the FIN has been handed to the transport. */
  constructor(writable: WritableStream<Uint8Array>, onFinished?: () => void) {
    this.#writer = writable.getWriter();
    this.#onFinished = onFinished;
    this.closed = new Promise((resolve) => (this.#settleClosed = resolve));
    // An idle stream learns of a stop-sending or a session close only through `closed`.
    this.#writer.closed.then(
      () => this.#settleClosed(),
      (e: unknown) => this.#fail(e),
    );
  }

  get bufferedBytes(): number {
    return this.#queuedBytes + this.#inFlightBytes;
  }

  write(chunk: Uint8Array): boolean {
    if (this.#state !== 'open') throw this.#stateError();
    if (chunk.byteLength > 0) {
      this.#queue.push(chunk);
      this.#queuedBytes += chunk.byteLength;
      // A microtask rather than an immediate send: everything written in the same turn can go
      // out as one write, and the delay is no longer than the writer's own promise hops.
      if (!this.#pumpScheduled) {
        this.#pumpScheduled = true;
        queueMicrotask(() => {
          this.#pumpScheduled = false;
          this.#pump(MAX_IN_FLIGHT);
        });
      }
    }
    return this.bufferedBytes < HIGH_WATER_MARK;
  }

  drained(): Promise<void> {
    if (this.#state === 'failed' || this.#state === 'reset') return Promise.reject(this.#stateError());
    if (this.bufferedBytes <= LOW_WATER_MARK) return Promise.resolve();
    return new Promise((resolve, reject) => this.#drainWaiters.push({ resolve, reject }));
  }

  end(): Promise<void> {
    if (this.#ended) return this.#ended;
    if (this.#state !== 'open') return Promise.reject(this.#stateError());
    this.#state = 'ending';
    // The writer keeps its own queue in order, so the rest can go to it at once, then the FIN.
    this.#pump(Number.POSITIVE_INFINITY);
    this.#ended = this.#writer.close().then(
      () => this.#onFinished?.(),
      (e: unknown) => {
        this.#fail(e);
        throw this.#error;
      },
    );
    return this.#ended;
  }

  reset(code: number): void {
    if (this.#state === 'reset' || this.#state === 'failed') return;
    this.#state = 'reset';
    this.#dropQueue();
    // The library reads the application code from `reason.code` (WebTransport limits it to 0-255).
    const reason = Object.assign(new Error(`stream reset with code ${code}`), { code });
    this.#writer.abort(reason).catch(() => {});
    this.#settleWaiters();
    this.#settleClosed();
  }

  #pump(limit: number): void {
    while (this.#head < this.#queue.length && this.#inFlight < limit) {
      const batch = this.#nextBatch();
      // Read before the write: a browser's writer may detach the buffer, whose length is then 0.
      const size = batch.byteLength;
      this.#queuedBytes -= size;
      this.#inFlight++;
      this.#inFlightBytes += size;
      this.#writer.write(batch).then(
        () => {
          this.#inFlight--;
          this.#inFlightBytes -= size;
          if (this.#state === 'open') this.#pump(MAX_IN_FLIGHT);
          this.#settleWaiters();
        },
        (e: unknown) => this.#fail(e),
      );
    }
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    }
  }

  #nextBatch(): Uint8Array {
    const first = this.#queue[this.#head++]!;
    if (first.byteLength >= COALESCE_BELOW) return first;
    let end = this.#head;
    let total = first.byteLength;
    while (end < this.#queue.length) {
      const next = this.#queue[end]!;
      if (next.byteLength >= COALESCE_BELOW || total + next.byteLength > BATCH_BYTES) break;
      total += next.byteLength;
      end++;
    }
    if (end === this.#head) return first;
    // Always a fresh buffer, never a pooled one reused for the next batch: the writer may keep a
    // reference until the bytes are sent (the library queues chunks and splits them at the flow
    // control window), and a browser's WebTransport writer may transfer (detach) the buffer.
    const batch = new Uint8Array(total);
    batch.set(first, 0);
    let at = first.byteLength;
    for (; this.#head < end; this.#head++) {
      const chunk = this.#queue[this.#head]!;
      batch.set(chunk, at);
      at += chunk.byteLength;
    }
    return batch;
  }

  #fail(error: unknown): void {
    if (this.#state === 'reset' || this.#state === 'failed') return;
    this.#state = 'failed';
    this.#error = toStreamError(error);
    this.#dropQueue();
    this.#settleWaiters();
    this.#settleClosed();
  }

  #dropQueue(): void {
    this.#queue = [];
    this.#head = 0;
    this.#queuedBytes = 0;
    this.#inFlightBytes = 0;
  }

  #settleWaiters(): void {
    if (this.#drainWaiters.length === 0) return;
    if (this.#state === 'failed' || this.#state === 'reset') {
      const error = this.#stateError();
      for (const w of this.#drainWaiters.splice(0)) w.reject(error);
    } else if (this.bufferedBytes <= LOW_WATER_MARK) {
      for (const w of this.#drainWaiters.splice(0)) w.resolve();
    }
  }

  #stateError(): Error {
    switch (this.#state) {
      case 'failed':
        return this.#error!;
      case 'reset':
        return new Error('write after reset');
      default:
        return new Error('write after end');
    }
  }
}

/** The library's per-stream receive switch (its native stream object). */
export interface ReceiveSwitch {
  startReading(): void;
  stopReading(): void;
}

/**
 * Reads a WHATWG readable as a ByteSource: chunks in order, done at the peer's FIN, an error
 * (WebTransportStreamError) at a reset. Leaving the loop early sends STOP_SENDING, so the peer
 * stops writing into a stream nobody reads.
 *
 * With `receive`, the library takes bytes off the wire only while a read is waiting. By itself it
 * moves every arriving byte into the readable's queue and returns the flow-control credit at
 * once, whether or not anyone reads, so a sender never feels backpressure and a stalled reader
 * buffers without bound. Bytes left with the library keep the credit: the peer's window closes
 * and its writes wait, which is what ByteSink.write returning false relies on.
 */
export function byteSource(
  readable: ReadableStream<Uint8Array>,
  receive?: ReceiveSwitch,
  /** Runs once the peer's FIN has been read. */
  onEnd?: () => void,
): ByteSource {
  // Paused from the start: the library began receiving when it created the stream, and nobody
  // reads until the protocol layer first iterates.
  receive?.stopReading();
  const reader = readable.getReader();
  let finished = false;
  // A hand-written iterator rather than a generator: a generator queues return() behind a
  // pending next(), so a reader that leaves while a read waits (a subscriber leaving an idle
  // stream) would never cancel it, and the peer would never learn it left.
  const iterator: AsyncIterableIterator<Uint8Array> = {
    [Symbol.asyncIterator]: () => iterator,
    async next(): Promise<IteratorResult<Uint8Array>> {
      if (finished) return { value: undefined, done: true };
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        // Resuming here as well as in the library's pull: a pull still pending from an earlier
        // partial delivery would otherwise never run again once reading was stopped.
        receive?.startReading();
        result = await reader.read();
      } catch (e) {
        if (finished) return { value: undefined, done: true };
        finished = true;
        throw toStreamError(e);
      }
      if (result.done) {
        if (!finished) {
          finished = true;
          onEnd?.();
        }
        return { value: undefined, done: true };
      }
      receive?.stopReading();
      return { value: result.value, done: false };
    },
    async return(): Promise<IteratorResult<Uint8Array>> {
      if (!finished) {
        finished = true;
        reader.cancel(Object.assign(new Error('reader left'), { code: 0 })).catch(() => {});
      }
      return { value: undefined, done: true };
    },
  };
  return iterator;
}
