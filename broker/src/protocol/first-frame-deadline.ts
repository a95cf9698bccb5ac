// Reading a stream's frames under the broker's deadlines. A peer that opens a stream and then
// says nothing whole in time loses it, so idle opens cannot pile up; and an owner may stop the
// reading at any moment (a frame that stalled). Reading is cut underneath the frame reader,
// which then ends as if the peer had finished.
import { type FrameLimits, type IncomingFrame, readFrames } from '@felix/generated';
import type { BidiStream, ByteSource } from '@felix/transport';

export interface FirstFrameDeadline {
  ms: number;
  /** Called once if the deadline passes, before the stream is reset. */
  expired(): void;
  /** The reset code the stream gets. */
  resetCode: number;
}

/**
 * readFrames over `stream`, resetting it if no whole frame has arrived within `deadline.ms`
 * (when given), and ending once `stop` settles.
 */
export async function* framesWithin(
  stream: BidiStream,
  limits: FrameLimits,
  deadline?: FirstFrameDeadline,
  stop?: Promise<unknown>,
): AsyncGenerator<IncomingFrame[]> {
  let reading: AsyncIterator<Uint8Array> | undefined;
  let stopped = false;
  // Ends a read that is waiting, which a generator's own return() would queue behind.
  const cut = () => {
    stopped = true;
    void reading?.return?.()?.catch(() => undefined);
  };
  const source: ByteSource = {
    [Symbol.asyncIterator]: () => {
      reading = stream.readable[Symbol.asyncIterator]();
      if (stopped) cut();
      return reading;
    },
  };
  void stop?.then(cut);
  const timer =
    deadline &&
    setTimeout(() => {
      deadline.expired();
      stream.writable.reset(deadline.resetCode);
      cut();
    }, deadline.ms);
  try {
    for await (const batch of readFrames(source, limits)) {
      clearTimeout(timer);
      if (stopped) return;
      yield batch;
    }
  } finally {
    clearTimeout(timer);
  }
}
