// A connection's incoming streams (a ReadableStream of streams, as WebTransport and Deno's QUIC
// hand them out) as an async iterable of this package's stream types.

/**
 * Yields `map` of each stream the connection hands out until it stops. The libraries error
 * these readables only when the connection fails, and the connection's `closed` reports why, so
 * an error here just ends the iteration.
 */
export async function* incomingStreams<T, U>(readable: ReadableStream<T>, map: (value: T) => U): AsyncGenerator<U> {
  const reader = readable.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield map(value);
    }
  } catch {
    // The connection failed; `closed` says why.
  } finally {
    reader.releaseLock();
  }
}
