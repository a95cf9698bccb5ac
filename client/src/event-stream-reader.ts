// One event stream read as a subscription and a group consumer both read theirs: first the
// event_stream_hello that binds it to the id the broker gave, then messages until the stream
// ends, the broker's error ends it, or a newer attach supersedes the reader. A frame that does
// not decode is reported and skipped; a stream that breaks its framing ends the read.
import { type JsonU64, readFrames, WireError, type WireMessage } from '@felix/generated';
import { FelixError, fromErrorMessage } from './errors.js';

export interface EventStreamReading {
  /** The id event_stream_hello must name (the subscription's or the consumer's). */
  readonly id: JsonU64;
  /** What errors name: "subscription orders", "consumer workers on orders". */
  readonly what: string;
  readonly maxFrameBytes: number;
  reportError(error: FelixError): void;
  /** False once a newer attach has taken over: the read stops. */
  current(): boolean;
  /** Each message after the hello. */
  accept(message: WireMessage): void;
  /** After each read's worth of frames; may wait (a subscriber's backpressure). */
  afterBatch?(): void | Promise<void>;
}

/**
 * Reads `it` to its end; resolves with the broker's error, or the framing failure, that ended
 * it, if one did. A reset or a lost connection resolves with nothing: the caller attaches again.
 */
export async function readEventStream(
  it: AsyncIterator<Uint8Array>,
  r: EventStreamReading,
): Promise<FelixError | undefined> {
  let hello = false;
  const frames = readFrames({ [Symbol.asyncIterator]: () => it }, { maxPayload: r.maxFrameBytes });
  try {
    for await (const batch of frames) {
      if (!r.current()) return undefined;
      for (const f of batch) {
        if (f.error) {
          r.reportError(
            new FelixError(`${r.what}: unreadable frame: ${f.error.message}`, {
              code: 'protocol_error',
              retry: 'fatal',
            }),
          );
          continue;
        }
        const m = f.message;
        if (m.type === 'error') return fromErrorMessage(m, r.what);
        if (!hello) {
          if (m.type !== 'event_stream_hello' || m.subscription_id !== r.id) return undefined;
          hello = true;
          continue;
        }
        r.accept(m);
      }
      await r.afterBatch?.();
      if (!r.current()) return undefined;
    }
  } catch (err) {
    if (err instanceof WireError) return new FelixError(`${r.what}: ${err.message}`, { code: 'protocol_error' });
  }
  return undefined;
}
