// A deadline on a stream's first whole frame: a peer that opens a stream and then says nothing
// whole in time loses it, so idle opens cannot pile up. Reading is cut underneath the frame
// reader, which then ends as if the peer had finished.
import { type FrameLimits, type IncomingFrame, readFrames } from '@felix/generated';
import type { BidiStream, ByteSource } from '@felix/transport';

export interface FirstFrameDeadline {
  ms: number;
  /** Called once if the deadline passes, before the stream is reset. */
  expired(): void;
  /** The reset code the stream gets. */
  resetCode: number;
}

/** readFrames over `stream`, resetting it if no whole frame has arrived within `deadline.ms`. */
export async function* framesWithin(
  stream: BidiStream,
  limits: FrameLimits,
  deadline: FirstFrameDeadline,
): AsyncGenerator<IncomingFrame[]> {
  let reading: AsyncIterator<Uint8Array> | undefined;
  const source: ByteSource = {
    [Symbol.asyncIterator]: () => {
      reading = stream.readable[Symbol.asyncIterator]();
      return reading;
    },
  };
  const timer = setTimeout(() => {
    deadline.expired();
    stream.writable.reset(deadline.resetCode);
    // Ends a read that is waiting, which a generator's own return() would queue behind.
    void reading?.return?.()?.catch(() => undefined);
  }, deadline.ms);
  try {
    for await (const batch of readFrames(source, limits)) {
      clearTimeout(timer);
      yield batch;
    }
  } finally {
    clearTimeout(timer);
  }
}
