// Reads messages off a stream. A frame whose header is bad ends the stream (its boundaries can
// no longer be trusted); a frame whose payload is bad is reported and reading goes on, so one
// malformed request costs only its own answer.
import { decodePayload, FrameReader, WireError, type WireMessage } from '@felix/generated';
import type { ByteSource } from '@felix/transport';

export type Incoming = { message: WireMessage; size: number } | { error: WireError; size: number };

export async function* readMessages(source: ByteSource, maxPayload: number): AsyncGenerator<Incoming> {
  const reader = new FrameReader({ maxPayload });
  for await (const chunk of source) {
    reader.push(chunk);
    for (;;) {
      const frame = reader.next(); // a header error throws and ends the stream
      if (!frame) break;
      const size = 12 + frame.payload.length;
      try {
        yield { message: decodePayload(frame.flags, frame.payload), size };
      } catch (err) {
        if (!(err instanceof WireError)) throw err;
        yield { error: err, size };
      }
    }
  }
}

/**
 * The messages of each chunk the source delivers, together, so a caller can answer them with
 * one write. Same errors as readMessages: a bad header ends the stream, after the messages
 * before it have been yielded.
 */
export async function* readMessageBatches(source: ByteSource, maxPayload: number): AsyncGenerator<Incoming[]> {
  const reader = new FrameReader({ maxPayload });
  for await (const chunk of source) {
    reader.push(chunk);
    const batch: Incoming[] = [];
    for (;;) {
      let frame: ReturnType<FrameReader['next']>;
      try {
        frame = reader.next();
      } catch (err) {
        if (batch.length > 0) yield batch;
        throw err;
      }
      if (!frame) break;
      const size = 12 + frame.payload.length;
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
