// The one frame read loop: bytes in as they arrive, decoded frames out. Every reader of a Felix
// stream (broker sessions, client streams, test kits, fuzzers) goes through it, so header checks,
// the payload limit and the rule "a bad payload costs one frame, a bad header the stream" hold
// the same everywhere.
import { FrameReader } from './frame-reader.js';
import { HEADER_SIZE } from './generated/protocol.js';
import { WireError } from './wire-error.js';

export interface FrameLimits {
  /** Largest payload accepted; a larger declared length ends the stream with frame_too_large. */
  maxPayload?: number;
}

/** One frame read off a stream: its message, or why its payload could not be decoded. */
export type Incoming<M> =
  | { message: M; error?: undefined; size: number }
  | { message?: undefined; error: WireError; size: number };

/** readFrames over any payload decoder (the generated package binds its own). */
export async function* readFramesWith<M>(
  decodePayload: (flags: number, payload: Uint8Array) => M,
  source: AsyncIterable<Uint8Array>,
  limits: FrameLimits = {},
): AsyncGenerator<Incoming<M>[]> {
  const reader = new FrameReader(limits);
  for await (const chunk of source) {
    reader.push(chunk);
    const batch: Incoming<M>[] = [];
    for (;;) {
      let frame: ReturnType<FrameReader['next']>;
      try {
        frame = reader.next();
      } catch (err) {
        if (batch.length > 0) yield batch;
        throw err;
      }
      if (!frame) break;
      const size = HEADER_SIZE + frame.payload.length;
      try {
        batch.push({ message: decodePayload(frame.flags, frame.payload), size });
      } catch (err) {
        if (!(err instanceof WireError)) throw err;
        batch.push({ error: err, size });
      }
    }
    if (batch.length > 0) yield batch;
  }
}
