// Adapters from @matrixai/quic's QUICStream (a WHATWG ReadableStream/WritableStream pair backed
// by quiche) to Felix's ByteSink / ByteSource.
import type { ReadableStreamDefaultReader, WritableStreamDefaultWriter } from 'node:stream/web';
import type { QUICStream } from '@matrixai/quic';
import type { ByteSink, CloseInfo } from '../streams.js';

/**
 * Bytes a sink may hold beyond what quiche has accepted before write() says "wait". 1 MiB keeps
 * a fast writer busy through a whole flow-control round trip on a LAN without letting a stalled
 * peer pin more than that per stream (quiche itself holds at most the peer's window on top).
 */
export const WRITE_HIGH_WATER = 1 << 20;
/** drained() resolves below this, so a writer resumes with a quarter of the budget still queued. */
export const WRITE_LOW_WATER = 256 << 10;

/** Application error codes this carrier itself puts on streams. The protocol owns all others. */
export const QuicStreamCode = {
  /** A reader stopped iterating before the end, or a stream was dropped unread. */
  cancelled: 0,
  /**
   * The stream's connection is closing. The library resets every open stream before it sends
   * CONNECTION_CLOSE, so the peer meets these resets a moment before it learns of the close.
   */
  connectionClosing: 0x2d,
  /** The peer opened more streams than the local consumer was holding room for. */
  refused: 0x2f,
} as const;

/** A stream ended abnormally: reset or stopped by the peer, or cancelled locally. */
export class QuicStreamError extends Error {
  constructor(
    message: string,
    /** The application error code carried by RESET_STREAM / STOP_SENDING. */
    readonly code: number,
  ) {
    super(message);
    this.name = 'QuicStreamError';
  }
}

/** The connection under a stream closed; `info` is the close code and reason when known. */
export class QuicConnectionClosedError extends Error {
  constructor(readonly info: CloseInfo | undefined) {
    super(info ? `quic connection closed (${info.code}: ${info.reason})` : 'quic connection closed');
    this.name = 'QuicConnectionClosedError';
  }
}

/** The library asks how to encode a reason as a wire code, and back; see QUICServer options. */
export function reasonToCode(_type: 'read' | 'write', reason?: unknown): number {
  // Everything this carrier resets or stops carries a QuicStreamError; any other reason is
  // the library tearing streams down because their connection is going away.
  return reason instanceof QuicStreamError ? reason.code : QuicStreamCode.connectionClosing;
}

export function codeToReason(type: 'read' | 'write', code: number): QuicStreamError {
  return new QuicStreamError(
    type === 'read' ? `stream reset by peer (code ${code})` : `peer stopped reading (code ${code})`,
    code,
  );
}

/** What a stream needs from its connection: how to describe a failure caused by its closing. */
export interface StreamOwner {
  /** Undefined while the connection is open; set as soon as either side has closed it. */
  readonly closeInfo: CloseInfo | undefined;
  readonly closed: Promise<CloseInfo>;
  /** Resolves when a FIN written now on `streamId` would be sent at once (see QuicSink.end). */
  finWindow(streamId: number): Promise<void>;
}

/**
 * How long a stream failure caused by a closing connection waits for the close itself (which
 * names the code and reason) before it is reported without them. The close normally follows
 * within a packet; this bounds the wait if that packet is lost.
 */
const CLOSE_GRACE_MS = 1_000;

/** The error a reader or end() throws for `error`. */
async function streamFailure(owner: StreamOwner, error: unknown): Promise<unknown> {
  const fromClose =
    error instanceof QuicStreamError
      ? error.code === QuicStreamCode.connectionClosing
      : // Locally the library errors every stream with its own connection error, or with null.
        error == null || isLibraryConnectionError(error) || owner.closeInfo !== undefined;
  if (!fromClose) return error;
  let info = owner.closeInfo;
  if (info === undefined) {
    const gaveUp = new Promise<undefined>((resolve) => {
      const timer = setTimeout(resolve, CLOSE_GRACE_MS);
      void owner.closed.then(() => clearTimeout(timer));
    });
    info = await Promise.race([owner.closed, gaveUp]);
  }
  return new QuicConnectionClosedError(info);
}

function isLibraryConnectionError(error: unknown): boolean {
  return error instanceof Error && error.name.startsWith('ErrorQUICConnection');
}

/**
 * The library's own abort path, which also wakes a write blocked on flow control. The WHATWG
 * writer.abort() would instead wait for that blocked write to finish, which never happens when
 * the peer has stopped reading — the very case a reset is for.
 */
interface AbortableStream {
  writableAbort(reason?: unknown): void;
}

/**
 * Small writes are gathered into one buffer before they reach the library, up to this size.
 * The library turns every write into a quiche stream send followed by an immediate flush of
 * packets, so 1 KiB writes would each leave as their own 1 KiB packet; per-packet cost is what
 * limits this carrier, and gathering lets quiche fill whole packets instead.
 */
const GATHER_LIMIT = 256 << 10;
/**
 * Chunks at least this large go to the library as they are, never copied into a gathered
 * buffer: they fill packets of their own, and a fanout hands the same frame to every
 * subscriber's stream, so a copy per stream would be a copy per subscriber (measured, 1,024
 * never-reading subscribers churned hundreds of MiB of such copies through the heap).
 */
const SHARED_CHUNK_BYTES = 8 << 10;

export class QuicSink implements ByteSink {
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  /** Bytes written by the caller and not yet accepted by quiche (gathered + in the writer). */
  private buffered = 0;
  /** Chunks not yet handed to the writer, and their size. */
  private gathered: Uint8Array[] = [];
  private gatheredBytes = 0;
  /** Writes handed to the writer and not yet accepted by quiche. */
  private inFlight = 0;
  private flushScheduled = false;
  private drainWaiters: Array<() => void> = [];
  /** end() waiting for the writer to have handed everything to quiche. */
  private settleWaiters: Array<() => void> = [];
  private failure: { error: unknown } | undefined;
  private ending: Promise<void> | undefined;

  constructor(
    private readonly stream: QUICStream,
    private readonly owner: StreamOwner,
  ) {
    this.writer = stream.writable.getWriter();
    // A reset from either side errors the writer even when no write is pending.
    this.writer.closed.catch((error: unknown) => this.fail(error));
  }

  get bufferedBytes(): number {
    return this.buffered;
  }

  /**
   * Queues the chunk without awaiting anything, so writes pipeline. Chunks written in the same
   * tick, or while an earlier write waits for flow control, go to the library together.
   * The chunk belongs to the stream from here on: it may be handed to the WHATWG writer as is,
   * and WHATWG writers may transfer (detach) what they are given, and hold a view of it until
   * quiche has copied it. So a caller must never reuse or change a chunk once written — each
   * write needs a fresh buffer.
   * Once the stream has failed or ended, chunks are dropped and write() returns false; end()
   * then reports the failure.
   */
  write(chunk: Uint8Array): boolean {
    if (this.failure !== undefined || this.ending !== undefined) return false;
    const size = chunk.byteLength;
    if (size > 0) {
      this.buffered += size;
      this.gathered.push(chunk);
      this.gatheredBytes += size;
      if (this.inFlight === 0 && !this.flushScheduled) {
        // Waiting for the end of the tick costs no latency and catches a burst of writes.
        this.flushScheduled = true;
        queueMicrotask(() => {
          this.flushScheduled = false;
          if (this.inFlight === 0) this.flush();
        });
      }
    }
    return this.buffered <= WRITE_HIGH_WATER;
  }

  drained(): Promise<void> {
    if (this.buffered < WRITE_LOW_WATER || this.failure !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /**
   * The library finishes a stream with a zero-length FIN, and the quiche it bundles (0.18)
   * drops such a FIN if the stream is collected before the FIN goes out: when the FIN is
   * queued behind a full congestion window and an ACK then completes the stream's data, the
   * stream counts as complete and the FIN is discarded unsent (cloudflare/quiche#2525); the
   * peer's reader then waits forever. So the FIN is written only once quiche has taken every
   * byte and has room to send right away (finWindow): the library then emits it in the same
   * call, before any ACK can be processed. That room includes the stream's flow-control
   * credit, so when the data written fills the peer's window exactly, end() resolves only once
   * the peer has read some of it.
   */
  end(): Promise<void> {
    this.ending ??= this.finish();
    return this.ending;
  }

  private async finish(): Promise<void> {
    this.flush();
    try {
      while (this.inFlight > 0 && this.failure === undefined) {
        await new Promise<void>((resolve) => this.settleWaiters.push(resolve));
      }
      if (this.failure === undefined) {
        await this.owner.finWindow(this.stream.streamId);
        // close() runs the library's close synchronously (no write is pending), so the FIN
        // is written and flushed before anything else happens on this connection.
        await this.writer.close();
      }
    } catch (error) {
      this.fail(error);
    }
    if (this.failure !== undefined) throw await streamFailure(this.owner, this.failure.error);
  }

  reset(code: number): void {
    if (this.stream.writeClosed) return;
    const reason = new QuicStreamError(`stream reset locally (code ${code})`, code);
    try {
      (this.stream as unknown as AbortableStream).writableAbort(reason);
    } catch {
      // The quiche stream is already gone (its connection closed): nothing left to reset.
    }
    this.fail(reason);
  }

  /** Hands everything gathered to the writer: large chunks as they are, runs of small ones as one buffer of at most GATHER_LIMIT. */
  private flush(): void {
    while (this.gatheredBytes > 0 && this.failure === undefined) {
      let batch: Uint8Array;
      if (this.gathered.length === 1 || (this.gathered[0]?.byteLength ?? 0) >= SHARED_CHUNK_BYTES) {
        // A single or large chunk goes as it is: no copy.
        batch = this.gathered.shift() as Uint8Array;
      } else {
        // The small chunks up to the next large one, gathered into one buffer.
        let size = 0;
        let count = 0;
        for (const chunk of this.gathered) {
          if (chunk.byteLength >= SHARED_CHUNK_BYTES) break;
          if (count > 0 && size + chunk.byteLength > GATHER_LIMIT) break;
          size += chunk.byteLength;
          count++;
        }
        batch = Buffer.allocUnsafe(size);
        let at = 0;
        for (const chunk of this.gathered.splice(0, count)) {
          batch.set(chunk, at);
          at += chunk.byteLength;
        }
      }
      this.gatheredBytes -= batch.byteLength;
      this.send(batch);
    }
  }

  private send(batch: Uint8Array): void {
    const size = batch.byteLength;
    this.inFlight++;
    this.writer.write(batch).then(
      () => this.settle(size),
      (error: unknown) => {
        this.fail(error);
        this.settle(size);
      },
    );
  }

  private settle(size: number): void {
    this.inFlight--;
    this.buffered -= size;
    // What gathered while quiche was busy goes now, as one batch.
    if (this.inFlight === 0) this.flush();
    if (this.buffered < WRITE_LOW_WATER) this.wakeDrainWaiters();
    if (this.inFlight === 0) this.wakeSettleWaiters();
  }

  private fail(error: unknown): void {
    if (this.failure === undefined) this.failure = { error };
    // Nothing gathered will be sent now; it no longer counts as buffered.
    if (this.gatheredBytes > 0) {
      this.buffered -= this.gatheredBytes;
      this.gathered = [];
      this.gatheredBytes = 0;
    }
    // A failed stream will never drain; waking writers lets them notice (write() is false).
    this.wakeDrainWaiters();
    this.wakeSettleWaiters();
  }

  private wakeSettleWaiters(): void {
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const wake of waiters) wake();
  }

  private wakeDrainWaiters(): void {
    if (this.drainWaiters.length === 0) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * The reading half. Chunks come from quiche through the library's readable, which reads ahead
 * at most one chunk, so a consumer that stops reading stops quiche from extending the peer's
 * flow-control window: the peer, not this process, absorbs the backlog.
 */
export class QuicSource implements AsyncIterable<Uint8Array> {
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private finished = false;

  constructor(
    private readonly stream: QUICStream,
    private readonly owner: StreamOwner,
  ) {}

  /**
   * Iterators share one reader, so a consumer may read a first frame with one and the rest
   * with another. Leaving a loop early (return) stops the stream for good: the peer is told
   * with STOP_SENDING.
   */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    this.reader ??= this.stream.readable.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const reader = this.reader;
    const fail = async (error: unknown): Promise<never> => {
      this.finished = true;
      throw await streamFailure(this.owner, error);
    };
    return {
      next: () =>
        reader.read().then((result) => {
          if (result.done) this.finished = true;
          return result as IteratorResult<Uint8Array>;
        }, fail),
      return: async () => {
        if (!this.finished) {
          this.finished = true;
          await reader.cancel(new QuicStreamError('reader stopped', QuicStreamCode.cancelled)).catch(() => {});
        }
        return { value: undefined, done: true };
      },
    };
  }
}

/** Abandons both directions of a stream nobody will use. */
export function discardStream(stream: QUICStream, code: number, why: string): void {
  try {
    stream.cancel(new QuicStreamError(why, code));
  } catch {
    // Already closed underneath: nothing to tell the peer.
  }
}
