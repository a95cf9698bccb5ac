// Reads a new connection's first frame without consuming it for whoever handles the stream
// next: the TLS listener looks at it to tell a session's control stream from an attach.
import type { Socket } from 'node:net';
import { decodePayload, FrameReader, HEADER_SIZE, WireError, type WireMessage } from '@felix/generated';

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
export function readFirstFrame(socket: Socket, maxPayload: number, timeoutMs: number): Promise<FirstFrame> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const reader = new FrameReader({ maxPayload });
    const finish = (result: FirstFrame | Error) => {
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
      if (!raw) return;
      let message: WireMessage | undefined;
      try {
        message = decodePayload(raw.flags, raw.payload);
      } catch {
        message = undefined;
      }
      finish({ message, chunks, rest: after(chunks, HEADER_SIZE + raw.payload.length) });
    };
    const onClose = () => finish(new Error('connection closed before its first frame'));
    const timer = setTimeout(() => finish(new FirstFrameTimeoutError(timeoutMs)), timeoutMs);
    socket.on('data', onData);
    socket.on('close', onClose);
  });
}
