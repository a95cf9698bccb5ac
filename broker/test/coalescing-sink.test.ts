import { encodeFrame, WireError } from '@felix/generated';
import type { ByteSink } from '@felix/transport';
import { describe, expect, it } from 'vitest';
import { CoalescingSink } from '../src/protocol/coalescing-sink.js';
import { readMessageBatches } from '../src/protocol/frame-source.js';

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

async function* chunks(...parts: Uint8Array[]) {
  yield* parts;
}

const get = (id: number) =>
  encodeFrame({ type: 'cache_get', tenant_id: 't1', namespace: 'default', cache: 'c', key: `k${id}`, request_id: id });
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

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

describe('readMessageBatches', () => {
  it('yields the frames of one chunk together, a frame split across chunks with the chunk that completes it', async () => {
    const [a, b, c] = [get(1), get(2), get(3)];
    const cAndRest = join(a, b, c.subarray(0, 5));
    const batches = [];
    for await (const batch of readMessageBatches(chunks(cAndRest, c.subarray(5)), 1 << 20))
      batches.push(batch.map((i) => ('message' in i ? i.message.type : 'error')));
    expect(batches).toEqual([['cache_get', 'cache_get'], ['cache_get']]);
  });

  it('yields the messages before a bad header, then throws its WireError', async () => {
    const bad = new Uint8Array(12).fill(0xff);
    const seen: number[] = [];
    const read = async () => {
      for await (const batch of readMessageBatches(chunks(join(get(1), bad)), 1 << 20)) seen.push(batch.length);
    };
    await expect(read()).rejects.toBeInstanceOf(WireError);
    expect(seen).toEqual([1]);
  });
});
