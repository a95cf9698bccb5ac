// The read loop's receive-accounting hook: told of a frame from its header to its end, asked
// before reading on, and always ended, whether the frame completes or the stream stops first.
import { describe, expect, it } from 'vitest';
import { encodeFrame, type FrameLimits, HEADER_SIZE, readFrames } from '../src/index.js';

type ReceiveAccounting = NonNullable<FrameLimits['receiving']>;

const get = (id: number) =>
  encodeFrame({ type: 'cache_get', tenant_id: 't1', namespace: 'default', cache: 'c', key: `k${id}`, request_id: id });
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** An accounting that records its calls and keeps a balance, as a pool would. */
function recorder(admission?: () => Promise<void> | undefined) {
  const calls: string[] = [];
  let charged = 0;
  let open = 0;
  const accounting: ReceiveAccounting = {
    begin: (size) => {
      calls.push(`begin ${size}`);
      charged += size;
      open = size;
      return admission?.();
    },
    reading: (received) => calls.push(`reading ${received}`),
    end: () => {
      calls.push('end');
      charged -= open;
      open = 0;
    },
  };
  return { accounting, calls, charged: () => charged };
}

describe('readFrames with receive accounting', () => {
  it('leaves frames that arrive whole alone', async () => {
    const { accounting, calls } = recorder();
    for await (const _ of readFrames(
      (async function* () {
        yield join(get(1), get(2));
      })(),
      { receiving: accounting },
    ));
    expect(calls).toEqual([]);
  });

  it('charges a split frame from its header, reports progress, and releases it once decoded', async () => {
    const frame = get(3);
    const { accounting, calls, charged } = recorder();
    const seen: number[] = [];
    const source = (async function* () {
      yield join(get(1), frame.subarray(0, HEADER_SIZE + 2));
      seen.push(charged());
      yield frame.subarray(HEADER_SIZE + 2, HEADER_SIZE + 5);
      seen.push(charged());
      yield join(frame.subarray(HEADER_SIZE + 5), get(4));
    })();
    const types: string[] = [];
    for await (const batch of readFrames(source, { receiving: accounting })) for (const f of batch) types.push(f.message!.type);
    expect(types).toEqual(['cache_get', 'cache_get', 'cache_get']);
    expect(calls).toEqual([
      `begin ${frame.length}`,
      `reading ${HEADER_SIZE + 2}`,
      `reading ${HEADER_SIZE + 5}`,
      'end',
    ]);
    expect(seen).toEqual([frame.length, frame.length]);
    expect(charged()).toBe(0);
  });

  it('begins the next frame only after the consumer has had the frames before it', async () => {
    const first = get(5);
    const next = get(7);
    const { accounting, calls } = recorder();
    const source = (async function* () {
      yield first.subarray(0, HEADER_SIZE + 1);
      yield first.subarray(HEADER_SIZE + 1, HEADER_SIZE + 3);
      yield join(first.subarray(HEADER_SIZE + 3), get(6), next.subarray(0, HEADER_SIZE + 1));
      yield next.subarray(HEADER_SIZE + 1);
    })();
    for await (const batch of readFrames(source, { receiving: accounting })) calls.push(`batch ${batch.length}`);
    expect(calls).toEqual([
      `begin ${first.length}`,
      `reading ${HEADER_SIZE + 1}`,
      `reading ${HEADER_SIZE + 3}`,
      'end',
      'batch 2',
      `begin ${next.length}`,
      `reading ${HEADER_SIZE + 1}`,
      'end',
      'batch 1',
    ]);
  });

  it('reads nothing more until begin lets it, so a full pool pushes back on the sender', async () => {
    const frame = get(9);
    let admit!: () => void;
    const { accounting } = recorder(() => new Promise<void>((resolve) => (admit = resolve)));
    let pulled = 0;
    const source = (async function* () {
      pulled++;
      yield frame.subarray(0, HEADER_SIZE + 1);
      pulled++;
      yield frame.subarray(HEADER_SIZE + 1);
    })();
    const reading = (async () => {
      const out: string[] = [];
      for await (const batch of readFrames(source, { receiving: accounting })) for (const f of batch) out.push(f.message!.type);
      return out;
    })();
    // A loop that did not wait would have pulled the next chunk within these turns.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBe(1);
    admit();
    expect(await reading).toEqual(['cache_get']);
    expect(pulled).toBe(2);
  });

  it('ends the accounting when the stream ends mid-frame', async () => {
    const { accounting, calls, charged } = recorder();
    const source = (async function* () {
      yield get(10).subarray(0, HEADER_SIZE + 3);
    })();
    for await (const _ of readFrames(source, { receiving: accounting }));
    expect(calls.at(-1)).toBe('end');
    expect(charged()).toBe(0);
  });

  it('ends the accounting when the consumer stops reading mid-frame', async () => {
    const { accounting, calls, charged } = recorder();
    const source = (async function* () {
      yield join(get(11), get(12).subarray(0, HEADER_SIZE + 3));
      yield get(12).subarray(HEADER_SIZE + 3);
    })();
    for await (const _ of readFrames(source, { receiving: accounting })) break;
    // Broken out of at the first batch: the split frame had not begun yet.
    expect(charged()).toBe(0);
    expect(calls.filter((c) => c === 'end').length).toBe(calls.filter((c) => c.startsWith('begin')).length);
  });
});
