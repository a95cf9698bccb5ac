import type { ByteSink } from '@felix/transport';
import { describe, expect, it } from 'vitest';
import { CoalescingSink, JOIN_LIMIT_BYTES } from '../src/protocol/coalescing-sink.js';

function recordingSink() {
  const writes: Uint8Array[] = [];
  const sink: ByteSink = {
    write: (c) => writes.push(c) > 0,
    drained: async () => {},
    bufferedBytes: 0,
    end: async () => {},
    reset: () => {},
  };
  return { sink, writes };
}

describe('CoalescingSink', () => {
  it('holds frames until flush and writes them as one chunk, in order', () => {
    const { sink, writes } = recordingSink();
    const out = new CoalescingSink(sink);
    out.write(Uint8Array.of(1, 2));
    out.write(Uint8Array.of(3));
    expect(writes).toHaveLength(0);
    expect(out.bufferedBytes).toBe(3);
    out.flush();
    out.flush(); // nothing held: no empty write
    expect(writes).toEqual([Uint8Array.of(1, 2, 3)]);
  });

  it('passes a single frame through without copying', () => {
    const { sink, writes } = recordingSink();
    const out = new CoalescingSink(sink);
    const frame = Uint8Array.of(9);
    out.write(frame);
    out.flush();
    expect(writes[0]).toBe(frame);
  });
});

describe('CoalescingSink with large frames', () => {
  it('writes a frame of JOIN_LIMIT_BYTES or more at once, after what it holds, and joins no copy of it', () => {
    const { sink, writes } = recordingSink();
    const out = new CoalescingSink(sink);
    out.write(Uint8Array.of(1));
    const big = new Uint8Array(JOIN_LIMIT_BYTES);
    out.write(big);
    expect(writes).toEqual([Uint8Array.of(1), big]);
    expect(writes[1]).toBe(big);
    expect(out.bufferedBytes).toBe(0);
  });

  it('writes what it holds once it adds up to JOIN_LIMIT_BYTES', () => {
    const { sink, writes } = recordingSink();
    const out = new CoalescingSink(sink);
    const half = JOIN_LIMIT_BYTES / 2;
    out.write(new Uint8Array(half - 1));
    expect(writes).toHaveLength(0);
    out.write(new Uint8Array(half + 1));
    expect(writes.map((w) => w.length)).toEqual([JOIN_LIMIT_BYTES]);
  });
});
