// Reads a new connection's first frame without consuming it for whoever handles the stream
// next: the TLS listener looks at it to tell a session's control stream from an attach.
import type { Socket } from 'node:net';
import {
  decodePayload,
  type FrameLimits,
  FrameReader,
  HEADER_SIZE,
  WireError,
  type WireMessage,
} from '@felix/generated';

/** Accounting for frames being received (the broker's memory budget), as the read loop takes it. */
export type ReceiveAccounting = NonNullable<FrameLimits['receiving']>;

/**
 * Makes the accounting for one connection's first frame; `stalled` is for the accounting to
 * call if that frame arrives too slowly, and closes the connection.
 */
export type FirstFrameAccounting = (stalled: () => void) => ReceiveAccounting;

/** The peer's first frame arrived slower than the accounting allows. */
export class FirstFrameStalledError extends Error {
  constructor() {
    super('the first frame arrived too slowly');
    this.name = 'FirstFrameStalledError';
  }
}

/** The peer sent no whole first frame in time. */
export class FirstFrameTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no first frame within ${timeoutMs} ms`);
    this.name = 'FirstFrameTimeoutError';
  }
}

export interface FirstFrame {
  message: WireMessage | undefined;
  /** Everything read so far, to be replayed at the start of the stream. */
  chunks: Uint8Array[];
  /** What was read after the first frame (the stream's data when the first frame is consumed). */
  rest: Uint8Array[];
}

function after(chunks: Uint8Array[], skip: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const c of chunks) {
    if (skip >= c.length) skip -= c.length;
    else {
      out.push(c.subarray(skip));
      skip = 0;
    }
  }
  return out;
}

/**
 * Resolves with the first frame once it has arrived whole. A frame that does not decode gives
 * `message: undefined` and the bytes, so the control-stream handler reports the error.
 */
export function readFirstFrame(
  socket: Socket,
  maxPayload: number,
  timeoutMs: number,
  accounting?: FirstFrameAccounting,
): Promise<FirstFrame> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const reader = new FrameReader({ maxPayload });
    let finished = false;
    // Told of the first frame from its header on, when it spans reads; ended with it.
    let receiving: ReceiveAccounting | undefined;
    const finish = (result: FirstFrame | Error) => {
      if (finished) return;
      finished = true;
      receiving?.end();
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      reader.push(chunk);
      let raw: ReturnType<FrameReader['next']>;
      try {
        raw = reader.next();
      } catch (err) {
        if (err instanceof WireError) return finish({ message: undefined, chunks, rest: [] });
        throw err;
      }
      if (!raw) return account();
      let message: WireMessage | undefined;
      try {
        message = decodePayload(raw.flags, raw.payload);
      } catch {
        message = undefined;
      }
      finish({ message, chunks, rest: after(chunks, HEADER_SIZE + raw.payload.length) });
    };
    // A frame that must wait for room is not read on: the socket is paused until it has it.
    const account = () => {
      const unfinished = accounting && reader.unfinished;
      if (!unfinished) return;
      if (!receiving) {
        receiving = accounting(() => finish(new FirstFrameStalledError()));
        const admitted = receiving.begin(unfinished.size);
        if (admitted) {
          socket.pause();
          void admitted.then(() => {
            if (finished) return;
            receiving?.reading(unfinished.received);
            socket.resume();
          });
          return;
        }
      }
      receiving.reading(unfinished.received);
    };
    const onClose = () => finish(new Error('connection closed before its first frame'));
    const timer = setTimeout(() => finish(new FirstFrameTimeoutError(timeoutMs)), timeoutMs);
    socket.on('data', onData);
    socket.on('close', onClose);
  });
}
