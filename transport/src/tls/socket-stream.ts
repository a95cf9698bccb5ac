// A TLS (or plain TCP) socket as a Felix BidiStream. Reads are pushed into a small queue and
// the socket is paused while the consumer lags, so TCP flow control — not memory — absorbs a
// slow reader. Writes go to the socket, which copies nothing and keeps its own queue; the writes
// of one turn go out together (corked until the turn ends), so the acknowledgements a group
// commit releases at once, or the events of one fanout, cost one TLS record and one system call
// instead of one each.
import type { Socket } from 'node:net';
import { AsyncQueue } from '../async-queue.js';
import type { BidiStream, ByteSink, ByteSource } from '../streams.js';

/** Chunks a reader may fall behind by before the socket is paused. */
const READ_QUEUE_CHUNKS = 16;
/** Bytes queued in the socket before write() asks the caller to wait for drain. */
export const WRITE_HIGH_WATER = 1 << 20;

class SocketSink implements ByteSink {
  private corked = false;
  private readonly uncork = () => {
    this.corked = false;
    this.socket.uncork();
  };

  constructor(private readonly socket: Socket) {}

  get bufferedBytes(): number {
    return this.socket.writableLength;
  }

  write(chunk: Uint8Array): boolean {
    if (this.socket.destroyed || this.socket.writableEnded) return false;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      // After every promise continuation of this turn, which may write more.
      process.nextTick(this.uncork);
    }
    this.socket.write(chunk);
    return this.socket.writableLength < WRITE_HIGH_WATER;
  }

  drained(): Promise<void> {
    if (this.socket.writableLength < WRITE_HIGH_WATER || this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  end(): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
    });
  }

  reset(_code: number): void {
    // TCP has no per-stream error code; the protocol sends an error frame before resetting.
    // Only a plain TCP socket can send an RST: a TLS socket's handle refuses it and is destroyed.
    try {
      this.socket.resetAndDestroy();
    } catch {
      this.socket.destroy();
    }
  }
}

/**
 * Destroys a socket after handing what its sink holds corked (this turn's writes) to the
 * system, so closing a session right after its last write still sends that write.
 */
export function flushAndDestroy(socket: Socket): void {
  while (socket.writableCorked > 0) socket.uncork();
  socket.destroy();
}

export class SocketSource implements AsyncIterable<Uint8Array> {
  private readonly queue = new AsyncQueue<Uint8Array>();

  constructor(
    private readonly socket: Socket,
    /** Bytes already read off the socket (while routing it) that belong at the stream's start. */
    prefix: Uint8Array[] = [],
  ) {
    for (const chunk of prefix) this.queue.push(chunk);
    socket.on('data', (chunk: Buffer) => {
      this.queue.push(chunk);
      if (this.queue.length >= READ_QUEUE_CHUNKS) socket.pause();
    });
    socket.on('end', () => this.queue.end());
    socket.on('close', (hadError) => this.queue.end(hadError ? new Error('connection reset') : undefined));
    socket.on('error', (err) => this.queue.end(err));
    // A router may have paused the socket while it read the first frame.
    socket.resume();
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const it = this.queue[Symbol.asyncIterator]();
    return {
      next: () => {
        if (this.queue.length < READ_QUEUE_CHUNKS / 2 && this.socket.isPaused()) this.socket.resume();
        return it.next();
      },
      return: () => {
        // Leaving a read loop stops reading only; the write side may still have to answer
        // (an error explaining why reading stopped). Owners close the stream to end both.
        this.socket.pause();
        return it.return!();
      },
    };
  }
}

export function socketStream(socket: Socket, prefix: Uint8Array[] = []): BidiStream {
  socket.setNoDelay(true);
  const readable: ByteSource = new SocketSource(socket, prefix);
  return { readable, writable: new SocketSink(socket) };
}
