// The WHATWG-stream sink under a writer that detaches what it is given, as a browser's
// WebTransport writer may: its accounting must not read a chunk after handing it over.
import { describe, expect, it } from 'vitest';
import { HIGH_WATER_MARK, WebTransportSink } from '../src/webtransport/byte-streams.js';

/** A writable that takes ownership of every chunk by transferring (detaching) its buffer. */
function detachingWritable(received: number[]): WritableStream<Uint8Array> {
  return new WritableStream<Uint8Array>({
    write(chunk) {
      const owned = structuredClone(chunk.buffer, { transfer: [chunk.buffer] });
      received.push(owned.byteLength);
    },
  });
}

describe('WebTransportSink', () => {
  it('drains to zero buffered bytes when the writer detaches each chunk', async () => {
    const received: number[] = [];
    const sink = new WebTransportSink(detachingWritable(received));
    const chunk = 256 << 10;
    let accepted = true;
    for (let i = 0; accepted; i++) accepted = sink.write(new Uint8Array(chunk).fill(i));
    expect(sink.bufferedBytes).toBeGreaterThanOrEqual(HIGH_WATER_MARK);
    await sink.drained();
    await sink.end();
    expect(sink.bufferedBytes).toBe(0);
    expect(received.every((n) => n === chunk)).toBe(true);
    // Without the fix drained() never resolves; fail in seconds rather than at the suite's limit.
  }, 5_000);

  it('copies small chunks into a fresh buffer, so callers may keep theirs', async () => {
    const received: number[] = [];
    const sink = new WebTransportSink(detachingWritable(received));
    const small = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])];
    for (const c of small) sink.write(c);
    await sink.end();
    expect(received).toEqual([5]);
    expect(small.map((c) => [...c])).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });
});
