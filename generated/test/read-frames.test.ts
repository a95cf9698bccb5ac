import { describe, expect, it } from 'vitest';
import { encodeFrame, frameBytes, readFrames, WireError } from '../src/index.js';

async function* chunks(...parts: Uint8Array[]) {
  yield* parts;
}

const get = (id: number) =>
  encodeFrame({ type: 'cache_get', tenant_id: 't1', namespace: 'default', cache: 'c', key: `k${id}`, request_id: id });
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const kinds = (batch: { message?: { type: string }; error?: WireError }[]) =>
  batch.map((i) => i.message?.type ?? i.error?.code);

describe('readFrames', () => {
  it('yields the frames of one chunk together, a frame split across chunks with the chunk that completes it', async () => {
    const [a, b, c] = [get(1), get(2), get(3)];
    const batches = [];
    for await (const batch of readFrames(chunks(join(a, b, c.subarray(0, 5)), c.subarray(5)))) batches.push(kinds(batch));
    expect(batches).toEqual([['cache_get', 'cache_get'], ['cache_get']]);
  });

  it('reports a bad payload as the error of its frame and goes on with the next one', async () => {
    const notJson = frameBytes(0, new TextEncoder().encode('{"type":'));
    const batches = [];
    for await (const batch of readFrames(chunks(join(get(1), notJson, get(2))))) batches.push(kinds(batch));
    expect(batches).toEqual([['cache_get', 'invalid_json', 'cache_get']]);
  });

  it('counts each frame with its header in size', async () => {
    const frame = get(7);
    for await (const [only] of readFrames(chunks(frame))) expect(only.size).toBe(frame.length);
  });

  it('yields the messages before a bad header, then throws its WireError', async () => {
    const bad = new Uint8Array(frameBytes(0, new Uint8Array(0)).length).fill(0xff);
    const seen: number[] = [];
    const read = async () => {
      for await (const batch of readFrames(chunks(join(get(1), bad)))) seen.push(batch.length);
    };
    await expect(read()).rejects.toMatchObject({ code: 'bad_magic' });
    expect(seen).toEqual([1]);
  });

  it('refuses a declared length above the limit before the payload arrives', async () => {
    const big = frameBytes(0, new Uint8Array(0), 1025);
    const read = async () => {
      for await (const _ of readFrames(chunks(big), { maxPayload: 1024 })) {
        // nothing arrives before the error
      }
    };
    const err = await read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WireError);
    expect(err).toMatchObject({ code: 'frame_too_large', field: 'frame.length' });
  });

  it('with skipBadFlags, steps over a frame whose only fault is its flags and reads on', async () => {
    const unknownBit = frameBytes(0x8000, new Uint8Array([1, 2, 3]));
    const twoLayouts = frameBytes(0x0003, new Uint8Array(0));
    const source = chunks(join(get(1), unknownBit.subarray(0, 13)), join(unknownBit.subarray(13), twoLayouts, get(2)));
    const batches = [];
    for await (const batch of readFrames(source, { skipBadFlags: true })) batches.push(kinds(batch));
    expect(batches).toEqual([['cache_get'], ['unknown_flags', 'invalid_flags', 'cache_get']]);
  });

  it('with skipBadFlags, still gives up on a bad-flags frame too large to step over', async () => {
    const big = frameBytes(0x8000, new Uint8Array(0), 1025);
    const read = async () => {
      for await (const _ of readFrames(chunks(big), { maxPayload: 1024, skipBadFlags: true })) {
        // nothing arrives before the error
      }
    };
    await expect(read()).rejects.toMatchObject({ code: 'unknown_flags' });
  });
});
