// The one frame read loop: bytes in as they arrive, decoded frames out. Every reader of a Felix
// stream (broker sessions, client streams, test kits, fuzzers) goes through it, so header checks,
// the payload limit and the rule "a bad payload costs one frame, a bad header the stream" hold
// the same everywhere.
import { FrameReader } from './frame-reader.js';
import { HEADER_SIZE } from './generated/protocol.js';
import { WireError } from './wire-error.js';

/**
 * How a reader's owner accounts for a frame that has been announced by its header but has not
 * all arrived: the bytes it will hold, and how fast they come. Each stream has at most one such
 * frame at a time, so one object serves one read loop.
 */
export interface ReceiveAccounting {
  /**
   * A header announced a frame of `size` bytes (header included) that is not here whole yet.
   * While the returned promise is pending the loop reads nothing more from the stream, so the
   * sender is pushed back rather than its bytes buffered.
   */
  begin(size: number): Promise<void> | undefined;
  /**
   * The loop waits for more of the frame, of which `received` bytes have arrived. Only the
   * time from here to the next chunk is the peer's: a frame begins after the consumer has
   * handled the frames before it, so time the consumer takes is never counted against it.
   */
  reading(received: number): void;
  /** The frame is whole and decoded, or the stream ended before it was. */
  end(): void;
}

export interface FrameLimits {
  /** Largest payload accepted; a larger declared length ends the stream with frame_too_large. */
  maxPayload?: number;
  /** Told of each frame that spans reads, from its header to its end. */
  receiving?: ReceiveAccounting;
  /**
   * A frame whose header's only fault is its flags is skipped and yielded as an error, and the
   * stream read on (see FrameReaderOptions.skipBadFlags); otherwise it ends the stream.
   */
  skipBadFlags?: boolean;
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
  const accounting = limits.receiving;
  // Whether accounting has been told of the frame now unfinished (begin without end yet).
  let begun = false;
  try {
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
        if (frame.error) batch.push({ error: frame.error, size });
        else
          try {
            batch.push({ message: decodePayload(frame.flags, frame.payload), size });
          } catch (err) {
            if (!(err instanceof WireError)) throw err;
            batch.push({ error: err, size });
          }
        if (begun) {
          begun = false;
          accounting?.end();
        }
      }
      if (batch.length > 0) yield batch;
      const unfinished = accounting && reader.unfinished;
      if (!unfinished) continue;
      if (!begun) {
        begun = true;
        const admitted = accounting.begin(unfinished.size);
        if (admitted) await admitted;
      }
      accounting.reading(unfinished.received);
    }
  } finally {
    if (begun) accounting?.end();
  }
}
